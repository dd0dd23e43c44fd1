// Text with a NUL character cannot be stored or compared by PostgreSQL and
// is never meaningful in a name, email or password: refuse it up front, in
// every part of every request, rather than let a query fail with a 500.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../domain/errors.js';

/**
 * The keys leading to the first NUL (in a string or a key), or null. Nothing
 * is allocated on the way down: nearly no request has a NUL, and a bulk
 * import's body is ten thousand rows, so the path is built only on a find.
 */
function findNul(value: unknown, depth = 0): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? [] : null;
  if (depth > 8 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], depth + 1);
      if (found) return [String(i), ...found];
    }
    return null;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (key.includes('\u0000')) return [key];
    const found = findNul((value as Record<string, unknown>)[key], depth + 1);
    if (found) return [key, ...found];
  }
  return null;
}

export function registerInputGuard(app: FastifyInstance): void {
  // A callback hook: every request passes here, most with nothing to check.
  app.addHook('preValidation', (request, _reply, done) => {
    const path = findNul(request.params) ?? findNul(request.query) ?? findNul(request.body);
    done(path === null ? undefined : new AppError('VALIDATION_FAILED', 'Text may not contain NUL characters.', [{ field: path.join('.') || 'body', detail: 'Contains a NUL character.' }]));
  });
}
