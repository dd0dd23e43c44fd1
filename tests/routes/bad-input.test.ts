// Bad input gets a clear 4xx in the one error shape and changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { client, databaseKinds, startServer, uniqueEmail, type Client, type TestServer } from '../helpers/harness.js';

function assertErrorShape(response: LightMyRequestResponse, what: string): { code: string; message: string; validations?: { field: string; detail: string }[] } {
  assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${what}: ${response.statusCode} ${response.body}`);
  const body = response.json();
  assert.match(body.code, /^[A-Z][A-Z_]+$/, what);
  assert.equal(typeof body.message, 'string', what);
  assert.ok(body.message.length > 0, what);
  for (const key of Object.keys(body)) assert.ok(['code', 'message', 'validations'].includes(key), `${what}: unexpected key ${key}`);
  if (body.validations) for (const v of body.validations) assert.deepEqual(Object.keys(v).sort(), ['detail', 'field']);
  return body;
}

for (const kind of databaseKinds()) {
  describe(`bad input [${kind}]`, () => {
    let server: TestServer;
    let admin: Client;
    let targetId: string;

    before(async () => {
      server = await startServer(kind);
      admin = client(server.app, server.adminToken);
      targetId = (await admin.post('/api/v1/users', { email: uniqueEmail('target'), loginType: 'built-in' })).json().user.id;
    });
    after(async () => { await server.close(); });

    /** Everything a failed request must leave alone. */
    async function snapshot() {
      const users = await server.db.kysely.selectFrom('users')
        .select(['id', 'username', 'email', 'name', 'site_role', 'status', 'login_type', 'password_hash', 'deleted_at', 'suspended_reason'])
        .orderBy('id').execute();
      const memberships = await server.db.kysely.selectFrom('org_members').selectAll().orderBy('user_id').execute();
      const sessions = await server.db.kysely.selectFrom('sessions').select('id').orderBy('id').execute();
      return JSON.stringify({ users, memberships, sessions });
    }

    const raw = (method: 'POST' | 'PATCH' | 'PUT', url: string, body: string, contentType = 'application/json') =>
      server.app.inject({ method, url, payload: body, headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': contentType } });

    test('malformed JSON, wrong content type and oversized bodies get INVALID_JSON, 415 and 413', async () => {
      const before = await snapshot();
      assert.equal(assertErrorShape(await raw('POST', '/api/v1/users', '{"email": "x@example.com",'), 'truncated').code, 'INVALID_JSON');
      assert.equal(assertErrorShape(await raw('POST', '/api/v1/users', ''), 'empty').code, 'INVALID_JSON');
      assert.equal(assertErrorShape(await raw('POST', '/api/v1/auth/login', '{login:admin}'), 'login').code, 'INVALID_JSON');
      const text = await raw('POST', '/api/v1/users', 'email=x@example.com', 'text/plain');
      assert.equal(text.statusCode, 415);
      assert.equal(assertErrorShape(text, 'text/plain').code, 'UNSUPPORTED_MEDIA_TYPE');
      const huge = await raw('POST', '/api/v1/users', JSON.stringify({ email: 'a@example.com', loginType: 'oidc', name: 'x'.repeat(70_000) }));
      assert.equal(huge.statusCode, 413);
      assert.equal(assertErrorShape(huge, 'huge').code, 'PAYLOAD_TOO_LARGE');
      assert.equal(await snapshot(), before);
    });

    test('wrong types, unknown fields and over-long strings name the field', async () => {
      const before = await snapshot();
      const cases: [string, 'POST' | 'PATCH' | 'PUT', string, unknown, string][] = [
        ['email of the wrong type', 'POST', '/api/v1/users', { email: 5, loginType: 'oidc' }, 'email'],
        ['an invalid email', 'POST', '/api/v1/users', { email: 'not-an-email', loginType: 'oidc' }, 'email'],
        ['an unknown login type', 'POST', '/api/v1/users', { email: 'a@example.com', loginType: 'ldap' }, 'loginType'],
        ['an unknown field', 'POST', '/api/v1/users', { email: 'a@example.com', loginType: 'oidc', isAdmin: true }, 'isAdmin'],
        ['a name over 128 characters', 'POST', '/api/v1/users', { email: 'a@example.com', loginType: 'oidc', name: 'n'.repeat(129) }, 'name'],
        ['a username over 39 characters', 'POST', '/api/v1/users', { email: 'a@example.com', loginType: 'oidc', username: 'u'.repeat(40) }, 'username'],
        ['a username with bad characters', 'POST', '/api/v1/users', { email: 'a@example.com', loginType: 'oidc', username: 'bad_name' }, 'username'],
        ['a body that is an array', 'POST', '/api/v1/users', [{ email: 'a@example.com' }], 'body'],
        ['an unknown site role', 'PATCH', `/api/v1/users/${targetId}`, { siteRole: 'owner' }, 'siteRole'],
        ['an unknown patch field', 'PATCH', `/api/v1/users/${targetId}`, { password: 'sneaky-password' }, 'password'],
        ['a suspension end that is not a time', 'POST', `/api/v1/users/${targetId}/suspend`, { until: 'next week' }, 'until'],
        ['a suspension end in the past', 'POST', `/api/v1/users/${targetId}/suspend`, { until: '2001-01-01T00:00:00Z' }, 'until'],
        ['a suspension reason over 256 characters', 'POST', `/api/v1/users/${targetId}/suspend`, { reason: 'r'.repeat(257) }, 'reason'],
        ['a login without password', 'POST', '/api/v1/auth/login', { login: 'admin' }, 'password'],
        ['a password change with numbers', 'PUT', '/api/v1/users/me/password', { currentPassword: 1, newPassword: 2 }, 'currentPassword'],
        ['a body for an action that takes none', 'POST', `/api/v1/users/${targetId}/activate`, { force: true }, 'force'],
        ['a NUL deep in an import row', 'POST', '/api/v1/users/import', { rows: [{ line: 1, email: 'a@example.com' }, { line: 2, email: 'b@example.com', organizations: ['Default', 'x\u0000y'] }] }, 'rows.1.organizations.1'],
        ['a NUL in a key', 'POST', '/api/v1/users', { email: 'a@example.com', loginType: 'oidc', 'odd\u0000key': 1 }, 'odd\u0000key'],
      ];
      for (const [what, method, url, payload, field] of cases) {
        const response = await raw(method, url, JSON.stringify(payload));
        assert.equal(response.statusCode, 400, `${what}: ${response.body}`);
        const body = assertErrorShape(response, what);
        assert.ok(body.validations?.some((v) => v.field === field || v.field.startsWith(`${field}.`)), `${what}: ${response.body}`);
      }
      assert.equal(await snapshot(), before);
    });

    test('bad query strings and paths are 4xx with the error shape', async () => {
      const urls = [
        '/api/v1/users?limit=abc', '/api/v1/users?limit=-1', '/api/v1/users?sort=password', '/api/v1/users?cursor=%%%',
        '/api/v1/users?q=' + encodeURIComponent('role:'), '/api/v1/users?q=' + 'x'.repeat(600), '/api/v1/users?unknown=1',
        `/api/v1/users/${'x'.repeat(300)}`, '/api/v1/users/%00', '/api/v1/users/..%2F..%2Fetc', '/api/v1/nothing-here',
        '/api/v1/audit?since=2026-13-45T00:00:00Z',
      ];
      for (const url of urls) assertErrorShape(await admin.get(url), url);
      const notFound = await admin.get('/api/v1/nothing-here');
      assert.equal(notFound.statusCode, 404);
      assert.equal(notFound.json().code, 'NOT_FOUND');
    });

    test('no generated input to any route gets a 5xx, and none changes anything', async () => {
      const bodies: unknown[] = [
        null, [], 'text', 42, true, {}, { email: {} }, { email: ['a@b.c'] }, { login: null, password: null },
        { name: '\u0000\uFFFF\uD800' }, { siteRole: null }, { organizations: 'Default' }, { organizations: [{}] },
        { until: 99999999999999 }, { reason: { $ne: 1 } }, { __proto__: { admin: true } }, { constructor: { prototype: {} } },
        { email: "x'); drop table users; --@example.com", loginType: 'oidc' }, { currentPassword: '', newPassword: '' },
        { a: { b: { c: { d: { e: { f: {} } } } } } },
      ];
      const refs = ['me', targetId, "'; select 1; --", '%F0%9F%92%A9', 'a'.repeat(64), '00000000-0000-0000-0000-000000000000'];
      const before = await snapshot();
      for (const route of server.app.routeList) {
        if (route.url === '/api/v1/auth/logout') continue; // would end the admin's session, which is not a failure
        // Changes go to no real user but yourself, whom the guardrails protect:
        // a request that succeeded there would be a legitimate change.
        const usable = route.method === 'GET' ? refs : refs.filter((r) => r !== targetId);
        const urls = route.url.includes(':user') ? usable.map((r) => route.url.replace(':user', r)) : [route.url];
        for (const url of urls) {
          for (const body of route.method === 'GET' ? [undefined] : bodies) {
            const response = await server.app.inject({
              method: route.method as 'POST', url, headers: { authorization: `Bearer ${server.adminToken}` },
              ...(body === undefined ? {} : { payload: JSON.stringify(body), headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' } }),
            });
            assert.ok(response.statusCode < 500, `${route.method} ${url} ${JSON.stringify(body)} → ${response.statusCode} ${response.body}`);
            if (response.statusCode >= 400) assertErrorShape(response, `${route.method} ${url}`);
          }
        }
      }
      assert.equal(await snapshot(), before);
    });
  });
}
