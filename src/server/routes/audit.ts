import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listAudit } from '../../domain/audit-list.js';
import { AuditPage, AuditQuery } from '../schemas/audit.js';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/audit', {
    schema: { querystring: AuditQuery, response: { 200: AuditPage } },
    config: { access: 'audit.read' },
  }, (request) => listAudit(request.ctx, request.query));
};
