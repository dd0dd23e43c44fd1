import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createSignedInUser, databaseKinds, startServer, type TestServer } from '../helpers/harness.js';
import { newId } from '../../src/domain/ids.js';

for (const kind of databaseKinds()) {
  describe(`organizations list [${kind}]`, () => {
    let server: TestServer;
    before(async () => {
      server = await startServer(kind);
      // A second organization, made directly until the organizations API exists.
      const now = Date.now();
      await server.db.kysely.insertInto('orgs').values({ id: newId(), name: 'Research', description: '', is_default: 0, default_role: 'org-member', created_at: now, updated_at: now }).execute();
    });
    after(async () => { await server.close(); });

    test('the Default organization exists from the first start and is marked default', async () => {
      const { orgs } = (await client(server.app, server.adminToken).get('/api/v1/orgs')).json();
      const byName = Object.fromEntries(orgs.map((o: { name: string }) => [o.name, o]));
      assert.equal(byName.Default.default, true);
      assert.equal(byName.Default.defaultRole, 'org-member');
      assert.equal(byName.Research.default, false);
    });

    test('an auditor sees every organization; a member sees only their own', async () => {
      const auditor = await createSignedInUser(server, 'auditor');
      const member = await createSignedInUser(server, 'member');
      const names = async (api: typeof auditor.api) => (await api.get('/api/v1/orgs')).json().orgs.map((o: { name: string }) => o.name);
      assert.deepEqual(await names(auditor.api), ['Default', 'Research']);
      assert.deepEqual(await names(member.api), ['Default']);
    });

    test('a user created into a named organization joins that one instead of the defaults', async () => {
      const admin = client(server.app, server.adminToken);
      const created = await admin.post('/api/v1/users', { email: 'researcher@example.com', loginType: 'oidc', organizations: ['research'] });
      assert.equal(created.statusCode, 201, created.body);
      assert.deepEqual(created.json().user.organizations.map((o: { name: string; role: string }) => [o.name, o.role]), [['Research', 'org-member']]);
    });
  });
}
