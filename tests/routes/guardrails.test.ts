// The guardrails of SPEC §2, enforced by the server whatever a client sends.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createSignedInUser, databaseKinds, startServer, uniqueEmail, type Client, type TestServer } from '../helpers/harness.js';

for (const kind of databaseKinds()) {
  describe(`guardrails [${kind}]`, () => {
    let server: TestServer;
    let admin: Client;
    let manager: Awaited<ReturnType<typeof createSignedInUser>>;
    let otherManager: Awaited<ReturnType<typeof createSignedInUser>>;
    let adminId: string;

    before(async () => {
      server = await startServer(kind);
      admin = client(server.app, server.adminToken);
      manager = await createSignedInUser(server, 'site-manager');
      otherManager = await createSignedInUser(server, 'site-manager');
      adminId = (await admin.get('/api/v1/users/me')).json().user.id;
    });
    after(async () => { await server.close(); });

    const refused = (response: { statusCode: number; json(): { code: string } }, what: string) => {
      assert.equal(response.statusCode, 403, what);
      assert.equal(response.json().code, 'FORBIDDEN', what);
    };

    async function member(): Promise<string> {
      return (await admin.post('/api/v1/users', { email: uniqueEmail('gr'), loginType: 'built-in' })).json().user.id;
    }

    test('nobody changes their own site role, suspends, resets or deletes themselves', async () => {
      for (const [api, who] of [[admin, 'site admin'], [manager.api, 'site manager']] as const) {
        refused(await api.patch('/api/v1/users/me', { siteRole: 'member' }), `${who} demoting self`);
        refused(await api.post('/api/v1/users/me/suspend', {}), `${who} suspending self`);
        refused(await api.post('/api/v1/users/me/reset-password'), `${who} resetting self`);
        refused(await api.delete('/api/v1/users/me'), `${who} deleting self`);
      }
      const me = (await manager.api.get('/api/v1/users/me')).json().user;
      assert.equal(me.siteRole, 'site-manager');
      assert.equal(me.status, 'active');
    });

    test('the site admin cannot be demoted, suspended, reset, edited or deleted by a site manager', async () => {
      refused(await manager.api.patch('/api/v1/users/admin', { siteRole: 'member' }), 'demote');
      refused(await manager.api.patch(`/api/v1/users/${adminId}`, { name: 'Hijacked', email: 'evil@example.com' }), 'edit');
      refused(await manager.api.post('/api/v1/users/admin/suspend', { reason: 'coup' }), 'suspend');
      refused(await manager.api.post('/api/v1/users/admin/reset-password'), 'reset');
      refused(await manager.api.delete('/api/v1/users/admin'), 'delete');
      const after = (await admin.get('/api/v1/users/me')).json().user;
      assert.equal(after.siteRole, 'site-admin');
      assert.equal(after.email, 'admin@roster.local');
      assert.equal(after.status, 'active');
    });

    test('a site manager cannot change the role of, reset, suspend or delete another site manager; the site admin can', async () => {
      const target = otherManager.user.id;
      refused(await manager.api.patch(`/api/v1/users/${target}`, { siteRole: 'member' }), 'demote');
      refused(await manager.api.post(`/api/v1/users/${target}/reset-password`), 'reset');
      refused(await manager.api.post(`/api/v1/users/${target}/suspend`, {}), 'suspend');
      refused(await manager.api.delete(`/api/v1/users/${target}`), 'delete');
      assert.equal((await otherManager.api.get('/api/v1/users/me')).statusCode, 200, 'untouched: still signed in');

      const extra = await createSignedInUser(server, 'site-manager');
      assert.equal((await admin.post(`/api/v1/users/${extra.user.id}/suspend`, {})).statusCode, 200);
      assert.equal((await admin.post(`/api/v1/users/${extra.user.id}/activate`)).statusCode, 200);
      assert.equal((await admin.post(`/api/v1/users/${extra.user.id}/reset-password`)).statusCode, 200);
      const demoted = await admin.patch(`/api/v1/users/${extra.user.id}`, { siteRole: 'auditor' });
      assert.equal(demoted.json().user.siteRole, 'auditor');
      assert.equal((await admin.delete(`/api/v1/users/${extra.user.id}`)).statusCode, 204);
    });

    test('a site manager grants member and auditor only; the site admin also grants site manager; nobody grants site admin', async () => {
      const id = await member();
      assert.equal((await manager.api.patch(`/api/v1/users/${id}`, { siteRole: 'auditor' })).json().user.siteRole, 'auditor');
      assert.equal((await manager.api.patch(`/api/v1/users/${id}`, { siteRole: 'member' })).json().user.siteRole, 'member');
      refused(await manager.api.patch(`/api/v1/users/${id}`, { siteRole: 'site-manager' }), 'manager grants manager');
      refused(await manager.api.post('/api/v1/users', { email: uniqueEmail('m'), loginType: 'oidc', siteRole: 'site-manager' }), 'create manager');
      refused(await admin.patch(`/api/v1/users/${id}`, { siteRole: 'site-admin' }), 'second site admin');
      refused(await admin.post('/api/v1/users', { email: uniqueEmail('a'), loginType: 'oidc', siteRole: 'site-admin' }), 'create site admin');
      assert.equal((await admin.patch(`/api/v1/users/${id}`, { siteRole: 'site-manager' })).json().user.siteRole, 'site-manager');
      const admins = await admin.get('/api/v1/users?q=role:site-admin');
      assert.equal(admins.json().users.length, 1, 'exactly one site admin');
    });

    test('members and auditors cannot act on others, and a member cannot even tell who exists', async () => {
      const target = await member();
      const someone = await createSignedInUser(server, 'member');
      const auditor = await createSignedInUser(server, 'auditor');
      assert.equal((await someone.api.get(`/api/v1/users/${target}`)).statusCode, 404);
      assert.equal((await someone.api.get('/api/v1/users/does-not-exist')).statusCode, 404);
      assert.equal((await someone.api.patch(`/api/v1/users/${target}`, { name: 'x' })).statusCode, 404);
      assert.equal((await auditor.api.patch(`/api/v1/users/${target}`, { name: 'x' })).statusCode, 403);
      refused(await someone.api.delete(`/api/v1/users/${target}`), 'member delete');
      refused(await auditor.api.post(`/api/v1/users/${target}/suspend`, {}), 'auditor suspend');
      refused(await auditor.api.patch('/api/v1/users/me', { siteRole: 'site-manager' }), 'auditor promoting self');
      assert.equal((await admin.get(`/api/v1/users/${target}`)).json().user.name.length > 0, true);
    });

    test('every refusal leaves a failure entry in the audit log naming the target', async () => {
      refused(await manager.api.delete('/api/v1/users/admin'), 'delete admin');
      const entries = (await admin.get(`/api/v1/audit?action=delete&target=${adminId}`)).json().entries;
      assert.equal(entries[0].result, 'failure');
      assert.equal(entries[0].actor.id, manager.user.id);
      assert.match(entries[0].reason, /FORBIDDEN/);
    });
  });
}
