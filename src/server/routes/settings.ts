import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authSettingsView, updateAuthSettings } from '../../domain/oidc/settings.js';
import { AuthSettingsBody, AuthSettingsView } from '../schemas/settings.js';

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/settings/auth', {
    schema: { response: { 200: AuthSettingsView } },
    config: { access: 'settings.read' },
  }, (request) => authSettingsView(request.ctx));

  app.put('/api/v1/settings/auth', {
    schema: { body: AuthSettingsBody, response: { 200: AuthSettingsView } },
    config: { access: 'settings.update' },
  }, (request) => updateAuthSettings(request.ctx, request.body));
};
