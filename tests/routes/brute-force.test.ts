// Brute-force protection for password sign-in (SPEC §3.2).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chosenPassword, client, createSignedInUser, databaseKinds, startServer, type TestServer } from '../helpers/harness.js';

for (const kind of databaseKinds()) {
  describe(`brute-force protection [${kind}]`, () => {
    let server: TestServer;
    before(async () => {
      server = await startServer(kind, { ROSTER_LOGIN_LOCK_AFTER: '5', ROSTER_LOGIN_LOCK_AFTER_PER_ADDRESS: '12', ROSTER_TRUSTED_PROXIES: '127.0.0.1' });
    });
    after(async () => { await server.close(); });

    const attempt = (login: string, password: string, from = '10.0.0.1') => server.app.inject({
      method: 'POST', url: '/api/v1/auth/login', payload: { login, password }, headers: { 'x-forwarded-for': from },
    });

    test('after five failures an account is locked with 429 and Retry-After, even for the right password; the lock grows', async () => {
      const { user } = await createSignedInUser(server, 'member');
      for (let i = 0; i < 5; i++) assert.equal((await attempt(user.email, `wrong-password-${i}`, `10.1.0.${i}`)).statusCode, 401);
      const locked = await attempt(user.email, chosenPassword, '10.1.0.99');
      assert.equal(locked.statusCode, 429);
      assert.equal(locked.json().code, 'TOO_MANY_REQUESTS');
      const first = Number(locked.headers['retry-after']);
      assert.ok(first > 0 && first <= 30, `Retry-After ${first}`);
      // the username shares the count with the email: the account is locked, not a spelling of it
      assert.equal((await attempt(user.username, chosenPassword, '10.1.0.98')).statusCode, 429);
      server.clock.advance(31_000);
      assert.equal((await attempt(user.email, 'wrong-again-1', '10.1.0.97')).statusCode, 401);
      const longer = await attempt(user.email, chosenPassword, '10.1.0.96');
      assert.equal(longer.statusCode, 429);
      assert.ok(Number(longer.headers['retry-after']) > 30, 'the second lock lasts longer');
      const [entry] = (await client(server.app, server.adminToken).get(`/api/v1/audit?action=login_failed&target=${user.id}&limit=1`)).json().entries;
      assert.match(entry.reason, /locked/);
      server.clock.advance(61_000);
      assert.equal((await attempt(user.email, chosenPassword, '10.1.0.95')).statusCode, 200, 'the lock lifts by itself');
    });

    test('a successful sign-in clears the account\'s count; sign-ins without failures leave no count behind', async () => {
      const { user } = await createSignedInUser(server, 'member');
      const countRows = async () => (await server.db.kysely.selectFrom('login_throttle').select('key').where('key', '=', `account:${user.id}`).execute()).length;
      assert.equal((await attempt(user.email, chosenPassword, '10.5.0.1')).statusCode, 200);
      assert.equal(await countRows(), 0);
      for (let i = 0; i < 4; i++) assert.equal((await attempt(user.email, `wrong-password-${i}`, `10.5.1.${i}`)).statusCode, 401);
      assert.equal(await countRows(), 1);
      assert.equal((await attempt(user.username, chosenPassword, '10.5.0.2')).statusCode, 200);
      assert.equal(await countRows(), 0, 'cleared by the success');
      // four more failures make four, not eight: still under the lock of five
      for (let i = 0; i < 4; i++) assert.equal((await attempt(user.email, `wrong-again-${i}`, `10.5.2.${i}`)).statusCode, 401);
      assert.equal((await attempt(user.email, chosenPassword, '10.5.0.3')).statusCode, 200);
    });

    test('an unknown login is locked just like a real one, so the lock reveals nothing', async () => {
      for (let i = 0; i < 5; i++) assert.equal((await attempt('nobody-here@example.com', `guess-${i}`, `10.2.0.${i}`)).statusCode, 401);
      assert.equal((await attempt('nobody-here@example.com', 'guess-x', '10.2.0.50')).statusCode, 429);
    });

    test('a site manager unlocks an account at once; the unlock is audited', async () => {
      const { user } = await createSignedInUser(server, 'member');
      const manager = await createSignedInUser(server, 'site-manager');
      for (let i = 0; i < 5; i++) await attempt(user.email, `wrong-${i}`, `10.3.0.${i}`);
      assert.equal((await attempt(user.email, chosenPassword, '10.3.0.77')).statusCode, 429);
      const unlock = await manager.api.post(`/api/v1/users/${user.id}/unlock`);
      assert.equal(unlock.statusCode, 200, unlock.body);
      assert.equal((await attempt(user.email, chosenPassword, '10.3.0.78')).statusCode, 200);
      const [entry] = (await client(server.app, server.adminToken).get(`/api/v1/audit?action=unlock&target=${user.id}`)).json().entries;
      assert.equal(entry.actor.id, manager.user.id);
      const member = await createSignedInUser(server, 'member');
      assert.equal((await member.api.post(`/api/v1/users/${user.id}/unlock`)).statusCode, 403);
    });

    test('one client address is locked after many failures across accounts; other addresses are not', async () => {
      const { user } = await createSignedInUser(server, 'member');
      for (let i = 0; i < 12; i++) await attempt(`spray-${i}@example.com`, 'Password1', '10.9.9.9');
      const fromThere = await attempt(user.email, chosenPassword, '10.9.9.9');
      assert.equal(fromThere.statusCode, 429);
      assert.equal((await attempt(user.email, chosenPassword, '10.9.9.10')).statusCode, 200);
    });

    test('without a trusted proxy, X-Forwarded-For cannot change the client address', async () => {
      const direct = await startServer(kind, { ROSTER_LOGIN_LOCK_AFTER: '3', ROSTER_LOGIN_LOCK_AFTER_PER_ADDRESS: '4' });
      try {
        for (let i = 0; i < 4; i++) {
          await direct.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: `x${i}@example.com`, password: 'guessguess' }, headers: { 'x-forwarded-for': `10.8.0.${i}` } });
        }
        const next = await direct.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'admin', password: 'admin-test-password-42' }, headers: { 'x-forwarded-for': '10.8.0.200' } });
        assert.equal(next.statusCode, 429, 'all four came from the same real address');
      } finally {
        await direct.close();
      }
    });
  });
}
