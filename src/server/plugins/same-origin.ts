// Cookie-authenticated state changes must come from our own pages (SPEC §3.2).
// Browsers say where a request comes from (Sec-Fetch-Site, Origin); clients
// that send neither are not browsers and carry no ambient cookie risk.
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { fail } from '../../domain/errors.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function assertSameOrigin(request: FastifyRequest, config: Config): void {
  if (safeMethods.has(request.method)) return;
  const site = request.headers['sec-fetch-site'];
  if (site === 'same-origin' || site === 'none') return;
  const origin = request.headers.origin;
  if (site === undefined && origin === undefined) return;
  const allowed = origin !== undefined && (origin === config.publicUrl.origin || origin === `${request.protocol}://${request.host}`);
  if (!allowed) fail('CROSS_ORIGIN_REQUEST', 'This request came from another site and was refused.');
}
