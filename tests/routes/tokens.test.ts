// API tokens (SPEC §3.4).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hashToken } from '../../src/domain/tokens.js';
import { chosenPassword, client, createSignedInUser, databaseKinds, startServer, type Client, type TestServer } from '../helpers/harness.js';

for (const kind of databaseKinds()) {
  describe(`API tokens [${kind}]`, () => {
    let server: TestServer;
    let admin: Client;
    let n = 0;
    before(async () => {
      server = await startServer(kind, { ROSTER_MAX_TOKEN_LIFETIME: '30d' });
      admin = client(server.app, server.adminToken);
    });
    after(async () => { await server.close(); });

    async function tokenFor(api: Client, extra: object = {}) {
      const response = await api.post('/api/v1/users/me/tokens', { name: `token-${++n}`, ...extra });
      assert.equal(response.statusCode, 201, response.body);
      return response.json() as { token: string; id: string; name: string; expiresAt: string };
    }

    test('a token is shown once at creation, stored only as a hash, and listed without its secret', async () => {
      const member = await createSignedInUser(server, 'member');
      const created = await tokenFor(member.api, { name: 'ci-script' });
      assert.match(created.token, /^roster_[A-Za-z0-9_-]{43}$/);
      const listed = (await member.api.get('/api/v1/users/me/tokens')).json().tokens;
      assert.deepEqual(Object.keys(listed[0]).sort(), ['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name']);
      assert.equal(listed[0].name, 'ci-script');
      const rows = await server.db.kysely.selectFrom('api_tokens').select('token_hash').where('id', '=', created.id).execute();
      assert.equal(rows[0]!.token_hash, hashToken(created.token));
      const audit = JSON.stringify(await server.db.kysely.selectFrom('audit_log').selectAll().execute());
      assert.ok(!audit.includes(created.token));
      assert.equal((await member.api.post('/api/v1/users/me/tokens', { name: 'CI-SCRIPT' })).statusCode, 409);
    });

    test('a bearer token acts with its owner\'s current permissions, and records when it was last used', async () => {
      const member = await createSignedInUser(server, 'member');
      const { token, id } = await tokenFor(member.api);
      const script = client(server.app, token);
      assert.equal((await script.get('/api/v1/users/me')).json().user.id, member.user.id);
      assert.equal((await script.get('/api/v1/users')).statusCode, 403);
      await admin.patch(`/api/v1/users/${member.user.id}`, { siteRole: 'auditor' });
      assert.equal((await script.get('/api/v1/users')).statusCode, 200, 'promotion applies at once');
      const used = (await member.api.get('/api/v1/users/me/tokens')).json().tokens.find((t: { id: string }) => t.id === id);
      assert.ok(used.lastUsedAt);
      assert.equal((await script.post('/api/v1/auth/logout')).statusCode, 204);
      assert.equal((await script.get('/api/v1/users/me')).statusCode, 200, 'signing out ends sessions, not tokens');
    });

    test('a lifetime is optional and capped by the configured maximum; an expired token opens nothing', async () => {
      const member = await createSignedInUser(server, 'member');
      const capped = await tokenFor(member.api);
      const days = (Date.parse(capped.expiresAt) - Date.now()) / 86_400_000;
      assert.ok(days > 29.9 && days <= 30.01, `default lifetime ${days} days`);
      const tooLong = await member.api.post('/api/v1/users/me/tokens', { name: 'forever', lifetimeSeconds: 31 * 86400 });
      assert.equal(tooLong.statusCode, 400);
      assert.equal(tooLong.json().validations[0].field, 'lifetimeSeconds');
      const short = await tokenFor(member.api, { lifetimeSeconds: 3600 });
      const script = client(server.app, short.token);
      assert.equal((await script.get('/api/v1/users/me')).statusCode, 200);
      server.clock.advance(3601_000);
      try {
        assert.equal((await script.get('/api/v1/users/me')).statusCode, 401);
      } finally {
        server.clock.advance(-3601_000);
      }
    });

    test('a token dies with its owner\'s suspension, deletion, password reset and password change', async () => {
      const cases: [string, (userId: string, api: Client) => Promise<unknown>][] = [
        ['suspension', (id) => admin.post(`/api/v1/users/${id}/suspend`, {})],
        ['deletion', (id) => admin.delete(`/api/v1/users/${id}`)],
        ['password reset', (id) => admin.post(`/api/v1/users/${id}/reset-password`)],
        ['own password change', (_id, api) => api.put('/api/v1/users/me/password', { currentPassword: chosenPassword, newPassword: 'a-brand-new-passphrase' })],
      ];
      for (const [what, act] of cases) {
        const owner = await createSignedInUser(server, 'member');
        const script = client(server.app, (await tokenFor(owner.api)).token);
        assert.equal((await script.get('/api/v1/users/me')).statusCode, 200, what);
        await act(owner.user.id, owner.api);
        assert.equal((await script.get('/api/v1/users/me')).statusCode, 401, what);
        if (what === 'suspension') {
          await admin.post(`/api/v1/users/${owner.user.id}/activate`);
          assert.equal((await script.get('/api/v1/users/me')).statusCode, 401, 'it stays dead after reactivation');
        }
      }
    });

    test('the site admin manages anyone\'s tokens; others manage only their own', async () => {
      const member = await createSignedInUser(server, 'member');
      const manager = await createSignedInUser(server, 'site-manager');
      const made = await admin.post(`/api/v1/users/${member.user.id}/tokens`, { name: 'made-by-admin' });
      assert.equal(made.statusCode, 201, made.body);
      assert.ok((await admin.get(`/api/v1/users/${member.user.username}/tokens`)).json().tokens.some((t: { name: string }) => t.name === 'made-by-admin'));
      assert.equal((await manager.api.get(`/api/v1/users/${member.user.id}/tokens`)).statusCode, 403);
      assert.equal((await manager.api.post(`/api/v1/users/${member.user.id}/tokens`, { name: 'sneaky' })).statusCode, 403);
      assert.equal((await member.api.get(`/api/v1/users/${manager.user.id}/tokens`)).statusCode, 404);
      assert.equal((await manager.api.delete(`/api/v1/users/${member.user.id}/tokens/${made.json().id}`)).statusCode, 403);
      assert.equal((await admin.delete(`/api/v1/users/${member.user.id}/tokens/made-by-admin`)).statusCode, 204);
      assert.equal((await client(server.app, made.json().token).get('/api/v1/users/me')).statusCode, 401);
      const [entry] = (await admin.get('/api/v1/audit?resourceType=api_token&action=delete&limit=1')).json().entries;
      assert.equal(entry.target.name, `${member.user.username}/made-by-admin`);
    });
  });
}
