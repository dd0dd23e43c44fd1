// Property-based hostile input (issue 8, ASVS V5/V13): generated bodies,
// path parameters, query strings, headers and filter strings sent to every
// route as every role. Never a 5xx; never a change after a 4xx; never a
// trace of a user the role may not see.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { client, createSignedInUser, databaseKinds, startServer, type TestServer } from '../helpers/harness.js';

type Role = 'member' | 'auditor' | 'site-manager' | 'site-admin';

for (const kind of databaseKinds()) {
  describe(`hostile input [${kind}]`, () => {
    let server: TestServer;
    const tokens = {} as Record<Role, string>;
    let hidden: { id: string; email: string; username: string };

    before(async () => {
      server = await startServer(kind);
      tokens['site-admin'] = server.adminToken;
      for (const role of ['member', 'auditor', 'site-manager'] as const) tokens[role] = (await createSignedInUser(server, role)).token;
      // Someone no member may learn about: in an organization of their own, not a default one.
      const admin = client(server.app, server.adminToken);
      const org = (await admin.post('/api/v1/orgs', { name: 'Hidden Team' })).json().org;
      hidden = (await admin.post('/api/v1/users', { email: 'hidden.person@example.com', username: 'hidden-person', loginType: 'oidc', organizations: [org.id] })).json().user;
    });
    after(async () => { await server.close(); });

    /** Everything a failed request must leave alone (sessions and last-seen change with normal use, so not those). */
    async function snapshot(): Promise<string> {
      const db = server.db.kysely;
      return JSON.stringify(await Promise.all([
        db.selectFrom('users').select(['id', 'username', 'email', 'name', 'site_role', 'status', 'login_type', 'password_hash', 'deleted_at', 'suspended_reason']).orderBy('id').execute(),
        db.selectFrom('org_members').selectAll().orderBy('org_id').orderBy('user_id').execute(),
        db.selectFrom('orgs').select(['id', 'name', 'description', 'is_default', 'default_role']).orderBy('id').execute(),
        db.selectFrom('images').select(['id', 'name', 'repository', 'tag']).orderBy('id').execute(),
        db.selectFrom('api_tokens').select(['id', 'name']).orderBy('id').execute(),
        db.selectFrom('settings').selectAll().orderBy('key').execute(),
      ]));
    }

    const text = fc.oneof(
      fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.constantFrom('', ' ', 'me', 'admin', 'Default', '..', '../../etc/passwd', '%00', '\u0000', "' or 1=1 --", '<script>alert(1)</script>', '=cmd()', 'x'.repeat(5000), 'a\u0000b', 'role:', 'org:"', 'status:dormant created_before:2026-02-30', '"'),
    );
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 3 }), tie('object')),
      object: fc.dictionary(fc.oneof(text, fc.constantFrom('email', 'name', 'username', 'siteRole', 'loginType', 'password', 'role', 'user', 'login', 'until', 'reason', 'default', 'issuer', 'clientSecret', '__proto__', 'constructor')), tie('value'), { maxKeys: 5 }),
    })).object;

    test('never a 5xx, never a change after a 4xx, never a hidden user in a member\'s answer', async () => {
      const routes = server.app.routeList.filter((r) => r.url !== '/api/v1/auth/logout');
      // Real references and real field names most of the time, so hostile values get past the
      // first checks and reach the rules and the database, not only the validator.
      const param = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('me', 'admin', 'Default', 'Hidden Team', hidden.id, 'hidden-person') }, { weight: 2, arbitrary: text });
      const shaped = fc.record({
        name: text, email: text, username: text, description: text, reason: text, repository: text, tag: text, login: text, password: text,
        siteRole: fc.oneof(text, fc.constantFrom('member', 'auditor', 'site-manager', 'site-admin')),
        loginType: fc.oneof(text, fc.constantFrom('oidc', 'built-in')), role: fc.oneof(text, fc.constantFrom('org-member', 'org-manager')),
        user: param, until: text, default: fc.boolean(), lifetimeSeconds: fc.integer(),
      }, { requiredKeys: [] });
      const anyBody = fc.oneof(json, shaped);
      await fc.assert(fc.asyncProperty(
        fc.constantFrom(...routes), fc.constantFrom<Role>('member', 'auditor', 'site-manager', 'site-admin'),
        fc.array(param, { minLength: 3, maxLength: 3 }), fc.option(anyBody, { nil: undefined }), fc.dictionary(fc.constantFrom('q', 'sort', 'limit', 'cursor', 'action', 'since', 'returnTo'), text, { maxKeys: 3 }),
        fc.record({ 'x-forwarded-for': text, 'accept-language': text, 'content-type': fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded') }, { requiredKeys: [] }),
        async (route, role, params, body, query, headers) => {
          let i = 0;
          const path = route.url.replace(/:\w+|\*/g, () => encodeURIComponent(params[i++ % params.length]!));
          const search = new URLSearchParams(query).toString();
          const url = `${path}${search ? `?${search}` : ''}`;
          const before = await snapshot();
          const response = await server.app.inject({
            method: route.method as 'POST', url,
            headers: { ...headers, authorization: `Bearer ${tokens[role]}` },
            ...(body === undefined || route.method === 'GET' ? {} : { payload: JSON.stringify(body) }),
          });
          const what = `${route.method} ${url} as ${role} with ${JSON.stringify(body)?.slice(0, 200)} → ${response.statusCode} ${response.body.slice(0, 300)}`;
          assert.ok(response.statusCode < 500, what);
          if (response.statusCode >= 400) {
            assert.equal(await snapshot(), before, `changed after a ${response.statusCode}: ${what}`);
            if (response.headers['content-type']?.toString().includes('json')) assert.match(response.json().code, /^[A-Z_]+$/, what);
          }
          if (role === 'member') {
            // An error may echo what was sent; anything else about the hidden user is a leak.
            const sent = `${decodeURIComponent(url)} ${JSON.stringify(body) ?? ''}`;
            for (const trace of [hidden.id, hidden.email, hidden.username]) {
              if (!sent.includes(trace)) assert.ok(!response.body.includes(trace), `a member saw ${trace}: ${what}`);
            }
          }
        },
      ), { numRuns: 400, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) });
    });
  });
}
