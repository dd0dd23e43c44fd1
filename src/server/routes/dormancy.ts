import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dormancySettings, updateDormancySettings } from '../../domain/dormancy.js';

const DormancySettings = z.object({ thresholdDays: z.number().int(), deleteAfterDays: z.number().int().nullable() });
const DormancyBody = z.strictObject({
  thresholdDays: z.number().int().min(1).max(3650).optional(),
  deleteAfterDays: z.number().int().min(1).max(365).nullable().optional(),
});

export const dormancyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/settings/dormancy', {
    schema: { response: { 200: DormancySettings } },
    config: { access: 'settings.read' },
  }, (request) => dormancySettings(request.ctx.db.kysely));

  app.put('/api/v1/settings/dormancy', {
    schema: { body: DormancyBody, response: { 200: DormancySettings } },
    config: { access: 'settings.update' },
  }, (request) => updateDormancySettings(request.ctx, request.body));
};
