import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createToken, deleteTokenOf, listTokens } from '../../domain/api-tokens.js';
import { NoContent, UserRefParams } from '../schemas/common.js';
import { CreateTokenBody, CreatedToken, TokenList, TokenParams } from '../schemas/tokens.js';

// Your own tokens for everyone; anyone's for the site admin (token.manage.any, checked per owner).
export const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/users/:user/tokens', {
    schema: { params: UserRefParams, response: { 200: TokenList } },
    config: { access: 'token.manage.own' },
  }, async (request) => ({ tokens: await listTokens(request.ctx, request.params.user) }));

  app.post('/api/v1/users/:user/tokens', {
    schema: { params: UserRefParams, body: CreateTokenBody, response: { 201: CreatedToken } },
    config: { access: 'token.manage.own' },
  }, async (request, reply) => reply.code(201).send(await createToken(request.ctx, request.params.user, request.body)));

  app.delete('/api/v1/users/:user/tokens/:id', {
    schema: { params: TokenParams, response: { 204: NoContent } },
    config: { access: 'token.manage.own' },
  }, async (request, reply) => {
    await deleteTokenOf(request.ctx, request.params.user, request.params.id);
    return reply.code(204).send(null);
  });
};
