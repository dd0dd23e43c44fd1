import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config.js';
import { changeOwnPassword, login, logout } from '../../domain/auth.js';
import { sessionCookie } from '../plugins/authentication.js';
import { AuthMethods, LoginBody, LoginResponse } from '../schemas/auth.js';
import { NoContent } from '../schemas/common.js';
import { ChangePasswordBody } from '../schemas/users.js';

function setSessionCookie(reply: FastifyReply, config: Config, token: string, expiresAt: number): void {
  reply.setCookie(sessionCookie, token, {
    path: '/', httpOnly: true, sameSite: 'lax', secure: config.publicUrl.protocol === 'https:',
    expires: new Date(expiresAt),
  });
}

export const authRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  app.post('/api/v1/auth/login', {
    schema: { body: LoginBody, response: { 200: LoginResponse } },
    config: { access: 'public' },
  }, async (request, reply) => {
    const result = await login(request.ctx, request.body);
    setSessionCookie(reply, config, result.sessionToken, result.expiresAt);
    return { user: result.user, mustChangePassword: result.user.mustChangePassword, sessionToken: result.sessionToken };
  });

  app.post('/api/v1/auth/logout', {
    schema: { response: { 204: NoContent } },
    config: { access: 'signed-in', duringPasswordChange: true },
  }, async (request, reply) => {
    await logout(request.ctx);
    reply.clearCookie(sessionCookie, { path: '/' });
    return reply.code(204).send(null);
  });

  // What the sign-in page offers. OIDC arrives with its own issue.
  app.get('/api/v1/auth/methods', {
    schema: { response: { 200: AuthMethods } },
    config: { access: 'public' },
  }, async () => ({ password: { enabled: true }, oidc: { enabled: false, buttonLabel: null } }));

  app.put('/api/v1/users/me/password', {
    schema: { body: ChangePasswordBody, response: { 204: NoContent } },
    config: { access: 'signed-in', duringPasswordChange: true },
  }, async (request, reply) => {
    await changeOwnPassword(request.ctx, request.body);
    return reply.code(204).send(null);
  });
};
