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
  const https = config.publicUrl.protocol === 'https:';
  app.addHook('onSend', async (request, reply) => {
    reply.header('content-security-policy', contentSecurityPolicy);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (https) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
}
