import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { newId } from '../../src/domain/ids.js';
import {
  chosenPassword, client, createSignedInUser, databaseKinds, signIn, startServer, uniqueEmail, type TestServer,
} from '../helpers/harness.js';
import type { ApiUser } from '../../src/domain/user-view.js';

const tag = () => randomBytes(4).toString('hex');

/** Live users whose username, email or name contains `text` (read through the list API). */
async function usersMatching(server: TestServer, text: string): Promise<ApiUser[]> {
  const response = await client(server.app, server.adminToken).get(`/api/v1/users?limit=100&q=${encodeURIComponent(`"${text}"`)}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json().users;
}

async function readUser(server: TestServer, ref: string): Promise<ApiUser> {
  const response = await client(server.app, server.adminToken).get(`/api/v1/users/${ref}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json().user;
}

function assertRefused(response: { statusCode: number; json(): any; body: string }, status: number, code: string, field?: string): void {
  assert.equal(response.statusCode, status, response.body);
  assert.equal(response.json().code, code, response.body);
  if (field) assert.ok(response.json().validations?.some((v: { field: string }) => v.field === field), response.body);
}

/** An organization that is not a default one (there is no orgs API yet, so it goes in directly). */
async function addOrg(server: TestServer, name: string): Promise<string> {
  const now = server.clock.now();
  const id = newId(now);
  await server.db.kysely.insertInto('orgs').values({ id, name, description: '', is_default: 0, default_role: 'org-member', created_at: now, updated_at: now }).execute();
  return id;
}

for (const kind of databaseKinds()) {
  describe(`users: create, read, update, delete, suspend [${kind}]`, () => {
    let server: TestServer;
    before(async () => { server = await startServer(kind); });
    after(async () => { await server.close(); });
    const admin = () => client(server.app, server.adminToken);

    describe('POST /users', () => {
      test('a built-in user gets a temporary password once; defaults are member, the Default org and the username as name', async () => {
        const email = uniqueEmail('built');
        const response = await admin().post('/api/v1/users', { email, loginType: 'built-in' });
        assert.equal(response.statusCode, 201, response.body);
        const { user, temporaryPassword } = response.json();
        assert.ok(typeof temporaryPassword === 'string' && temporaryPassword.length >= 16);
        assert.equal(user.email, email);
        assert.equal(user.loginType, 'built-in');
        assert.equal(user.siteRole, 'member');
        assert.equal(user.status, 'active');
        assert.equal(user.mustChangePassword, true);
        assert.equal(user.name, user.username);
        assert.deepEqual(user.organizations.map((o: { name: string; role: string }) => [o.name, o.role]), [['Default', 'org-member']]);
        assert.deepEqual(await readUser(server, user.id), user);
        // the password is not shown again
        assert.equal('temporaryPassword' in (await admin().get(`/api/v1/users/${user.id}`)).json(), false);
      });

      test('an OpenID Connect user gets no temporary password and need not change one', async () => {
        const response = await admin().post('/api/v1/users', { email: uniqueEmail('oidc'), name: 'Olive Idc', loginType: 'oidc' });
        assert.equal(response.statusCode, 201, response.body);
        assert.equal('temporaryPassword' in response.json(), false);
        const user = response.json().user;
        assert.equal(user.loginType, 'oidc');
        assert.equal(user.mustChangePassword, false);
        assert.equal(user.name, 'Olive Idc');
      });

      test('the username is derived from the email local part: sanitised, lower-cased, cut to 39, suffixed on collision', async () => {
        const create = async (email: string) => {
          const response = await admin().post('/api/v1/users', { email, loginType: 'oidc' });
          assert.equal(response.statusCode, 201, response.body);
          return response.json().user.username as string;
        };
        assert.equal(await create('John.Smith+x@ex.com'), 'john-smith-x');
        assert.equal(await create('john.smith+x@other.example.com'), 'john-smith-x-2');
        assert.equal(await create('JOHN_SMITH__X@third.example.com'), 'john-smith-x-3');
        // a username taken explicitly in another case counts as a collision too
        assert.equal((await admin().post('/api/v1/users', { email: uniqueEmail(), username: 'Ada-Byron', loginType: 'oidc' })).statusCode, 201);
        assert.equal(await create('ada.byron@ex.com'), 'ada-byron-2');

        const long = `${'a'.repeat(20)}.${'b'.repeat(30)}`; // 51 characters
        const cut = `${'a'.repeat(20)}-${'b'.repeat(18)}`;
        assert.equal(cut.length, 39);
        assert.equal(await create(`${long}@ex.com`), cut);
        assert.equal(await create(`${long}@two.example.com`), `${cut.slice(0, 37)}-2`);
        // a cut that would end in a hyphen drops it
        assert.equal(await create(`${'c'.repeat(38)}.dd@ex.com`), 'c'.repeat(38));
        // a local part that would be a reserved name is not used as it is
        assert.notEqual(await create('me@ex.com'), 'me');
      });

      test('creates at the same moment still get distinct derived usernames; the same email twice gets one 409', async () => {
        const local = `race.${tag()}`;
        const responses = await Promise.all(Array.from({ length: 8 }, (_, i) =>
          admin().post('/api/v1/users', { email: `${local}@d${i}.example.com`, loginType: 'oidc' })));
        assert.deepEqual(responses.map((r) => r.statusCode), Array(8).fill(201), responses.map((r) => r.body).join('\n'));
        const base = local.replace('.', '-');
        assert.deepEqual(responses.map((r) => r.json().user.username).sort(), [base, ...[2, 3, 4, 5, 6, 7, 8].map((n) => `${base}-${n}`)].sort());

        const email = uniqueEmail('twice');
        const twice = await Promise.all([1, 2, 3].map(() => admin().post('/api/v1/users', { email, loginType: 'oidc' })));
        assert.deepEqual(twice.map((r) => r.statusCode).sort(), [201, 409, 409]);
        assert.ok(twice.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'EMAIL_TAKEN'));
        assert.equal((await usersMatching(server, email)).length, 1);
      });

      test('an explicit username must be 1–39 letters, digits and inner hyphens, and not reserved', async () => {
        const uuid = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
        for (const username of ['', 'x'.repeat(40), '-lead', 'trail-', 'under_score', 'has space', 'dot.ted', 'ümlaut', 'me', 'ME', uuid, uuid.toUpperCase()]) {
          const email = uniqueEmail('badname');
          const response = await admin().post('/api/v1/users', { email, username, loginType: 'built-in' });
          assertRefused(response, 400, 'VALIDATION_FAILED', 'username');
          assert.deepEqual(await usersMatching(server, email), [], `nothing created for "${username}"`);
        }
        for (const username of ['q', `z${'9'.repeat(30)}${tag()}`, `Mixed-Case-${tag()}`]) {
          const response = await admin().post('/api/v1/users', { email: uniqueEmail('goodname'), username, loginType: 'oidc' });
          assert.equal(response.statusCode, 201, `${username}: ${response.body}`);
          assert.equal(response.json().user.username, username, 'kept as given');
        }
      });

      test('email and username are unique case-insensitively: 409 and nothing created', async () => {
        const email = uniqueEmail('uniq');
        const username = `uniq-${tag()}`;
        assert.equal((await admin().post('/api/v1/users', { email, username, loginType: 'built-in' })).statusCode, 201);

        assertRefused(await admin().post('/api/v1/users', { email: email.toUpperCase(), loginType: 'built-in' }), 409, 'EMAIL_TAKEN', 'email');
        const otherEmail = uniqueEmail('uniq');
        assertRefused(await admin().post('/api/v1/users', { email: otherEmail, username: username.toUpperCase(), loginType: 'built-in' }), 409, 'USERNAME_TAKEN', 'username');
        assert.deepEqual(await usersMatching(server, otherEmail), []);
        assert.equal((await usersMatching(server, username)).length, 1);
      });

      test('a named organization replaces the defaults; an unknown one is a 400 and creates nothing', async () => {
        const orgName = `Team ${tag()}`;
        const orgId = await addOrg(server, orgName);
        const byName = await admin().post('/api/v1/users', { email: uniqueEmail('org'), loginType: 'oidc', organizations: [orgName.toLowerCase()] });
        assert.equal(byName.statusCode, 201, byName.body);
        assert.deepEqual(byName.json().user.organizations, [{ id: orgId, name: orgName, role: 'org-member' }]);
        const both = await admin().post('/api/v1/users', { email: uniqueEmail('org'), loginType: 'oidc', organizations: [orgId, 'Default'] });
        assert.deepEqual(both.json().user.organizations.map((o: { name: string }) => o.name).sort(), ['Default', orgName].sort());

        const email = uniqueEmail('noorg');
        const unknown = await admin().post('/api/v1/users', { email, loginType: 'built-in', organizations: ['Default', 'No Such Org'] });
        assertRefused(unknown, 400, 'VALIDATION_FAILED', 'organizations');
        assert.match(unknown.json().message, /No Such Org/);
        assert.deepEqual(await usersMatching(server, email), []);
      });

      test('a site manager may create an auditor but not a site manager; nobody creates a site admin', async () => {
        const { api: manager } = await createSignedInUser(server, 'site-manager');
        const auditor = await manager.post('/api/v1/users', { email: uniqueEmail('aud'), loginType: 'built-in', siteRole: 'auditor' });
        assert.equal(auditor.statusCode, 201, auditor.body);
        assert.equal(auditor.json().user.siteRole, 'auditor');

        const email = uniqueEmail('mgr');
        assertRefused(await manager.post('/api/v1/users', { email, loginType: 'built-in', siteRole: 'site-manager' }), 403, 'FORBIDDEN', 'siteRole');
        assertRefused(await admin().post('/api/v1/users', { email, loginType: 'built-in', siteRole: 'site-admin' }), 403, 'FORBIDDEN', 'siteRole');
        assert.deepEqual(await usersMatching(server, email), []);
        // the site admin may create a site manager
        const made = await admin().post('/api/v1/users', { email, loginType: 'built-in', siteRole: 'site-manager' });
        assert.equal(made.json().user.siteRole, 'site-manager');
      });

      test('members and auditors cannot create users', async () => {
        for (const role of ['member', 'auditor'] as const) {
          const { api } = await createSignedInUser(server, role);
          const email = uniqueEmail('nope');
          assertRefused(await api.post('/api/v1/users', { email, loginType: 'built-in' }), 403, 'FORBIDDEN');
          assert.deepEqual(await usersMatching(server, email), []);
        }
      });
    });

    describe('GET /users/{user}', () => {
      test('finds a user by id, by username in any case, and the actor by `me`', async () => {
        const { user, api } = await createSignedInUser(server, 'member');
        const byId = await readUser(server, user.id);
        assert.equal(byId.email, user.email);
        assert.deepEqual(await readUser(server, user.username.toUpperCase()), byId);
        const me = await api.get('/api/v1/users/me');
        assert.equal(me.statusCode, 200);
        assert.equal(me.json().user.id, user.id);
        assert.equal((await admin().get('/api/v1/users/me')).json().user.username, 'admin');
      });

      test('an unknown id or username is 404 USER_NOT_FOUND', async () => {
        assertRefused(await admin().get('/api/v1/users/nobody-here'), 404, 'USER_NOT_FOUND');
        assertRefused(await admin().get(`/api/v1/users/${newId()}`), 404, 'USER_NOT_FOUND');
      });

      test('a member asking for another user is told it does not exist; an auditor is told 403', async () => {
        const { api: member } = await createSignedInUser(server, 'member');
        const { user: other } = await createSignedInUser(server, 'member');
        const unknown = await member.get('/api/v1/users/nobody-here');
        const hidden = await member.get(`/api/v1/users/${other.username}`);
        assertRefused(hidden, 404, 'USER_NOT_FOUND');
        assert.equal(unknown.statusCode, 404);
        assertRefused(await member.get(`/api/v1/users/${other.id}`), 404, 'USER_NOT_FOUND');

        const { api: auditor, user: self } = await createSignedInUser(server, 'auditor');
        assertRefused(await auditor.get(`/api/v1/users/${other.id}`), 403, 'FORBIDDEN');
        assert.equal((await auditor.get(`/api/v1/users/${self.id}`)).statusCode, 200);
      });
    });

    describe('PATCH /users/{user}', () => {
      test('a member changes their own name and username', async () => {
        const { api, user } = await createSignedInUser(server, 'member');
        const username = `renamed-${tag()}`;
        const response = await api.patch('/api/v1/users/me', { name: 'Grace Hopper', username });
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.json().user.username, username);
        const read = await readUser(server, user.id);
        assert.equal(read.name, 'Grace Hopper');
        assert.equal(read.username, username);
        assert.equal((await readUser(server, username)).id, user.id);
        assertRefused(await admin().get(`/api/v1/users/${user.username}`), 404, 'USER_NOT_FOUND');
        // still validated
        assertRefused(await api.patch('/api/v1/users/me', { username: 'bad-' }), 400, 'VALIDATION_FAILED', 'username');
        assert.equal((await readUser(server, user.id)).username, username);
      });

      test('a member cannot change their own email, nor touch another user', async () => {
        const { api, user } = await createSignedInUser(server, 'member');
        assertRefused(await api.patch('/api/v1/users/me', { email: uniqueEmail('mine') }), 403, 'FORBIDDEN', 'email');
        assert.equal((await readUser(server, user.id)).email, user.email);
        const { user: other } = await createSignedInUser(server, 'member');
        assertRefused(await api.patch(`/api/v1/users/${other.id}`, { name: 'Hijacked' }), 404, 'USER_NOT_FOUND');
        assert.notEqual((await readUser(server, other.id)).name, 'Hijacked');
      });

      test('a site manager changes another user\'s email, name and role; the change holds on the user\'s session', async () => {
        const { api: manager } = await createSignedInUser(server, 'site-manager');
        const { api: target, user } = await createSignedInUser(server, 'member');
        assertRefused(await target.get('/api/v1/users'), 403, 'FORBIDDEN');
        const email = uniqueEmail('moved');
        const response = await manager.patch(`/api/v1/users/${user.id}`, { email, name: 'Renamed By Manager', siteRole: 'auditor' });
        assert.equal(response.statusCode, 200, response.body);
        const read = await readUser(server, user.id);
        assert.deepEqual([read.email, read.name, read.siteRole], [email, 'Renamed By Manager', 'auditor']);
        assert.equal((await target.get('/api/v1/users')).statusCode, 200, 'the new role applies at once');
        await signIn(server.app, email, chosenPassword);
      });

      test('a duplicate email or username is 409 and changes nothing', async () => {
        const { user: first } = await createSignedInUser(server, 'member');
        const { user: second } = await createSignedInUser(server, 'member');
        const before = await readUser(server, second.id);
        assertRefused(await admin().patch(`/api/v1/users/${second.id}`, { name: 'Not Applied', email: first.email.toUpperCase() }), 409, 'EMAIL_TAKEN', 'email');
        assertRefused(await admin().patch(`/api/v1/users/${second.id}`, { name: 'Not Applied', username: first.username.toUpperCase() }), 409, 'USERNAME_TAKEN', 'username');
        assert.deepEqual(await readUser(server, second.id), before);
      });

      test('an empty patch is a no-op that answers 200 with the user', async () => {
        const { user } = await createSignedInUser(server, 'member');
        const before = await readUser(server, user.id);
        server.clock.advance(5_000);
        const response = await admin().patch(`/api/v1/users/${user.id}`, {});
        assert.equal(response.statusCode, 200, response.body);
        assert.deepEqual(response.json().user, before);
        assert.deepEqual(await readUser(server, user.id), before);
      });
    });

    describe('DELETE /users/{user}', () => {
      test('soft-deletes: 404 afterwards, gone from the list, sessions end, email and username free at once', async () => {
        const { api, user } = await createSignedInUser(server, 'member');
        const response = await admin().delete(`/api/v1/users/${user.username}`);
        assert.equal(response.statusCode, 204, response.body);
        assert.equal(response.body, '');

        assertRefused(await admin().get(`/api/v1/users/${user.id}`), 404, 'USER_NOT_FOUND');
        assertRefused(await admin().get(`/api/v1/users/${user.username}`), 404, 'USER_NOT_FOUND');
        assert.deepEqual(await usersMatching(server, user.email), []);
        assertRefused(await api.get('/api/v1/users/me'), 401, 'UNAUTHENTICATED');
        assertRefused(await admin().delete(`/api/v1/users/${user.id}`), 404, 'USER_NOT_FOUND');
        const login = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: user.email, password: chosenPassword } });
        assert.equal(login.statusCode, 401);

        const row = await server.db.kysely.selectFrom('users').select(['id', 'deleted_at']).where('id', '=', user.id).executeTakeFirst();
        assert.ok(row, 'the row is kept for the audit trail');
        assert.equal(typeof row.deleted_at, 'number');

        const again = await admin().post('/api/v1/users', { email: user.email.toUpperCase(), username: user.username, loginType: 'built-in' });
        assert.equal(again.statusCode, 201, again.body);
        assert.notEqual(again.json().user.id, user.id);
        assert.equal(again.json().user.username, user.username);
        assert.deepEqual((await usersMatching(server, user.email)).map((u) => u.id), [again.json().user.id]);
      });

      test('a deleted user\'s derived username is free again for a user with the same email', async () => {
        const email = `Free.Again.${tag()}@example.com`;
        const first = (await admin().post('/api/v1/users', { email, loginType: 'oidc' })).json().user;
        assert.equal((await admin().delete(`/api/v1/users/${first.id}`)).statusCode, 204);
        const second = await admin().post('/api/v1/users', { email, loginType: 'oidc' });
        assert.equal(second.statusCode, 201, second.body);
        assert.equal(second.json().user.username, first.username, 'no -2 suffix for a deleted user');
      });
    });

    describe('suspend and activate', () => {
      test('suspending with a reason and an end time ends the user\'s sessions at once', async () => {
        const { api, user } = await createSignedInUser(server, 'member');
        const until = new Date(server.clock.now() + 10 * 60_000).toISOString();
        const response = await admin().post(`/api/v1/users/${user.id}/suspend`, { reason: 'on leave', until });
        assert.equal(response.statusCode, 200, response.body);
        const suspended = response.json().user;
        assert.deepEqual([suspended.status, suspended.suspendedReason, suspended.suspendedUntil], ['suspended', 'on leave', until]);
        assert.deepEqual(await readUser(server, user.id), suspended);
        assertRefused(await api.get('/api/v1/users/me'), 401, 'UNAUTHENTICATED');
        const login = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: user.email, password: chosenPassword } });
        assertRefused(login, 403, 'ACCOUNT_SUSPENDED');
      });

      test('an end time in the past or not a time is a 400 and suspends nothing', async () => {
        const { api, user } = await createSignedInUser(server, 'member');
        const past = new Date(server.clock.now() - 60_000).toISOString();
        assertRefused(await admin().post(`/api/v1/users/${user.id}/suspend`, { until: past }), 400, 'VALIDATION_FAILED', 'until');
        assertRefused(await admin().post(`/api/v1/users/${user.id}/suspend`, { until: 'tomorrow' }), 400, 'VALIDATION_FAILED', 'until');
        assert.equal((await readUser(server, user.id)).status, 'active');
        assert.equal((await api.get('/api/v1/users/me')).statusCode, 200);
      });

      test('a suspension lifts itself once its end time has passed', async () => {
        const { user } = await createSignedInUser(server, 'member');
        const until = server.clock.now() + 30 * 60_000;
        // an offset time is accepted and read back in UTC
        const withOffset = new Date(until + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
        const response = await admin().post(`/api/v1/users/${user.id}/suspend`, { reason: 'cooling off', until: withOffset });
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.json().user.suspendedUntil, new Date(until).toISOString());

        server.clock.advance(30 * 60_000 + 1_000);
        const lifted = await readUser(server, user.id);
        assert.deepEqual([lifted.status, lifted.suspendedReason, lifted.suspendedUntil], ['active', null, null]);
        const token = await signIn(server.app, user.email, chosenPassword);
        assert.equal((await client(server.app, token).get('/api/v1/users/me')).json().user.status, 'active');
      });

      test('activate clears a suspension and the user can sign in again', async () => {
        const { user } = await createSignedInUser(server, 'member');
        const suspend = await admin().post(`/api/v1/users/${user.id}/suspend`, { reason: 'no end' });
        assert.equal(suspend.json().user.suspendedUntil, null);
        assert.equal(suspend.json().user.status, 'suspended');
        const response = await admin().post(`/api/v1/users/${user.id}/activate`);
        assert.equal(response.statusCode, 200, response.body);
        const active = response.json().user;
        assert.deepEqual([active.status, active.suspendedReason, active.suspendedUntil], ['active', null, null]);
        assert.deepEqual(await readUser(server, user.id), active);
        await signIn(server.app, user.email, chosenPassword);
        // activating an active user changes nothing
        const again = await admin().post(`/api/v1/users/${user.id}/activate`, {});
        assert.equal(again.statusCode, 200);
        assert.equal(again.json().user.status, 'active');
      });
    });
  });
}
