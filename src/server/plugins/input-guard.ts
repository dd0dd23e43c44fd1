// Text with a NUL character cannot be stored or compared by PostgreSQL and
// is never meaningful in a name, email or password: refuse it up front, in
// every part of every request, rather than let a query fail with a 500.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../domain/errors.js';

function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 8 || value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = key.includes('\u0000') ? `${path}.${key}` : findNul(inner, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

export function registerInputGuard(app: FastifyInstance): void {
  // A callback hook: every request passes here, most with nothing to check.
  app.addHook('preValidation', (request, _reply, done) => {
    const field = findNul(request.params, '') ?? findNul(request.query, '') ?? findNul(request.body, '');
    done(field === null ? undefined : new AppError('VALIDATION_FAILED', 'Text may not contain NUL characters.', [{ field: field || 'body', detail: 'Contains a NUL character.' }]));
  });
}
