// Bulk actions (issue 9): by ids or by filter page by page, dry run equal to
// the real run, guardrails per user, refusals reported per row, audited per user.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createSignedInUser, databaseKinds, startServer, type Client, type TestServer } from '../helpers/harness.js';

interface Result { id: string; username: string; outcome: string; reason?: string; temporaryPassword?: string }

for (const kind of databaseKinds()) {
  describe(`bulk actions [${kind}]`, () => {
    let server: TestServer;
    let admin: Client;
    let n = 0;
    before(async () => {
      server = await startServer(kind);
      admin = client(server.app, server.adminToken);
    });
    after(async () => { await server.close(); });

    async function make(marker: string, extra: object = {}) {
      const response = await admin.post('/api/v1/users', { email: `${marker}-${++n}@example.com`, loginType: 'built-in', ...extra });
      assert.equal(response.statusCode, 201, response.body);
      return response.json().user as { id: string; username: string };
    }

    /** Runs a bulk action over a filter to the end, following nextCursor. */
    async function overFilter(api: Client, body: object): Promise<Result[]> {
      const results: Result[] = [];
      let cursor: string | null = null;
      do {
        const response = await api.post('/api/v1/users/bulk', { ...body, ...(cursor ? { cursor } : {}) });
        assert.equal(response.statusCode, 200, response.body);
        results.push(...response.json().results);
        cursor = response.json().nextCursor;
      } while (cursor);
      return results;
    }
    const byId = (results: Result[]) => Object.fromEntries(results.map((r) => [r.id, r.outcome]));

    test('a dry run shows exactly what the real run then does, guardrails included, and changes nothing itself', async () => {
      const manager = await createSignedInUser(server, 'site-manager', 'bulkmark-manager@example.com');
      const plain = [await make('bulkmark'), await make('bulkmark'), await make('bulkmark', { loginType: 'oidc' })];
      const otherManager = await make('bulkmark', { siteRole: 'site-manager' });
      const already = await make('bulkmark');
      await admin.post(`/api/v1/users/${already.id}/suspend`, {});
      const body = { action: 'suspend', q: 'bulkmark', dryRun: true, reason: 'spring cleaning' };
      const dry = await overFilter(manager.api, body);
      const expected = {
        ...Object.fromEntries(plain.map((u) => [u.id, 'would-do'])),
        [otherManager.id]: 'refused', [already.id]: 'skipped', [manager.user.id]: 'refused',
      };
      assert.deepEqual(byId(dry), expected);
      assert.match(dry.find((r) => r.id === otherManager.id)!.reason!, /Only the site admin/);
      assert.match(dry.find((r) => r.id === manager.user.id)!.reason!, /yourself/);
      assert.equal((await admin.get(`/api/v1/users/${plain[0]!.id}`)).json().user.status, 'active', 'the dry run changed nothing');

      const real = await overFilter(manager.api, { ...body, dryRun: false });
      assert.deepEqual(byId(real), Object.fromEntries(Object.entries(expected).map(([id, o]) => [id, o === 'would-do' ? 'done' : o])));
      for (const u of plain) {
        const user = (await admin.get(`/api/v1/users/${u.id}`)).json().user;
        assert.equal(user.status, 'suspended');
        assert.equal(user.suspendedReason, 'spring cleaning');
        const audit = (await admin.get(`/api/v1/audit?target=${u.id}&action=suspend`)).json().entries;
        assert.equal(audit.length, 1, 'audited per user');
        assert.equal(audit[0].actor.id, manager.user.id);
      }
      assert.equal((await admin.get(`/api/v1/users/${otherManager.id}`)).json().user.status, 'active');
    });

    test('by ids: unknown ids and refusals are reported per row while the rest go through', async () => {
      const a = await make('idmark');
      const b = await make('idmark', { loginType: 'oidc' });
      const response = await admin.post('/api/v1/users/bulk', { action: 'reset-password', ids: [a.id, b.id, '00000000-0000-7000-8000-000000000000'], dryRun: false });
      assert.equal(response.statusCode, 200, response.body);
      const results: Result[] = response.json().results;
      assert.equal(results.find((r) => r.id === a.id)!.outcome, 'done');
      const temporary = results.find((r) => r.id === a.id)!.temporaryPassword!;
      assert.ok(temporary.length >= 16, 'each reset shows its new temporary password');
      assert.equal(results.find((r) => r.id === b.id)!.outcome, 'skipped');
      assert.deepEqual(results.find((r) => r.id.startsWith('00000000'))!, { id: '00000000-0000-7000-8000-000000000000', username: '', email: '', outcome: 'refused', reason: 'No such user.' });
      const signIn = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: a.username, password: temporary } });
      assert.equal(signIn.statusCode, 200);
    });

    test('change-role needs a role the actor may grant, and a site manager may not bulk-grant site manager', async () => {
      const manager = await createSignedInUser(server, 'site-manager');
      const u = await make('rolemark');
      assert.equal((await manager.api.post('/api/v1/users/bulk', { action: 'change-role', ids: [u.id], dryRun: false })).statusCode, 400);
      const refused = (await manager.api.post('/api/v1/users/bulk', { action: 'change-role', ids: [u.id], role: 'site-manager', dryRun: false })).json().results;
      assert.equal(refused[0].outcome, 'refused');
      const done = (await manager.api.post('/api/v1/users/bulk', { action: 'change-role', ids: [u.id], role: 'auditor', dryRun: false })).json().results;
      assert.equal(done[0].outcome, 'done');
      assert.equal((await admin.get(`/api/v1/users/${u.id}`)).json().user.siteRole, 'auditor');
      const auditor = await createSignedInUser(server, 'auditor');
      assert.equal((await auditor.api.post('/api/v1/users/bulk', { action: 'delete', ids: [u.id], dryRun: true })).statusCode, 403);
    });

    test('a filter larger than a page is worked through page by page, each user once; the count matches', async () => {
      const values = Array.from({ length: 450 }, (_, i) => ({
        id: `01910000-0000-7000-8000-${String(i).padStart(12, '0')}`, username: `pagemark-${i}`, email: `pagemark-${i}@example.com`, name: `Page ${i}`,
        login_type: 'oidc' as const, site_role: 'member' as const, status: 'active' as const, suspended_reason: null, suspended_until: null,
        must_change_password: 0, password_hash: null, password_expires_at: null, oidc_issuer: null, oidc_subject: null,
        created_at: Date.now() - 1_000_000 + i, updated_at: Date.now(), last_seen_at: null, deleted_at: null,
      }));
      for (let i = 0; i < values.length; i += 150) await server.db.kysely.insertInto('users').values(values.slice(i, i + 150)).execute();
      assert.equal((await admin.get('/api/v1/users?q=pagemark&count=true&limit=5')).json().total, 450);
      const dry = await overFilter(admin, { action: 'delete', q: 'pagemark', dryRun: true });
      assert.equal(dry.length, 450);
      assert.equal(new Set(dry.map((r) => r.id)).size, 450);
      const real = await overFilter(admin, { action: 'delete', q: 'pagemark', dryRun: false });
      assert.equal(real.filter((r) => r.outcome === 'done').length, 450);
      assert.equal((await admin.get('/api/v1/users?q=pagemark&count=true')).json().total, 0);
      const deletes = await server.db.kysely.selectFrom('audit_log').select('id').where('action', '=', 'delete').where('target_name', 'like', 'pagemark-%').execute();
      assert.equal(deletes.length, 450);
    });

    test('ids and a filter together, or neither, are refused', async () => {
      assert.equal((await admin.post('/api/v1/users/bulk', { action: 'suspend', dryRun: true })).statusCode, 400);
      assert.equal((await admin.post('/api/v1/users/bulk', { action: 'suspend', dryRun: true, ids: ['x'], q: 'y' })).statusCode, 400);
      assert.equal((await admin.post('/api/v1/users/bulk', { action: 'suspend', dryRun: true, q: 'colour:blue' })).json().code, 'BAD_FILTER');
    });
  });
}
