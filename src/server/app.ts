// buildApp(config, db) → a Fastify instance. The server command and the tests
// build the very same app.
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Db } from '../db/dialects.js';
import { configureHashQueue } from '../domain/hash-queue.js';
import { prepareDummyHash } from '../domain/passwords.js';
import { openSecretBox } from '../domain/secret-box.js';
import { registerAuthentication } from './plugins/authentication.js';
import { registerErrorHandling, renderFrameworkError } from './plugins/errors.js';
import { registerInputGuard } from './plugins/input-guard.js';
import { registerMetrics } from './plugins/metrics.js';
import { registerOpenApi, registerOpenApiRoutes } from './plugins/openapi.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { findWebRoot, registerWebUi } from './plugins/web-ui.js';
import { ErrorBody } from './schemas/common.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { healthRoutes } from './routes/health.js';
import { imageRoutes } from './routes/images.js';
import { oidcRoutes } from './routes/oidc.js';
import { orgRoutes } from './routes/orgs.js';
import { settingsRoutes } from './routes/settings.js';
import { dormancyRoutes } from './routes/dormancy.js';
import { tokenRoutes } from './routes/tokens.js';
import { userRoutes } from './routes/users.js';
import { userImportRoutes } from './routes/users-import.js';
import { responseSerializerCompiler } from './response-serializer.js';

export interface AppOptions {
  config: Config;
  db: Db;
  /** Milliseconds since the epoch; tests move time by passing their own. */
  clock?: () => number;
  logger?: FastifyServerOptions['logger'];
  /** The built web UI; found in dist/web when not given, null for none. */
  webRoot?: string | null;
}

export interface RouteInfo {
  method: string;
  url: string;
  access: string | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as registered, so tests can walk them all. */
    routeList: RouteInfo[];
  }
}

// Secrets never reach the log: headers that carry them, and any body field
// that might, are censored wherever they appear.
export const redactPaths = [
  'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]',
  '*.password', '*.currentPassword', '*.newPassword', '*.temporaryPassword', '*.sessionToken', '*.token', '*.clientSecret',
];

/** The OIDC callback's query holds the authorization code and state: never logged. */
export function loggedUrl(url: string): string {
  return url.startsWith('/oidc/callback') ? url.replace(/\?.*$/, '?******') : url;
}

export function defaultLogger(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: { paths: redactPaths, censor: '******' },
    serializers: {
      req: (request: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) => ({
        method: request.method, url: loggedUrl(request.url), host: request.host, remoteAddress: request.ip, remotePort: request.socket?.remotePort,
      }),
    },
  };
}

/** Groups the OpenAPI document by resource: /api/v1/users/… → users; /healthz → operations. */
function documentationTag(url: string): string {
  if (url.startsWith('/oidc/')) return 'auth';
  const resource = /^\/api\/v1\/([a-z]+)/.exec(url)?.[1];
  if (resource === 'users' && /\/tokens/.test(url)) return 'tokens';
  if (resource === 'orgs' && /\/images/.test(url)) return 'images';
  return resource ?? 'operations';
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, db } = options;
  configureHashQueue({ waiting: config.signInQueue });
  await prepareDummyHash();
  const app = Fastify({
    logger: options.logger ?? defaultLogger(config),
    bodyLimit: 64 * 1024,
    // While closing, requests already on an open connection are still served
    // (with our error shapes); the server command asks clients to hang up.
    return503OnClosing: false,
    // Only configured proxies may say who the client is (X-Forwarded-For).
    trustProxy: config.trustedProxies.length ? config.trustedProxies : false,
    // Even errors raised before routing get the one API error shape.
    frameworkErrors: renderFrameworkError,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);

  app.decorate('routeList', [] as RouteInfo[]);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = (route.config as { access?: string } | undefined)?.access;
    // A route that does not say who may call it is a bug; refuse to start.
    if (access === undefined && !route.url.startsWith('*')) throw new Error(`route ${methods.join(',')} ${route.url} declares no access`);
    for (const method of methods) if (method !== 'HEAD') app.routeList.push({ method, url: route.url, access });
    // Every documented route can fail in the one error shape: say so in the OpenAPI document.
    const schema = route.schema as { hide?: boolean; response?: Record<string, unknown> } | undefined;
    if (schema && !schema.hide) route.schema = { ...schema, tags: [documentationTag(route.url)], response: { ...schema.response, '4xx': ErrorBody } };
  });

  // JSON only: no other body type is ever meaningful to this API.
  app.removeContentTypeParser('text/plain');
  await app.register(cookie);
  await registerOpenApi(app);
  registerErrorHandling(app);
  registerSecurityHeaders(app, config);
  registerInputGuard(app);
  registerAuthentication(app, { db, config, clock: options.clock ?? Date.now, secrets: openSecretBox(config) });
  registerMetrics(app);
  await app.register(healthRoutes);
  await app.register(authRoutes, { config });
  await app.register(userRoutes);
  await app.register(userImportRoutes);
  await app.register(auditRoutes);
  await app.register(orgRoutes);
  await app.register(imageRoutes);
  await app.register(tokenRoutes);
  await app.register(oidcRoutes, { config });
  await app.register(settingsRoutes);
  await app.register(dormancyRoutes);
  registerOpenApiRoutes(app);
  await registerWebUi(app, options.webRoot === undefined ? findWebRoot() : options.webRoot);
  return app;
}
