import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fail } from '../../domain/errors.js';
import { Status } from '../schemas/common.js';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  // Alive: the process answers. Ready: it can also reach its database.
  app.get('/healthz', { schema: { response: { 200: Status } }, config: { access: 'public' } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { response: { 200: Status } }, config: { access: 'public' } }, async (request) => {
    try {
      await sql`select 1`.execute(request.ctx.db.kysely);
    } catch {
      fail('UNAVAILABLE', 'The database cannot be reached.');
    }
    return { status: 'ready' };
  });
};
