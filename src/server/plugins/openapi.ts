// The OpenAPI 3.1 document (SPEC §6.2), generated from the route schemas at
// /api/v1/openapi.json, and a browsable copy at /api/docs (Swagger UI, served
// from the swagger-ui-dist package: no inline script, nothing fetched elsewhere).
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { fail } from '../../domain/errors.js';

const swaggerUiDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Roster API</title><link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`;

const init = "window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n";

/** Registers the generator: call before any route, so it sees them all. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Roster API',
        version: '1',
        description: 'Self-hosted user management. Errors always have the shape {code, message, validations?}.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'roster_session', description: 'Set by POST /api/v1/auth/login.' },
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token (roster_…) or the sessionToken from sign-in.' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
}

export function registerOpenApiRoutes(app: FastifyInstance): void {
  app.get('/api/v1/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());
  app.get('/api/docs', { schema: { hide: true }, config: { access: 'public' } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
  app.get('/api/docs/init.js', { schema: { hide: true }, config: { access: 'public' } }, async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(init));
  app.get('/api/docs/assets/:file', { schema: { hide: true }, config: { access: 'public' } }, async (request, reply) => {
    const file = (request.params as { file: string }).file;
    const type = assets[file] ?? fail('NOT_FOUND', `No file ${file}.`);
    return reply.type(type).header('cache-control', 'public, max-age=86400').send(createReadStream(path.join(swaggerUiDir, file)));
  });
}
