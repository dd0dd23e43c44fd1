import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config.js';
import { changeOwnPassword, login, logout } from '../../domain/auth.js';
import { sessionCookie, setSessionCookie } from '../plugins/authentication.js';
import { authMethods } from '../../domain/oidc/methods.js';
import { AuthMethods, LoginBody, LoginResponse } from '../schemas/auth.js';
import { NoContent } from '../schemas/common.js';
import { ChangePasswordBody } from '../schemas/users.js';

export const authRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  app.post('/api/v1/auth/login', {
    schema: { body: LoginBody, response: { 200: LoginResponse } },
    config: { access: 'public' },
  }, async (request, reply) => {
    // A client that gave up waiting is not worth a password hash: sign-in is where storms queue for one.
    const response = reply.raw;
    request.ctx.client.hashClient = {
      hasLeft: () => response.closed,
      // 'close' also comes after the answer; by then nothing listens any more.
      onLeave: (listener) => { response.once('close', listener); return () => { response.off('close', listener); }; },
    };
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

  // What the sign-in page offers.
  app.get('/api/v1/auth/methods', {
    schema: { response: { 200: AuthMethods } },
    config: { access: 'public' },
  }, (request) => authMethods(request.ctx));

  app.put('/api/v1/users/me/password', {
    schema: { body: ChangePasswordBody, response: { 204: NoContent } },
    config: { access: 'signed-in', duringPasswordChange: true },
  }, async (request, reply) => {
    await changeOwnPassword(request.ctx, request.body);
    return reply.code(204).send(null);
  });
};
