// Turns the session cookie or bearer token into `request.ctx.actor`, then
// enforces what the route declared: its permission, and whether it stays
// open while a temporary password awaits its change (SPEC §1.3).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { Db } from '../../db/dialects.js';
import type { Ctx } from '../../domain/context.js';
import type { SecretBox } from '../../domain/secret-box.js';
import { fail } from '../../domain/errors.js';
import { can, type Permission } from '../../domain/permissions.js';
import { actorFromToken } from '../../domain/sessions.js';
import { assertSameOrigin } from './same-origin.js';

export const sessionCookie = 'roster_session';

export function setSessionCookie(reply: FastifyReply, config: Config, token: string, expiresAt: number): void {
  reply.setCookie(sessionCookie, token, {
    path: '/', httpOnly: true, sameSite: 'lax', secure: config.publicUrl.protocol === 'https:',
    expires: new Date(expiresAt),
  });
}

/** What a route needs: a permission from the table, any signed-in user, or nothing. */
export type RouteAccess = Permission | 'signed-in' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Reachable by a session that must change its password first. */
    duringPasswordChange?: boolean;
    /**
     * Also open to managers of the organization in the path (SPEC §4), who
     * may lack the site permission: the domain checks their org role.
     */
    orgManagersToo?: boolean;
    /**
     * The handler shows the actor's own view (`GET /users/me`): read their
     * memberships with the session, which on PostgreSQL saves a round trip.
     * Other routes do not pay for the subquery.
     */
    actorMemberships?: boolean;
  }
  interface FastifyRequest {
    ctx: Ctx;
  }
}

function presentedToken(request: FastifyRequest): { token: string; via: 'bearer' | 'cookie' } | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice(7).trim(), via: 'bearer' };
  const cookie = request.cookies[sessionCookie];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

export function registerAuthentication(app: FastifyInstance, deps: { db: Db; config: Config; clock: () => number; secrets: SecretBox }): void {
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.addHook('onRequest', async (request) => {
    request.ctx = {
      db: deps.db, config: deps.config, actor: null, now: deps.clock, secrets: deps.secrets,
      client: { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null },
    };
    const access = request.routeOptions.config.access;
    if (access === undefined) return; // not a route of ours (404 handler)
    const presented = presentedToken(request);
    if (presented?.via !== 'bearer') assertSameOrigin(request, deps.config);
    if (access === 'public') return;
    const actor = presented ? await actorFromToken(request.ctx, presented.token, request.routeOptions.config.actorMemberships) : null;
    if (!actor) fail('UNAUTHENTICATED', 'Sign in to continue: the session or API token is missing, expired or revoked.');
    request.ctx.actor = actor;
    if (actor.mustChangePassword && !request.routeOptions.config.duringPasswordChange) {
      fail('PASSWORD_CHANGE_REQUIRED', 'Change your temporary password before doing anything else.');
    }
    if (access !== 'signed-in' && !can(actor.role, access) && !request.routeOptions.config.orgManagersToo) {
      fail('FORBIDDEN', 'You do not have permission to do this.');
    }
  });
}
