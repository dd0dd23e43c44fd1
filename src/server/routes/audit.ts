import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditCsvColumns, auditRowsForExport, listAudit } from '../../domain/audit-list.js';
import { csvStream } from '../../domain/csv.js';
import { AuditExportQuery, AuditPage, AuditQuery } from '../schemas/audit.js';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/audit', {
    schema: { querystring: AuditQuery, response: { 200: AuditPage } },
    config: { access: 'audit.read' },
  }, (request) => listAudit(request.ctx, request.query));

  app.get('/api/v1/audit/export.csv', {
    schema: { querystring: AuditExportQuery, produces: ['text/csv'] },
    config: { access: 'audit.export' },
  }, async (request, reply) => {
    const stamp = new Date(request.ctx.now()).toISOString().slice(0, 19).replaceAll(':', '-');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="roster-audit-${stamp}.csv"`)
      .send(csvStream(auditCsvColumns, auditRowsForExport(request.ctx, request.query)));
  });
};
