// The browser's side of the OpenID Connect round trip: both answer with
// redirects, never JSON, since a person's browser is following them.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { OidcRefusal } from '../../domain/oidc/accounts.js';
import { finishOidcLogin, startOidcLogin } from '../../domain/oidc/flow.js';
import { setSessionCookie } from '../plugins/authentication.js';

const attemptCookie = 'roster_oidc';

function backToSignIn(reply: FastifyReply, error: OidcRefusal) {
  reply.clearCookie(attemptCookie, { path: '/oidc' });
  return reply.redirect(`/login?oidc_error=${encodeURIComponent(error.message)}`, 302);
}

export const oidcRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  app.get('/api/v1/auth/oidc/login', {
    schema: { querystring: z.strictObject({ returnTo: z.string().max(512).optional() }) },
    config: { access: 'public' },
  }, async (request, reply) => {
    try {
      const { url, browserToken } = await startOidcLogin(request.ctx, request.query.returnTo);
      // Ties the attempt to this browser: a callback URL replayed elsewhere is refused.
      reply.setCookie(attemptCookie, browserToken, {
        path: '/oidc', httpOnly: true, sameSite: 'lax', secure: config.publicUrl.protocol === 'https:', maxAge: 600,
      });
      return reply.redirect(url.href, 302);
    } catch (error) {
      if (error instanceof OidcRefusal) return backToSignIn(reply, error);
      throw error;
    }
  });

  app.get('/oidc/callback', { config: { access: 'public' } }, async (request, reply) => {
    const currentUrl = new URL(request.url, config.publicUrl);
    try {
      const result = await finishOidcLogin(request.ctx, currentUrl, request.cookies[attemptCookie]);
      setSessionCookie(reply, config, result.sessionToken, result.expiresAt);
      reply.clearCookie(attemptCookie, { path: '/oidc' });
      return reply.redirect(result.returnTo, 302);
    } catch (error) {
      if (error instanceof OidcRefusal) return backToSignIn(reply, error);
      throw error;
    }
  });
};
