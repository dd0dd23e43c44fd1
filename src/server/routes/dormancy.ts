import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dormancySettings, updateDormancySettings } from '../../domain/dormancy.js';
import { DormancyBody, DormancySettings } from '../schemas/settings.js';

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
