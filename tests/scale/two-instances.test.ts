// Several instances on one PostgreSQL, no sticky sessions (DESIGN.md
// "Scale-out"): whatever one instance does is in force on the other at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { databaseKinds, freshDatabase } from '../helpers/harness.js';
import { killAll, startRosterServer, type RunningServer } from '../helpers/process.js';

const adminPassword = 'two-instances-admin-42';
const userPassword = 'two-instances-user-passphrase';

async function call(base: string, method: string, url: string, token?: string, body?: unknown) {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe('two instances on one PostgreSQL', { skip: databaseKinds().includes('postgres') ? undefined : 'PostgreSQL is not available' }, () => {
  let a: RunningServer;
  let b: RunningServer;
  let url: string;
  let drop: () => Promise<void>;
  let adminA: string;

  before(async () => {
    const fresh = await freshDatabase('postgres');
    await fresh.db.close();
    url = fresh.url!;
    drop = fresh.drop;
    const env = (dir: string) => ({
      ROSTER_DATABASE_URL: url, ROSTER_DATA_DIR: `${fresh.dataDir}/${dir}`, ROSTER_ADMIN_PASSWORD: adminPassword,
      ROSTER_SECRET_KEY: 'a-shared-secret-key-for-both-instances-0123456789', ROSTER_LOG_LEVEL: 'warn',
    });
    // Both start at once on the empty database: migrations and the first-start bootstrap race.
    [a, b] = await Promise.all([startRosterServer(env('a')), startRosterServer(env('b'))]);
    adminA = (await call(a.baseUrl, 'POST', '/api/v1/auth/login', undefined, { login: 'admin', password: adminPassword })).body.sessionToken;
  });
  after(async () => {
    await killAll();
    await drop?.();
  });

  test('starting both together bootstraps exactly one admin and one Default organization', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const admins = await client.query("select count(*)::int as n from users where site_role = 'site-admin'");
      const orgs = await client.query("select count(*)::int as n from orgs where name = 'Default'");
      assert.equal(admins.rows[0].n, 1);
      assert.equal(orgs.rows[0].n, 1);
    } finally {
      await client.end();
    }
    const announced = [a, b].filter((s) => s.stdout().includes('Admin email:'));
    assert.equal(announced.length, 1, 'exactly one instance created the admin');
  });

  async function memberSignedInOnB(): Promise<{ id: string; email: string; tokenB: string }> {
    const email = `multi-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const created = await call(a.baseUrl, 'POST', '/api/v1/users', adminA, { email, loginType: 'built-in' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const first = await call(b.baseUrl, 'POST', '/api/v1/auth/login', undefined, { login: email, password: created.body.temporaryPassword });
    await call(b.baseUrl, 'PUT', '/api/v1/users/me/password', first.body.sessionToken, { currentPassword: created.body.temporaryPassword, newPassword: userPassword });
    return { id: created.body.user.id, email, tokenB: first.body.sessionToken };
  }

  test('suspend, password reset and delete on one instance end the session on the other at once', async () => {
    for (const [what, act] of [
      ['suspend', (id: string) => call(a.baseUrl, 'POST', `/api/v1/users/${id}/suspend`, adminA, {})],
      ['reset', (id: string) => call(a.baseUrl, 'POST', `/api/v1/users/${id}/reset-password`, adminA)],
      ['delete', (id: string) => call(a.baseUrl, 'DELETE', `/api/v1/users/${id}`, adminA)],
    ] as const) {
      const member = await memberSignedInOnB();
      assert.equal((await call(b.baseUrl, 'GET', '/api/v1/users/me', member.tokenB)).status, 200, what);
      const done = await act(member.id);
      assert.ok(done.status < 300, `${what}: ${JSON.stringify(done.body)}`);
      assert.equal((await call(b.baseUrl, 'GET', '/api/v1/users/me', member.tokenB)).status, 401, `${what} is in force on the other instance`);
    }
  });

  test('a role change on one instance is the permission on the other at once', async () => {
    const member = await memberSignedInOnB();
    assert.equal((await call(b.baseUrl, 'GET', '/api/v1/users', member.tokenB)).status, 403);
    await call(a.baseUrl, 'PATCH', `/api/v1/users/${member.id}`, adminA, { siteRole: 'auditor' });
    assert.equal((await call(b.baseUrl, 'GET', '/api/v1/users', member.tokenB)).status, 200);
    await call(a.baseUrl, 'PATCH', `/api/v1/users/${member.id}`, adminA, { siteRole: 'member' });
    assert.equal((await call(b.baseUrl, 'GET', '/api/v1/users', member.tokenB)).status, 403);
  });

  test('conflicting edits of one user from both instances leave a consistent user and one audit entry per successful change', async () => {
    const member = await memberSignedInOnB();
    const adminB = (await call(b.baseUrl, 'POST', '/api/v1/auth/login', undefined, { login: 'admin', password: adminPassword })).body.sessionToken;
    const edits = Array.from({ length: 16 }, (_, i) => (i % 2 ? call(a.baseUrl, 'PATCH', `/api/v1/users/${member.id}`, adminA, { name: `Name from A ${i}` })
      : call(b.baseUrl, 'PATCH', `/api/v1/users/${member.id}`, adminB, { name: `Name from B ${i}` })));
    const results = await Promise.all(edits);
    const succeeded = results.filter((r) => r.status === 200);
    assert.ok(results.every((r) => r.status === 200 || (r.status >= 400 && r.status < 500)), JSON.stringify(results.map((r) => r.status)));
    const final = (await call(a.baseUrl, 'GET', `/api/v1/users/${member.id}`, adminA)).body.user;
    assert.ok(succeeded.some((r) => r.body.user.name === final.name), 'the final name is one that was written');
    const trail = (await call(a.baseUrl, 'GET', `/api/v1/audit?target=${member.id}&action=write&limit=100`, adminA)).body.entries;
    const changes = trail.filter((e: { result: string; diff: { name?: unknown } | null }) => e.result === 'success' && e.diff?.name);
    assert.equal(changes.length, succeeded.length, 'one entry per successful change (every name written is new)');
  });

  test('an API token made on one instance works on the other', async () => {
    const made = await call(a.baseUrl, 'POST', '/api/v1/users/me/tokens', adminA, { name: 'cross-instance' });
    assert.equal((await call(b.baseUrl, 'GET', '/api/v1/users/me', made.body.token)).status, 200);
    await call(a.baseUrl, 'DELETE', `/api/v1/users/me/tokens/${made.body.id}`, adminA);
    assert.equal((await call(b.baseUrl, 'GET', '/api/v1/users/me', made.body.token)).status, 401);
  });
});
