// Security headers on every response (OWASP ASVS V14.4): a CSP with no inline
// or foreign scripts, no framing, no MIME sniffing, no referrer leaks, HSTS
// behind HTTPS, and no caching of API answers (they hold personal data).
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';

// Mantine sets inline styles (CSS variables), so styles allow 'unsafe-inline';
// scripts never do.
const contentSecurityPolicy = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
  "font-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

export function registerSecurityHeaders(app: FastifyInstance, config: Config): void {
  const headers: Record<string, string> = {
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    ...(config.publicUrl.protocol === 'https:' ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
  // A callback hook, not an async one: this runs on every response, and a
  // promise per hook per request is measurable on the session check.
  app.addHook('onSend', (request, reply, _payload, done) => {
    reply.headers(headers);
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done();
  });
}
