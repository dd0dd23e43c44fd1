// Organizations, memberships and images (SPEC §4): what the organization
// chosen at creation controls.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createSignedInUser, databaseKinds, startServer, uniqueEmail, type Client, type TestServer } from '../helpers/harness.js';

for (const kind of databaseKinds()) {
  describe(`organizations and images [${kind}]`, () => {
    let server: TestServer;
    let admin: Client;
    let n = 0;
    const orgName = (prefix = 'Org') => `${prefix} ${++n}`;

    before(async () => {
      server = await startServer(kind);
      admin = client(server.app, server.adminToken);
    });
    after(async () => { await server.close(); });

    async function org(name = orgName(), extra: object = {}) {
      const response = await admin.post('/api/v1/orgs', { name, ...extra });
      assert.equal(response.statusCode, 201, response.body);
      return response.json().org as { id: string; name: string; default: boolean };
    }
    async function image(orgRef: string, name: string) {
      const response = await admin.post(`/api/v1/orgs/${encodeURIComponent(orgRef)}/images`, { name, repository: 'registry.example.com/team/python', tag: '3.12' });
      assert.equal(response.statusCode, 201, response.body);
      return response.json().image as { id: string; name: string };
    }
    const imageNames = async (api: Client) => (await api.get('/api/v1/images')).json().images.map((i: { name: string }) => i.name).sort();
    const orgNamesOf = async (userId: string) => (await admin.get(`/api/v1/users/${userId}`)).json().user.organizations.map((o: { name: string }) => o.name).sort();

    test('the Default organization exists from the first start and is marked default', async () => {
      const { orgs } = (await admin.get('/api/v1/orgs')).json();
      const byName = Object.fromEntries(orgs.map((o: { name: string }) => [o.name, o]));
      assert.equal(byName.Default.default, true);
      assert.equal(byName.Default.defaultRole, 'org-member');
    });

    test('organizations have unique names (case-insensitively) and are found by id or name', async () => {
      const created = await org('Research');
      const dup = await admin.post('/api/v1/orgs', { name: 'RESEARCH' });
      assert.equal(dup.statusCode, 409);
      assert.equal(dup.json().code, 'ORG_NAME_TAKEN');
      assert.equal((await admin.get(`/api/v1/orgs/${created.id}`)).json().org.name, 'Research');
      assert.equal((await admin.get('/api/v1/orgs/research')).json().org.id, created.id);
      assert.equal((await admin.get('/api/v1/orgs/nothing-here')).statusCode, 404);
      const renamed = await admin.patch('/api/v1/orgs/Research', { name: 'Research Lab', description: 'Labs' });
      assert.equal(renamed.json().org.name, 'Research Lab');
      assert.equal((await admin.patch('/api/v1/orgs/Research Lab', { name: 'default' })).statusCode, 409);
    });

    test('new users join every default organization with its default role, unless the creator picks one', async () => {
      const second = await org(orgName('Second default'), { default: true, defaultRole: 'org-manager' });
      try {
        const everyDefault = (await admin.post('/api/v1/users', { email: uniqueEmail('def'), loginType: 'oidc' })).json().user;
        assert.deepEqual(everyDefault.organizations.map((o: { name: string; role: string }) => [o.name, o.role]).sort(),
          [['Default', 'org-member'], [second.name, 'org-manager']].sort());
        const picked = await org();
        const chosen = (await admin.post('/api/v1/users', { email: uniqueEmail('pick'), loginType: 'oidc', organizations: [picked.id] })).json().user;
        assert.deepEqual(chosen.organizations.map((o: { name: string }) => o.name), [picked.name]);
      } finally {
        await admin.patch(`/api/v1/orgs/${second.id}`, { default: false });
      }
    });

    test('at least one organization is always default: the last one can be neither un-defaulted nor deleted', async () => {
      const refused = await admin.patch('/api/v1/orgs/Default', { default: false });
      assert.equal(refused.statusCode, 409);
      assert.equal(refused.json().code, 'LAST_DEFAULT_ORG');
      const gone = await admin.delete('/api/v1/orgs/Default');
      assert.equal(gone.statusCode, 409);
      assert.equal((await admin.get('/api/v1/orgs/Default')).json().org.default, true);
      // with another default, Default may stop being one
      const other = await org(orgName('Other default'), { default: true });
      assert.equal((await admin.patch('/api/v1/orgs/Default', { default: false })).json().org.default, false);
      assert.equal((await admin.patch('/api/v1/orgs/Default', { default: true })).statusCode, 200);
      await admin.patch(`/api/v1/orgs/${other.id}`, { default: false });
    });

    test('a member sees exactly the images of their organizations, and moving them changes that at once', async () => {
      const blue = await org(orgName('Blue'));
      const green = await org(orgName('Green'));
      await image(blue.name, 'blue-python');
      await image(blue.name, 'blue-node');
      await image(green.name, 'green-go');
      await image('Default', 'default-base');
      const member = await createSignedInUser(server, 'member');
      assert.deepEqual(await imageNames(member.api), ['default-base']);
      assert.equal((await admin.post(`/api/v1/orgs/${blue.id}/members`, { user: member.user.id })).statusCode, 201);
      assert.deepEqual(await imageNames(member.api), ['blue-node', 'blue-python', 'default-base']);
      assert.equal((await admin.delete(`/api/v1/orgs/Default/members/${member.user.id}`)).statusCode, 204);
      assert.deepEqual(await imageNames(member.api), ['blue-node', 'blue-python']);
      assert.equal((await member.api.get(`/api/v1/orgs/${green.id}/images`)).statusCode, 404, 'another org is not even visible');
      assert.equal((await member.api.get(`/api/v1/orgs/${blue.id}/images`)).json().images.length, 2);
      assert.deepEqual((await member.api.get('/api/v1/orgs')).json().orgs.map((o: { name: string }) => o.name), [blue.name]);
    });

    test('a user keeps at least one organization', async () => {
      const member = await createSignedInUser(server, 'member');
      const last = await admin.delete(`/api/v1/orgs/Default/members/${member.user.id}`);
      assert.equal(last.statusCode, 409);
      assert.equal(last.json().code, 'LAST_MEMBERSHIP');
      assert.deepEqual(await orgNamesOf(member.user.id), ['Default']);
    });

    test('an org manager manages their own organization\'s members and images, and nothing else', async () => {
      const mine = await org(orgName('Mine'));
      const theirs = await org(orgName('Theirs'));
      const manager = await createSignedInUser(server, 'member');
      await admin.post(`/api/v1/orgs/${mine.id}/members`, { user: manager.user.id, role: 'org-manager' });
      const someone = await createSignedInUser(server, 'member');

      const added = await manager.api.post(`/api/v1/orgs/${mine.id}/members`, { user: someone.user.username });
      assert.equal(added.statusCode, 201, added.body);
      assert.equal(added.json().member.role, 'org-member');
      assert.equal((await manager.api.patch(`/api/v1/orgs/${mine.id}/members/${someone.user.id}`, { role: 'org-manager' })).json().member.role, 'org-manager');
      const img = await manager.api.post(`/api/v1/orgs/${mine.id}/images`, { name: 'mine-rust', repository: 'example/rust', tag: '1.80' });
      assert.equal(img.statusCode, 201, img.body);
      assert.equal((await manager.api.patch(`/api/v1/images/${img.json().image.id}`, { tag: '1.81' })).json().image.tag, '1.81');
      assert.equal((await manager.api.delete(`/api/v1/images/${img.json().image.id}`)).statusCode, 204);
      assert.equal((await manager.api.delete(`/api/v1/orgs/${mine.id}/members/${someone.user.id}`)).statusCode, 204);

      // nothing else: another organization, the organization's own details, other site things
      assert.equal((await manager.api.post(`/api/v1/orgs/${theirs.id}/members`, { user: someone.user.id })).statusCode, 404);
      const theirImage = await image(theirs.name, 'theirs-image');
      assert.equal((await manager.api.delete(`/api/v1/images/${theirImage.id}`)).statusCode, 404);
      assert.equal((await manager.api.post('/api/v1/orgs/Default/images', { name: 'x', repository: 'example/x', tag: '1' })).statusCode, 403);
      assert.equal((await manager.api.patch(`/api/v1/orgs/${mine.id}`, { name: 'Renamed' })).statusCode, 403);
      assert.equal((await manager.api.delete(`/api/v1/orgs/${mine.id}`)).statusCode, 403);
      assert.equal((await manager.api.get('/api/v1/users')).statusCode, 403);
    });

    test('an auditor reads every organization, member list and image catalogue, and changes none', async () => {
      const auditor = await createSignedInUser(server, 'auditor');
      const closed = await org(orgName('Closed'));
      await image(closed.name, 'closed-image');
      assert.ok((await auditor.api.get('/api/v1/orgs')).json().orgs.some((o: { id: string }) => o.id === closed.id));
      assert.equal((await auditor.api.get(`/api/v1/orgs/${closed.id}/members`)).statusCode, 200);
      assert.equal((await auditor.api.get(`/api/v1/orgs/${closed.id}/images`)).json().images[0].name, 'closed-image');
      assert.equal((await auditor.api.post('/api/v1/orgs', { name: 'Nope' })).statusCode, 403);
      assert.equal((await auditor.api.post(`/api/v1/orgs/${closed.id}/images`, { name: 'n', repository: 'a/b', tag: '1' })).statusCode, 403);
    });

    test('members are listed with cursor pagination', async () => {
      const big = await org(orgName('Big'));
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const user = (await admin.post('/api/v1/users', { email: uniqueEmail('big'), loginType: 'oidc', organizations: [big.id] })).json().user;
        ids.push(user.id);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { members: { user: { id: string } }[]; nextCursor: string | null } = (await admin.get(`/api/v1/orgs/${big.id}/members?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
        seen.push(...page.members.map((m: { user: { id: string } }) => m.user.id));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, [...ids].sort());
      assert.equal((await admin.get(`/api/v1/orgs/${big.id}/members?cursor=nonsense`)).statusCode, 400);
    });

    test('deleting an organization keeps its users (the stranded join the defaults), drops its images, and is audited', async () => {
      const doomed = await org(orgName('Doomed'));
      const kept = await org(orgName('Kept'));
      await image(doomed.name, 'doomed-image');
      const onlyThere = (await admin.post('/api/v1/users', { email: uniqueEmail('only'), loginType: 'oidc', organizations: [doomed.id] })).json().user;
      const alsoElsewhere = (await admin.post('/api/v1/users', { email: uniqueEmail('also'), loginType: 'oidc', organizations: [doomed.id, kept.id] })).json().user;
      assert.equal((await admin.delete(`/api/v1/orgs/${doomed.id}`)).statusCode, 204);
      assert.equal((await admin.get(`/api/v1/orgs/${doomed.id}`)).statusCode, 404);
      assert.deepEqual(await orgNamesOf(onlyThere.id), ['Default']);
      assert.deepEqual(await orgNamesOf(alsoElsewhere.id), [kept.name]);
      const left = await server.db.kysely.selectFrom('images').select('id').where('org_id', '=', doomed.id).execute();
      assert.equal(left.length, 0);
      const [entry] = (await admin.get(`/api/v1/audit?resourceType=org&action=delete&target=${doomed.id}`)).json().entries;
      assert.equal(entry.result, 'success');
      assert.match(entry.reason, /1 user/);
    });

    test('the users filter `org:` lists an organization\'s members', async () => {
      const team = await org(orgName('Filter team'));
      const inTeam = (await admin.post('/api/v1/users', { email: uniqueEmail('team'), loginType: 'oidc', organizations: [team.id] })).json().user;
      const listed = (await admin.get(`/api/v1/users?q=${encodeURIComponent(`org:"${team.name}"`)}`)).json().users;
      assert.deepEqual(listed.map((u: { id: string }) => u.id), [inTeam.id]);
    });

    test('image names are unique within an organization; bad image fields are refused', async () => {
      const o = await org(orgName('Images'));
      await image(o.name, 'python');
      const dup = await admin.post(`/api/v1/orgs/${o.id}/images`, { name: 'PYTHON', repository: 'a/b', tag: '1' });
      assert.equal(dup.statusCode, 409);
      for (const body of [{ name: 'x', repository: 'Has Spaces', tag: '1' }, { name: 'x', repository: 'a/b', tag: 'bad tag' }, { name: '', repository: 'a/b', tag: '1' }]) {
        assert.equal((await admin.post(`/api/v1/orgs/${o.id}/images`, body)).statusCode, 400, JSON.stringify(body));
      }
    });
  });
}
