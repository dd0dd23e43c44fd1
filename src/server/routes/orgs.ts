import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listOrgs } from '../../domain/orgs.js';
import { OrgList } from '../schemas/orgs.js';

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/orgs', {
    schema: { response: { 200: OrgList } },
    config: { access: 'org.read.own' },
  }, async (request) => ({ orgs: await listOrgs(request.ctx) }));
};
