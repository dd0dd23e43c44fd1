import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../src/server/app.js';
import { openPostgres, openSqlite } from '../../src/db/dialects.js';
import { client, databaseKinds, startServer, type TestServer } from '../helpers/harness.js';

for (const kind of databaseKinds()) {
  describe(`operations [${kind}]`, () => {
    let server: TestServer;
    before(async () => { server = await startServer(kind); });
    after(async () => { await server.close(); });

    test('GET /metrics counts requests by route pattern and status, never by raw URL', async () => {
      const admin = client(server.app, server.adminToken);
      const id = (await admin.get('/api/v1/users/me')).json().user.id;
      await admin.get(`/api/v1/users/${id}`);
      await admin.get('/api/v1/users/nobody-here');
      const response = await server.app.inject({ method: 'GET', url: '/metrics' });
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /text\/plain/);
      assert.match(response.body, /roster_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/users\/:user",status="200"\} [1-9]/);
      assert.match(response.body, /route="\/api\/v1\/users\/:user",status="404"/);
      assert.ok(!response.body.includes(id), 'no user id in a label');
      assert.match(response.body, /roster_process_resident_memory_bytes/);
    });

    test('GET /readyz answers 503 in the error shape when the database is unreachable; /healthz stays 200', async () => {
      // PostgreSQL on a port nobody listens on; SQLite through a closed handle.
      const unreachable = kind === 'postgres' ? openPostgres('postgres://postgres@127.0.0.1:1/none', 1) : openSqlite(':memory:');
      if (kind === 'sqlite') {
        await sql`select 1`.execute(unreachable.kysely); // open it for real, then close it under the app
        await unreachable.close();
      }
      const app = await buildApp({ config: server.config, db: unreachable, logger: false });
      try {
        const response = await app.inject({ method: 'GET', url: '/readyz' });
        assert.equal(response.statusCode, 503, response.body);
        assert.equal(response.json().code, 'UNAVAILABLE');
        assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
      } finally {
        await app.close();
        if (kind === 'postgres') await unreachable.close();
      }
    });
  });
}

describe('security headers', () => {
  test('every response carries them; HSTS only behind HTTPS; API answers are not cached', async () => {
    const plain = await startServer('sqlite');
    const secure = await startServer('sqlite', { ROSTER_PUBLIC_URL: 'https://roster.example.com' });
    try {
      for (const url of ['/api/v1/users/me', '/api/v1/auth/methods', '/healthz', '/login', '/api/v1/nothing']) {
        const response = await plain.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${plain.adminToken}` } });
        const csp = String(response.headers['content-security-policy']);
        assert.match(csp, /script-src 'self'(;|$)/, url);
        assert.doesNotMatch(csp.split(';').find((d) => d.trim().startsWith('script-src'))!, /unsafe-inline|unsafe-eval/, url);
        assert.match(csp, /frame-ancestors 'none'/, url);
        assert.equal(response.headers['x-content-type-options'], 'nosniff', url);
        assert.equal(response.headers['referrer-policy'], 'no-referrer', url);
        assert.equal(response.headers['strict-transport-security'], undefined, url);
        if (url.startsWith('/api/')) assert.equal(response.headers['cache-control'], 'no-store', url);
      }
      const viaHttps = await secure.app.inject({ method: 'GET', url: '/healthz' });
      assert.match(String(viaHttps.headers['strict-transport-security']), /max-age=\d+/);
    } finally {
      await plain.close();
      await secure.close();
    }
  });
});

describe('logs', () => {
  test('the OIDC callback\'s code and state never reach the log', async () => {
    const { Writable } = await import('node:stream');
    const { defaultLogger } = await import('../../src/server/app.js');
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
    const base = await startServer('sqlite');
    const app = await buildApp({ config: { ...base.config, logLevel: 'info' }, db: base.db, logger: { ...(defaultLogger({ ...base.config, logLevel: 'info' }) as object), stream: sink } as never });
    try {
      await app.inject({ method: 'GET', url: '/oidc/callback?code=SECRET-CODE-123&state=SECRET-STATE-456' });
      const text = lines.join('');
      assert.match(text, /\/oidc\/callback\?\*\*\*\*\*\*/);
      assert.ok(!text.includes('SECRET-CODE-123') && !text.includes('SECRET-STATE-456'), text);
    } finally {
      await app.close();
      await base.close();
    }
  });
});
