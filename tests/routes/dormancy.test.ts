// Dormancy (SPEC §1.6): the threshold, the status filter, and the optional
// automatic deletion by a background job that is safe on several instances.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemCtx } from '../../src/cli/system-ctx.js';
import { deleteDormantUsers } from '../../src/domain/dormancy-sweep.js';
import { chosenPassword, client, createSignedInUser, databaseKinds, signIn, startServer, type Client, type TestServer } from '../helpers/harness.js';

const day = 86_400_000;

for (const kind of databaseKinds()) {
  describe(`dormancy [${kind}]`, () => {
    let server: TestServer;
    let admin: Client;
    before(async () => {
      server = await startServer(kind);
      admin = client(server.app, server.adminToken);
    });
    after(async () => { await server.close(); });

    const statusOf = async (id: string) => (await admin.get(`/api/v1/users/${id}`)).json().user.status;
    /** Moves time on, keeping the admin's own session alive (it lasts 7 days). */
    async function travel(days: number) {
      server.clock.advance(days * day);
      server.adminToken = await signIn(server.app, 'admin', 'admin-test-password-42');
      admin = client(server.app, server.adminToken);
    }

    test('no activity for the threshold makes a user dormant; signing in again makes them active', async () => {
      const { user } = await createSignedInUser(server, 'member');
      assert.equal(await statusOf(user.id), 'active');
      await travel(89);
      assert.equal(await statusOf(user.id), 'active');
      await travel(2);
      assert.equal(await statusOf(user.id), 'dormant');
      const listed = (await admin.get('/api/v1/users?q=status:dormant')).json().users.map((u: { id: string }) => u.id);
      assert.ok(listed.includes(user.id));
      await signIn(server.app, user.email, chosenPassword);
      assert.equal(await statusOf(user.id), 'active');
    });

    test('the threshold is a setting, read by auditors and changed by site managers, and audited', async () => {
      const { user } = await createSignedInUser(server, 'member');
      await travel(31);
      assert.equal(await statusOf(user.id), 'active');
      const saved = await admin.put('/api/v1/settings/dormancy', { thresholdDays: 30 });
      assert.deepEqual(saved.json(), { thresholdDays: 30, deleteAfterDays: null });
      try {
        assert.equal(await statusOf(user.id), 'dormant');
        const auditor = await createSignedInUser(server, 'auditor');
        assert.equal((await auditor.api.get('/api/v1/settings/dormancy')).json().thresholdDays, 30);
        assert.equal((await auditor.api.put('/api/v1/settings/dormancy', { thresholdDays: 10 })).statusCode, 403);
        for (const bad of [{ thresholdDays: 0 }, { deleteAfterDays: 0 }, { deleteAfterDays: 366 }, { thresholdDays: 'soon' }]) {
          assert.equal((await admin.put('/api/v1/settings/dormancy', bad)).statusCode, 400, JSON.stringify(bad));
        }
        const [entry] = (await admin.get('/api/v1/audit?resourceType=settings&action=write&limit=1')).json().entries;
        assert.deepEqual(entry.diff.thresholdDays, [90, 30]);
      } finally {
        await admin.put('/api/v1/settings/dormancy', { thresholdDays: 90 });
      }
    });

    test('automatic deletion takes the long-dormant only, never the site admin, once even when two instances sweep together', async () => {
      const stale = await createSignedInUser(server, 'member');
      await travel(50);
      const fresher = await createSignedInUser(server, 'member');
      assert.equal((await admin.put('/api/v1/settings/dormancy', { deleteAfterDays: 10 })).statusCode, 200);
      try {
        await travel(51); // stale: 101 days without activity; fresher: 51
        const ctx = systemCtx(server.config, server.db, server.clock.now);
        const [first, second] = await Promise.all([deleteDormantUsers(ctx), deleteDormantUsers(ctx)]);
        assert.ok(first + second >= 1);
        assert.equal((await admin.get(`/api/v1/users/${stale.user.id}`)).statusCode, 404, 'the long-dormant user is gone');
        assert.equal((await admin.get(`/api/v1/users/${fresher.user.id}`)).statusCode, 200);
        assert.equal((await admin.get('/api/v1/users/admin')).statusCode, 200, 'the site admin stays');
        const entries = (await admin.get(`/api/v1/audit?action=delete&target=${stale.user.id}`)).json().entries;
        assert.equal(entries.length, 1, 'deleted and audited once');
        assert.deepEqual(entries[0].actor, { id: null, email: null });
        assert.match(entries[0].reason, /system/);
        assert.equal(await deleteDormantUsers(ctx), 0, 'nothing left to do');
      } finally {
        await admin.put('/api/v1/settings/dormancy', { deleteAfterDays: null });
      }
    });
  });
}
