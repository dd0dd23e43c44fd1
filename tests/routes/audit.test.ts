import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { chosenPassword, client, createSignedInUser, databaseKinds, startServer, uniqueEmail, type Client, type TestServer } from '../helpers/harness.js';

interface Entry {
  id: string; time: string; action: string; resourceType: string; result: string; reason: string | null;
  actor: { id: string | null; email: string | null }; target: { id: string | null; name: string | null };
  ip: string | null; userAgent: string | null; diff: Record<string, [unknown, unknown]> | null;
}

for (const kind of databaseKinds()) {
  describe(`audit log [${kind}]`, () => {
    let server: TestServer;
    let admin: Client;
    let adminId: string;
    before(async () => {
      server = await startServer(kind);
      admin = client(server.app, server.adminToken);
      adminId = (await admin.get('/api/v1/users/me')).json().user.id;
    });
    after(async () => { await server.close(); });

    async function entries(query: string): Promise<Entry[]> {
      const response = await admin.get(`/api/v1/audit?${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json().entries;
    }

    test('every change to a user is recorded with actor, client, target and a field diff', async () => {
      const email = uniqueEmail('audited');
      const created = await server.app.inject({
        method: 'POST', url: '/api/v1/users', payload: { email, loginType: 'built-in', name: 'Ada' },
        headers: { authorization: `Bearer ${server.adminToken}`, 'user-agent': 'audit-test/1.0' },
      });
      const { user, temporaryPassword } = created.json();
      await admin.patch(`/api/v1/users/${user.id}`, { name: 'Ada Lovelace', siteRole: 'auditor' });
      await admin.post(`/api/v1/users/${user.id}/suspend`, { reason: 'on leave' });
      await admin.post(`/api/v1/users/${user.id}/activate`);
      await admin.post(`/api/v1/users/${user.id}/reset-password`);
      await admin.delete(`/api/v1/users/${user.id}`);

      const trail = (await entries(`target=${user.id}`)).reverse();
      assert.deepEqual(trail.map((e) => e.action), ['create', 'write', 'suspend', 'activate', 'password_reset', 'delete']);
      for (const entry of trail) {
        assert.equal(entry.result, 'success');
        assert.equal(entry.resourceType, 'user');
        assert.deepEqual(entry.actor, { id: adminId, email: 'admin@roster.local' });
        assert.equal(entry.target.id, user.id);
        assert.equal(entry.target.name, user.username);
        assert.equal(entry.ip, '127.0.0.1');
      }
      assert.equal(trail[0]!.userAgent, 'audit-test/1.0');
      assert.deepEqual(trail[0]!.diff!.email, [null, email]);
      assert.deepEqual(trail[0]!.diff!.password, [null, '******']);
      assert.deepEqual(trail[1]!.diff, { name: ['Ada', 'Ada Lovelace'], siteRole: ['member', 'auditor'] });
      assert.deepEqual(trail[2]!.diff!.status, ['active', 'suspended']);
      assert.deepEqual(trail[2]!.diff!.suspendedReason, [null, 'on leave']);
      assert.deepEqual(trail[3]!.diff!.status, ['suspended', 'active']);
      assert.deepEqual(trail[4]!.diff!.password, ['******', '******']);

      const everything = JSON.stringify(await server.db.kysely.selectFrom('audit_log').selectAll().execute());
      assert.ok(!everything.includes(temporaryPassword), 'a temporary password never reaches the audit log');
    });

    test('entries outlive the users they mention', async () => {
      const { user } = await createSignedInUser(server, 'member');
      await admin.delete(`/api/v1/users/${user.id}`);
      const trail = await entries(`target=${user.id}`);
      assert.ok(trail.some((e) => e.action === 'login' && e.actor.email === user.email));
      assert.ok(trail.some((e) => e.action === 'password_change' && e.diff?.password?.[1] === '******'));
    });

    test('a change and its entry share one transaction: when the entry cannot be written, the change does not happen', async () => {
      const { user } = await createSignedInUser(server, 'member');
      if (server.kind === 'sqlite') {
        await sql`create trigger refuse_suspend_entries before insert on audit_log when new.action = 'suspend'
                  begin select raise(abort, 'audit unavailable'); end`.execute(server.db.kysely);
      } else {
        await sql`create function refuse_suspend_entries() returns trigger language plpgsql as $$
                  begin if new.action = 'suspend' then raise exception 'audit unavailable'; end if; return new; end $$`.execute(server.db.kysely);
        await sql`create trigger refuse_suspend_entries before insert on audit_log for each row execute function refuse_suspend_entries()`.execute(server.db.kysely);
      }
      try {
        const response = await admin.post(`/api/v1/users/${user.id}/suspend`, { reason: 'should not stick' });
        assert.equal(response.statusCode, 500);
        assert.deepEqual(Object.keys(response.json()).sort(), ['code', 'message']);
        assert.doesNotMatch(response.body, /audit unavailable/, 'a 5xx says nothing internal');
      } finally {
        await sql`drop trigger refuse_suspend_entries${sql.raw(server.kind === 'postgres' ? ' on audit_log' : '')}`.execute(server.db.kysely);
      }
      const after = (await admin.get(`/api/v1/users/${user.id}`)).json().user;
      assert.equal(after.status, 'active', 'the suspension rolled back with its entry');
      assert.equal((await client(server.app, (await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: user.email, password: chosenPassword } })).json().sessionToken).get('/api/v1/users/me')).statusCode, 200);
    });

    test('a refused change changes nothing and leaves a failure entry', async () => {
      const email = uniqueEmail('dup');
      await admin.post('/api/v1/users', { email, loginType: 'oidc' });
      const before = (await admin.get('/api/v1/users?limit=100')).json().users.length;
      const dup = await admin.post('/api/v1/users', { email: email.toUpperCase(), loginType: 'oidc' });
      assert.equal(dup.statusCode, 409);
      assert.equal((await admin.get('/api/v1/users?limit=100')).json().users.length, before);
      const [entry] = await entries('action=create&limit=1');
      assert.equal(entry!.result, 'failure');
      assert.match(entry!.reason!, /EMAIL_TAKEN/);
    });

    test('filters by resource type, action, actor, target and time range; pages newest first with a cursor', async () => {
      const marker = Date.now();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await admin.post('/api/v1/users', { email: uniqueEmail('page'), loginType: 'oidc' })).json().user.id);
      const since = new Date(marker - 1).toISOString();
      const seen: Entry[] = [];
      let cursor: string | null = null;
      do {
        const response = await admin.get(`/api/v1/audit?action=create&resourceType=user&actor=${adminId}&since=${encodeURIComponent(since)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(response.statusCode, 200, response.body);
        seen.push(...response.json().entries);
        cursor = response.json().nextCursor;
      } while (cursor);
      const created = seen.filter((e) => e.result === 'success').map((e) => e.target.id);
      assert.deepEqual(created, [...ids].reverse(), 'newest first, each exactly once');
      const times = seen.map((e) => Date.parse(e.time));
      assert.deepEqual(times, [...times].sort((a, b) => b - a));
      assert.equal((await entries(`action=create&until=${encodeURIComponent(since)}&target=${ids[0]}`)).length, 0);
      assert.equal((await entries(`target=${ids[0]}`)).length, 1);
      assert.equal((await entries('resourceType=session&action=login&limit=1'))[0]!.resourceType, 'session');
      assert.ok((await entries('actor=admin@roster.local&limit=5')).every((e) => e.actor.email === 'admin@roster.local'));
    });

    test('bad audit queries are refused with the error shape', async () => {
      for (const query of ['cursor=garbage', 'since=yesterday', 'limit=0', 'limit=101', 'colour=blue']) {
        const response = await admin.get(`/api/v1/audit?${query}`);
        assert.equal(response.statusCode, 400, query);
        assert.match(response.json().code, /^(VALIDATION_FAILED|INVALID_CURSOR)$/, query);
      }
    });

    test('no API alters or deletes entries', async () => {
      const routes = server.app.routeList.filter((r) => r.url.startsWith('/api/v1/audit'));
      assert.ok(routes.every((r) => r.method === 'GET'), JSON.stringify(routes));
      const [entry] = await entries('limit=1');
      for (const method of ['DELETE', 'PATCH', 'PUT'] as const) {
        const response = await server.app.inject({ method, url: `/api/v1/audit/${entry!.id}`, headers: { authorization: `Bearer ${server.adminToken}` } });
        assert.equal(response.statusCode, 404);
      }
    });
  });
}
