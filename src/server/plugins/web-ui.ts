// Serves the built web UI (dist/web) at `/`: files by path, and index.html for
// every other page path so the UI's router can take over. API paths never
// fall through to the UI.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { fail } from '../../domain/errors.js';

/** dist/web, whether this module runs compiled (dist/server) or from source (src/server). */
export function findWebRoot(): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../../web'), path.resolve(here, '../../../dist/web')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? null;
}

export async function registerWebUi(app: FastifyInstance, root: string | null): Promise<void> {
  if (root) await app.register(fastifyStatic, { root, serve: false });
  app.get('/*', { schema: { hide: true }, config: { access: 'public' } }, async (request, reply) => {
    // The router has already decoded the path (and refused malformed escapes).
    const urlPath = `/${(request.params as { '*': string })['*']}`;
    if (urlPath.startsWith('/api/') || urlPath === '/api') fail('NOT_FOUND', `No route ${request.method} ${urlPath}.`);
    if (!root) fail('NOT_FOUND', 'The web UI is not built. Run `npm run build`, or start with `npm start`.');
    // Hashed asset names change with their content: cache them for good.
    if (urlPath.startsWith('/assets/') && existsSync(path.join(root, urlPath))) {
      return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(urlPath.slice(1));
    }
    const file = path.extname(urlPath) ? urlPath.slice(1) : null;
    if (file && existsSync(path.join(root, file)) && !file.split('/').includes('..')) return reply.sendFile(file);
    return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
  });
}
