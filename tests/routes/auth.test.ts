import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { systemCtx } from '../../src/cli/system-ctx.js';
import { userById } from '../../src/db/queries/users.js';
import { AppError } from '../../src/domain/errors.js';
import type { UserRow } from '../../src/db/schema.js';
import type { Ctx } from '../../src/domain/context.js';
import { openSessionFor, signIn as signInAlone } from '../../src/domain/sessions.js';
import { hashToken } from '../../src/domain/tokens.js';
import {
  adminPassword, chosenPassword, client, createSignedInUser, databaseKinds, signIn, startServer, uniqueEmail, type TestServer,
} from '../helpers/harness.js';

async function auditEntries(server: TestServer, query: string) {
  const response = await client(server.app, server.adminToken).get(`/api/v1/audit?${query}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json().entries as { action: string; result: string; reason: string | null; target: { id: string | null; name: string | null }; actor: { id: string | null } }[];
}

for (const kind of databaseKinds()) {
  describe(`sign-in and sessions [${kind}]`, () => {
    let server: TestServer;
    before(async () => { server = await startServer(kind); });
    after(async () => { await server.close(); });

    test('POST /auth/login signs in by email or by username, case-insensitively, and sets an HttpOnly SameSite=Lax cookie', async () => {
      for (const login of ['admin', 'ADMIN', 'admin@roster.local', 'Admin@Roster.Local']) {
        const response = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password: adminPassword } });
        assert.equal(response.statusCode, 200, response.body);
        const body = response.json();
        assert.equal(body.user.username, 'admin');
        assert.equal(body.mustChangePassword, false);
        assert.match(body.sessionToken, /^[A-Za-z0-9_-]{43}$/);
        const cookie = String(response.headers['set-cookie']);
        assert.match(cookie, new RegExp(`^roster_session=${body.sessionToken};`));
        assert.match(cookie, /HttpOnly/);
        assert.match(cookie, /SameSite=Lax/);
        assert.doesNotMatch(cookie, /Secure/, 'plain http gets no Secure flag');
      }
    });

    test('the session cookie alone authenticates, and Secure is set behind an https public URL', async () => {
      const response = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'admin', password: adminPassword } });
      const token = response.json().sessionToken;
      const me = await server.app.inject({ method: 'GET', url: '/api/v1/users/me', cookies: { roster_session: token } });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().user.username, 'admin');

      const https = await startServer(kind, { ROSTER_PUBLIC_URL: 'https://roster.example.com' });
      try {
        const secure = await https.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'admin', password: adminPassword } });
        assert.match(String(secure.headers['set-cookie']), /Secure/);
      } finally {
        await https.close();
      }
    });

    test('only a hash of the session token is stored', async () => {
      const token = await signIn(server.app, 'admin', adminPassword);
      const rows = await server.db.kysely.selectFrom('sessions').select('token_hash').execute();
      assert.ok(rows.some((r) => r.token_hash === hashToken(token)));
      assert.ok(rows.every((r) => r.token_hash !== token && !r.token_hash.includes(token)));
    });

    test("the sign-in answers with the user as stored after it: last seen now, and its organizations as its own view shows them", async () => {
      const admin = client(server.app, server.adminToken);
      const member = await createSignedInUser(server, 'member');
      // Two more organizations, so the answer lists three, by name.
      for (const name of [`zz-${member.user.id}`, `aa-${member.user.id}`]) {
        const org = await admin.post('/api/v1/orgs', { name });
        assert.equal(org.statusCode, 201, org.body);
        assert.equal((await admin.post(`/api/v1/orgs/${org.json().org.id}/members`, { user: member.user.id, role: 'org-manager' })).statusCode, 201);
      }
      // Last seen long ago: the answer must not show the row as it was before the sign-in.
      await server.db.kysely.updateTable('users').set({ last_seen_at: Date.now() - 10 * 86_400_000 }).where('id', '=', member.user.id).execute();
      const before = Date.now();
      const response = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: member.user.email, password: chosenPassword } });
      assert.equal(response.statusCode, 200, response.body);
      const answered = response.json().user;
      assert.ok(Date.parse(answered.lastSeenAt) >= before, `last seen ${answered.lastSeenAt}`);
      const own = (await client(server.app, response.json().sessionToken).get('/api/v1/users/me')).json().user;
      assert.equal(answered.organizations.length, 3);
      assert.deepEqual(answered, own);
    });

    // Both ways a sign-in writes: alone (one statement on PostgreSQL), and inside a larger transaction.
    const signInWays = {
      alone: (ctx: Ctx, row: UserRow) => signInAlone(ctx, row, 'password'),
      'in a transaction': (ctx: Ctx, row: UserRow) => server.db.kysely.transaction().execute((trx) => openSessionFor(trx, ctx, row, 'password')),
    };
    for (const [way, signInWay] of Object.entries(signInWays)) {
      test(`a user deleted after the password check is refused with 401, and nothing is written (${way})`, async () => {
        const { user } = await createSignedInUser(server, 'member');
        const row = (await userById(server.db.kysely, user.id))!;
        await server.db.kysely.updateTable('users').set({ deleted_at: Date.now() }).where('id', '=', user.id).execute();
        const written = async () => ({
          sessions: (await server.db.kysely.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).length,
          logins: (await server.db.kysely.selectFrom('audit_log').select('id').where('target_id', '=', user.id).where('action', '=', 'login').execute()).length,
          lastSeen: (await server.db.kysely.selectFrom('users').select('last_seen_at').where('id', '=', user.id).executeTakeFirstOrThrow()).last_seen_at,
        });
        const before = await written();
        const ctx = systemCtx(server.config, server.db, server.clock.now);
        await assert.rejects(signInWay(ctx, row),
          (error: unknown) => error instanceof AppError && error.code === 'UNAUTHENTICATED' && error.status === 401);
        assert.deepEqual(await written(), before);
      });

      test(`a sign-in writes the session, last seen and its audit entry, and clears a lapsed suspension (${way})`, async () => {
        const { user } = await createSignedInUser(server, 'member');
        const lapsed = server.clock.now() - 60_000;
        await server.db.kysely.updateTable('users').set({ status: 'suspended', suspended_reason: 'holiday', suspended_until: lapsed, last_seen_at: null })
          .where('id', '=', user.id).execute();
        const row = (await userById(server.db.kysely, user.id))!;
        const ctx = { ...systemCtx(server.config, server.db, server.clock.now), client: { ip: '203.0.113.9', userAgent: 'storm/1.0' } };
        const before = server.clock.now();
        const signedIn = await signInWay(ctx, row);
        assert.equal(signedIn.user.status, 'active');
        assert.ok(Date.parse(signedIn.user.lastSeenAt!) >= before);
        const stored = await server.db.kysely.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
        assert.deepEqual([stored.status, stored.suspended_reason, stored.suspended_until], ['active', null, null]);
        assert.ok(stored.last_seen_at! >= before);
        const session = await server.db.kysely.selectFrom('sessions').selectAll().where('token_hash', '=', hashToken(signedIn.sessionToken)).executeTakeFirstOrThrow();
        assert.deepEqual([session.user_id, session.ip, session.user_agent, session.expires_at], [user.id, '203.0.113.9', 'storm/1.0', signedIn.expiresAt]);
        assert.equal(session.expires_at - session.created_at, server.config.sessionLifetime * 1000);
        const entry = await server.db.kysely.selectFrom('audit_log').selectAll().where('target_id', '=', user.id).where('action', '=', 'login')
          .orderBy('id', 'desc').executeTakeFirstOrThrow();
        assert.deepEqual(
          [entry.actor_id, entry.actor_email, entry.resource_type, entry.target_name, entry.result, entry.reason, entry.ip, entry.user_agent, entry.diff],
          [user.id, user.email, 'session', user.username, 'success', 'password', '203.0.113.9', 'storm/1.0', null]);
        assert.ok(entry.time >= before && session.created_at >= before);
        // The session opens the account.
        assert.equal((await client(server.app, signedIn.sessionToken).get('/api/v1/users/me')).json().user.id, user.id);
      });
    }

    test('a sign-in alone while another transaction holds the connection waits its turn, and what it writes stays when the other rolls back', async () => {
      const { user } = await createSignedInUser(server, 'member');
      const row = (await userById(server.db.kysely, user.id))!;
      const ctx = systemCtx(server.config, server.db, server.clock.now);
      const logins = async () => (await server.db.kysely.selectFrom('audit_log').select('id').where('target_id', '=', user.id).where('action', '=', 'login').execute()).length;
      const loginsBefore = await logins();
      let release!: () => void;
      const held = new Promise<void>((resolve) => { release = resolve; });
      let begun!: () => void;
      const open = new Promise<void>((resolve) => { begun = resolve; });
      const other = server.db.kysely.transaction().execute(async (trx) => {
        await trx.selectFrom('users').select('id').where('id', '=', user.id).execute();
        begun();
        await held;
        throw new Error('rolled back on purpose');
      });
      await open;
      // On SQLite the connection is the other transaction's now: a sign-in that joined it would be rolled back with it.
      const signing = signInAlone(ctx, row, 'password');
      await new Promise((resolve) => setTimeout(resolve, 20));
      release();
      await assert.rejects(other, /rolled back on purpose/);
      const signedIn = await signing;
      const session = await server.db.kysely.selectFrom('sessions').select('user_id').where('token_hash', '=', hashToken(signedIn.sessionToken)).executeTakeFirst();
      assert.equal(session?.user_id, user.id);
      assert.equal(await logins(), loginsBefore + 1);
    });

    test('an unknown user and a wrong password get the same answer', async () => {
      const unknown = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'nobody@example.com', password: 'whatever-password' } });
      const wrong = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'admin', password: 'not-the-password' } });
      assert.equal(unknown.statusCode, 401);
      assert.equal(wrong.statusCode, 401);
      assert.deepEqual(unknown.json(), wrong.json());
      assert.equal(unknown.json().code, 'INVALID_CREDENTIALS');
      assert.equal(unknown.headers['set-cookie'], undefined);
    });

    test('an unknown user and a wrong password take similar time (both pay one argon2 verify)', async () => {
      const once = async (login: string) => {
        const start = performance.now();
        await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password: 'not-the-password' } });
        return performance.now() - start;
      };
      const unknown: number[] = [];
      const wrong: number[] = [];
      // Interleaved, so both see the same machine noise; medians ignore outliers.
      for (let i = 0; i < 11; i++) {
        if (i % 2) { unknown.push(await once(`ghost${i}@example.com`)); wrong.push(await once('admin')); }
        else { wrong.push(await once('admin')); unknown.push(await once(`ghost${i}@example.com`)); }
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const ratio = median(unknown) / median(wrong);
      assert.ok(ratio > 0.5 && ratio < 2, `median unknown ${median(unknown).toFixed(1)} ms vs wrong password ${median(wrong).toFixed(1)} ms`);
    });

    test('password hashing runs off the event loop: a burst of sign-ins leaves timers on time', async () => {
      const histogram = monitorEventLoopDelay({ resolution: 5 });
      histogram.enable();
      await Promise.all(Array.from({ length: 12 }, () =>
        server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'admin', password: 'wrong-password-x' } })));
      histogram.disable();
      // Synchronous argon2 would block for 12 × ~15 ms in one go.
      const maxMs = histogram.max / 1e6;
      assert.ok(maxMs < 120, `event loop blocked for ${maxMs.toFixed(1)} ms`);
    });

    test('stored hashes are argon2id with at least OWASP parameters', async () => {
      const row = await server.db.kysely.selectFrom('users').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow();
      assert.match(row.password_hash!, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    });

    test('POST /auth/logout ends the session and audits it', async () => {
      const token = await signIn(server.app, 'admin', adminPassword);
      const api = client(server.app, token);
      assert.equal((await api.get('/api/v1/users/me')).statusCode, 200);
      const out = await api.post('/api/v1/auth/logout');
      assert.equal(out.statusCode, 204);
      assert.match(String(out.headers['set-cookie']), /roster_session=;/);
      const again = await api.get('/api/v1/users/me');
      assert.equal(again.statusCode, 401);
      assert.equal(again.json().code, 'UNAUTHENTICATED');
      const [entry] = await auditEntries(server, 'action=logout&limit=1');
      assert.equal(entry?.result, 'success');
    });

    test('a session ends when its lifetime is over', async () => {
      const short = await startServer(kind, { ROSTER_SESSION_LIFETIME: '1h' });
      try {
        const api = client(short.app, short.adminToken);
        assert.equal((await api.get('/api/v1/users/me')).statusCode, 200);
        short.clock.advance(59 * 60_000);
        assert.equal((await api.get('/api/v1/users/me')).statusCode, 200);
        short.clock.advance(2 * 60_000);
        assert.equal((await api.get('/api/v1/users/me')).statusCode, 401);
      } finally {
        await short.close();
      }
    });

    test('sign-ins and failed sign-ins are audited with the reason, and never with the password', async () => {
      await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'admin', password: 'bad-password-123' } });
      await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'ghost-user', password: 'bad-password-456' } });
      const failures = await auditEntries(server, 'action=login_failed&limit=2');
      assert.deepEqual(failures.map((f) => f.reason), ['unknown login', 'wrong password']);
      assert.equal(failures[0]!.target.name, 'ghost-user');
      assert.ok(failures.every((f) => f.result === 'failure'));
      const raw = JSON.stringify(await server.db.kysely.selectFrom('audit_log').selectAll().execute());
      assert.ok(!raw.includes('bad-password-123') && !raw.includes(adminPassword));
      const [login] = await auditEntries(server, 'action=login&limit=1');
      assert.equal(login?.result, 'success');
    });

    test('last seen is written at most once a minute per user, not on every request', async () => {
      const { api, user } = await createSignedInUser(server, 'member');
      const lastSeen = async () => (await server.db.kysely.selectFrom('users').select('last_seen_at').where('id', '=', user.id).executeTakeFirstOrThrow()).last_seen_at;
      await api.get('/api/v1/users/me');
      const first = await lastSeen();
      assert.ok(first !== null);
      server.clock.advance(30_000);
      await api.get('/api/v1/users/me');
      assert.equal(await lastSeen(), first, 'unchanged within the minute');
      server.clock.advance(31_000);
      await api.get('/api/v1/users/me');
      assert.ok((await lastSeen())! >= first! + 61_000, 'written again after a minute');
    });

    test('a cookie-authenticated change from another site is refused; same-origin and bearer requests pass', async () => {
      const { token } = await createSignedInUser(server, 'member');
      const patch = (headers: Record<string, string>, auth: 'cookie' | 'bearer' = 'cookie') => server.app.inject({
        method: 'PATCH', url: '/api/v1/users/me', payload: { name: 'Origin Test' },
        ...(auth === 'cookie' ? { cookies: { roster_session: token } } : {}),
        headers: { ...headers, ...(auth === 'bearer' ? { authorization: `Bearer ${token}` } : {}) },
      });
      const crossSite: Record<string, string>[] = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site', origin: 'http://other.localhost' }];
      for (const headers of crossSite) {
        const refused = await patch(headers);
        assert.equal(refused.statusCode, 403, JSON.stringify(headers));
        assert.equal(refused.json().code, 'CROSS_ORIGIN_REQUEST');
      }
      assert.equal((await patch({ origin: 'http://127.0.0.1:3000' })).statusCode, 200, 'the public URL');
      assert.equal((await patch({ 'sec-fetch-site': 'same-origin' })).statusCode, 200);
      assert.equal((await patch({})).statusCode, 200, 'a non-browser client sends neither header');
      assert.equal((await patch({ origin: 'https://evil.example' }, 'bearer')).statusCode, 200, 'bearer tokens carry no ambient authority');
      const read = await server.app.inject({ method: 'GET', url: '/api/v1/users/me', cookies: { roster_session: token }, headers: { origin: 'https://evil.example' } });
      assert.equal(read.statusCode, 200, 'reads are not state changes');
    });

    describe('temporary passwords', () => {
      test('a new user must change the temporary password: everything else answers 403 PASSWORD_CHANGE_REQUIRED', async () => {
        const admin = client(server.app, server.adminToken);
        const email = uniqueEmail('temp');
        const created = await admin.post('/api/v1/users', { email, loginType: 'built-in' });
        assert.equal(created.statusCode, 201, created.body);
        const { temporaryPassword, user } = created.json();
        const login = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: email, password: temporaryPassword } });
        assert.equal(login.statusCode, 200);
        assert.equal(login.json().mustChangePassword, true);
        const api = client(server.app, login.json().sessionToken);
        // allowed: own user (by me, id or username), own permissions, password change, sign out
        for (const url of ['/api/v1/users/me', `/api/v1/users/${user.id}`, `/api/v1/users/${user.username}`, '/api/v1/users/me/permissions']) {
          assert.equal((await api.get(url)).statusCode, 200, url);
        }
        for (const [response, what] of [
          [await api.get('/api/v1/users/admin'), 'another user'],
          [await api.patch('/api/v1/users/me', { name: 'New Name' }), 'profile edit'],
          [await api.get('/api/v1/users'), 'list'],
          [await api.get('/api/v1/audit'), 'audit'],
        ] as const) {
          assert.equal(response.statusCode, 403, what);
          assert.equal(response.json().code, 'PASSWORD_CHANGE_REQUIRED', what);
        }
        const changed = await api.put('/api/v1/users/me/password', { currentPassword: temporaryPassword, newPassword: chosenPassword });
        assert.equal(changed.statusCode, 204, changed.body);
        const me = await api.get('/api/v1/users/me');
        assert.equal(me.json().user.mustChangePassword, false);
        assert.equal((await api.patch('/api/v1/users/me', { name: 'New Name' })).statusCode, 200);
        assert.equal((await api.post('/api/v1/auth/logout')).statusCode, 204);
      });

      test('temporary passwords are at least 16 characters and differ every time', async () => {
        const admin = client(server.app, server.adminToken);
        const seen = new Set<string>();
        for (let i = 0; i < 3; i++) {
          const { temporaryPassword } = (await admin.post('/api/v1/users', { email: uniqueEmail('len'), loginType: 'built-in' })).json();
          assert.ok(temporaryPassword.length >= 16);
          seen.add(temporaryPassword);
        }
        assert.equal(seen.size, 3);
      });

      test('an expired temporary password is refused with a message to ask an administrator', async () => {
        const admin = client(server.app, server.adminToken);
        const email = uniqueEmail('expired');
        const { temporaryPassword } = (await admin.post('/api/v1/users', { email, loginType: 'built-in' })).json();
        server.clock.advance(7 * 86_400_000 + 1000);
        try {
          const login = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: email, password: temporaryPassword } });
          assert.equal(login.statusCode, 401);
          assert.equal(login.json().code, 'TEMPORARY_PASSWORD_EXPIRED');
          assert.match(login.json().message, /administrator/);
          // a wrong password still gets the ordinary answer: nothing is revealed
          const wrong = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: email, password: 'wrong-password-1' } });
          assert.equal(wrong.json().code, 'INVALID_CREDENTIALS');
        } finally {
          server.clock.advance(-(7 * 86_400_000 + 1000));
        }
      });
    });

    describe('changing a password', () => {
      test('needs the current password and follows the policy', async () => {
        const { api, user } = await createSignedInUser(server, 'member');
        const cases: [object, string, string][] = [
          [{ currentPassword: 'not-it-at-all', newPassword: 'another-good-one' }, 'WRONG_CURRENT_PASSWORD', 'currentPassword'],
          [{ currentPassword: chosenPassword, newPassword: 'short' }, 'WEAK_PASSWORD', 'newPassword'],
          [{ currentPassword: chosenPassword, newPassword: 'x'.repeat(257) }, 'WEAK_PASSWORD', 'newPassword'],
          [{ currentPassword: chosenPassword, newPassword: 'password1' }, 'WEAK_PASSWORD', 'newPassword'],
          [{ currentPassword: chosenPassword, newPassword: 'Iloveyou' }, 'WEAK_PASSWORD', 'newPassword'],
          [{ currentPassword: chosenPassword, newPassword: user.email.toUpperCase() }, 'WEAK_PASSWORD', 'newPassword'],
          [{ currentPassword: chosenPassword, newPassword: chosenPassword }, 'WEAK_PASSWORD', 'newPassword'],
        ];
        for (const [payload, code, field] of cases) {
          const response = await api.put('/api/v1/users/me/password', payload);
          assert.equal(response.statusCode, 400, JSON.stringify(payload));
          assert.equal(response.json().code, code);
          assert.equal(response.json().validations[0].field, field);
        }
        // the old password still works: nothing changed
        await signIn(server.app, user.email, chosenPassword);
        // no composition rules: a long lowercase phrase is fine, and so is one of 256 characters
        assert.equal((await api.put('/api/v1/users/me/password', { currentPassword: chosenPassword, newPassword: 'é'.repeat(256) })).statusCode, 204);
      });

      test('ends every other session of the user but keeps this one', async () => {
        const { api, user } = await createSignedInUser(server, 'member');
        const other = client(server.app, await signIn(server.app, user.email, chosenPassword));
        assert.equal((await other.get('/api/v1/users/me')).statusCode, 200);
        assert.equal((await api.put('/api/v1/users/me/password', { currentPassword: chosenPassword, newPassword: 'the-next-passphrase' })).statusCode, 204);
        assert.equal((await other.get('/api/v1/users/me')).statusCode, 401);
        assert.equal((await api.get('/api/v1/users/me')).statusCode, 200);
        await signIn(server.app, user.email, 'the-next-passphrase');
      });

      test('an admin reset ends all the target\'s sessions and issues a new temporary password', async () => {
        const { api, user } = await createSignedInUser(server, 'member');
        const admin = client(server.app, server.adminToken);
        const reset = await admin.post(`/api/v1/users/${user.id}/reset-password`);
        assert.equal(reset.statusCode, 200, reset.body);
        assert.equal((await api.get('/api/v1/users/me')).statusCode, 401);
        const old = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: user.email, password: chosenPassword } });
        assert.equal(old.statusCode, 401);
        const fresh = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: user.email, password: reset.json().temporaryPassword } });
        assert.equal(fresh.json().mustChangePassword, true);
      });
    });

    test('a suspended user who knows the password is told the account is suspended; others learn nothing', async () => {
      const { user } = await createSignedInUser(server, 'member');
      const admin = client(server.app, server.adminToken);
      assert.equal((await admin.post(`/api/v1/users/${user.id}/suspend`, { reason: 'left the team' })).statusCode, 200);
      const right = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: user.email, password: chosenPassword } });
      assert.equal(right.statusCode, 403);
      assert.equal(right.json().code, 'ACCOUNT_SUSPENDED');
      const wrong = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: user.email, password: 'wrong-password-2' } });
      assert.equal(wrong.json().code, 'INVALID_CREDENTIALS');
      const [entry] = await auditEntries(server, `action=login_failed&target=${user.id}&limit=2`);
      assert.equal(entry?.reason, 'wrong password');
    });
  });
}
