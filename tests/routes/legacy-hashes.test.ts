// Users imported with another system's password hash (issue 7) sign in with
// their old password, and that hash is replaced by Roster's argon2id at the
// first successful sign-in. The users are written straight into the database,
// as the importer will; the hashes are made here, independently of Roster's
// code, or taken from published test vectors.
import assert from 'node:assert/strict';
import { pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { hash as argon2Hash } from '@node-rs/argon2';
import { hash as bcryptHash } from '@node-rs/bcrypt';
import { client, databaseKinds, signIn, startServer, uniqueEmail, type TestServer } from '../helpers/harness.js';

const rosterArgon2id = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;
const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');
const ab64 = (bytes: Buffer) => b64(bytes).replaceAll('+', '.'); // passlib's adapted base64

interface Case { name: string; password: string; make(password: string): string | Promise<string> }

function passlibPbkdf2(digest: 'sha1' | 'sha256' | 'sha512', iterations: number) {
  return (password: string) => {
    const salt = randomBytes(16);
    const size = { sha1: 20, sha256: 32, sha512: 64 }[digest];
    const id = digest === 'sha1' ? 'pbkdf2' : `pbkdf2-${digest}`;
    return `$${id}$${iterations}$${ab64(salt)}$${ab64(pbkdf2Sync(password, salt, iterations, size, digest))}`;
  };
}

const fixed = (hash: string) => () => hash;

const cases: Case[] = [
  // Made here, with other libraries or node:crypto and other parameters than Roster's.
  { name: 'argon2i (m=4096, t=3, p=2)', password: 'old-argon2i-password', make: (pw) => argon2Hash(pw, { algorithm: 1, memoryCost: 4096, timeCost: 3, parallelism: 2 }) },
  { name: 'argon2id with weaker parameters (m=8192, t=1)', password: 'old-argon2id-password', make: (pw) => argon2Hash(pw, { algorithm: 2, memoryCost: 8192, timeCost: 1, parallelism: 1 }) },
  { name: 'bcrypt $2y$ (cost 10)', password: 'old-bcrypt-password', make: (pw) => bcryptHash(pw, 10) },
  { name: 'bcrypt $2b$ (cost 10)', password: 'old-bcrypt-password', make: async (pw) => (await bcryptHash(pw, 10)).replace(/^\$2y\$/, '$2b$') },
  { name: 'passlib pbkdf2_sha256', password: 'old-pbkdf2-password', make: passlibPbkdf2('sha256', 29000) },
  { name: 'passlib pbkdf2_sha512', password: 'old-pbkdf2-password', make: passlibPbkdf2('sha512', 25000) },
  { name: 'passlib pbkdf2_sha1', password: 'old-pbkdf2-password', make: passlibPbkdf2('sha1', 131000) },
  {
    name: 'PHC pbkdf2-sha256 (i=, l=)', password: 'old-pbkdf2-password',
    make: (pw) => { const salt = randomBytes(16); return `$pbkdf2-sha256$i=100000,l=32$${b64(salt)}$${b64(pbkdf2Sync(pw, salt, 100000, 32, 'sha256'))}`; },
  },
  {
    name: 'scrypt (ln=14, r=8, p=1)', password: 'old-scrypt-password',
    make: (pw) => { const salt = randomBytes(16); return `$scrypt$ln=14,r=8,p=1$${b64(salt)}$${b64(scryptSync(pw, salt, 32, { N: 2 ** 14, r: 8, p: 1 }))}`; },
  },
  // Known answers, encoded by someone else (sources in tests/domain/legacy-hashes.test.ts).
  { name: 'argon2i reference vector', password: 'password', make: fixed('$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA') },
  { name: 'argon2d OpenJDK vector', password: '12345678', make: fixed('$argon2d$v=19$m=16,t=2,p=1$d3VVZ0s3bnBIN25UbXVzQw$4piwyhK7cr9pZM1N88kyoQ') },
  { name: 'bcrypt crypt_blowfish vector', password: 'U*U', make: fixed('$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW') },
  { name: 'passlib pbkdf2_sha256 vector', password: 'password', make: fixed('$pbkdf2-sha256$6400$0ZrzXitFSGltTQnBWOsdAw$Y11AchqV4b0sUisdZd0Xr97KWoymNE0LNNrnEgY4H9M') },
  {
    name: 'passlib pbkdf2_sha512 vector', password: 'password',
    make: fixed('$pbkdf2-sha512$1212$RHY0Fr3IDMSVO/RSZyb5ow$eNLfBK.eVozomMr.1gYa17k9B7KIK25NOEshvhrSX.esqY3s.FvWZViXz4KoLlQI.BzY/YTNJOiKc5gBYFYGww'),
  },
  { name: 'passlib pbkdf2_sha1 vector', password: 'password', make: fixed('$pbkdf2$1212$OB.dtnSEXZK8U5cgxU/GYQ$y5LKPOplRmok7CZp/aqVDVg8zGI') },
  {
    name: 'RustCrypto PHC pbkdf2-sha256 vector', password: 'passwordPASSWORDpassword',
    make: fixed('$pbkdf2-sha256$i=4096,l=40$c2FsdFNBTFRzYWx0U0FMVHNhbHRTQUxUc2FsdFNBTFRzYWx0$NIyJ28vTKy8y2BS4EW6EzysXNH68GAAYHE4qH7jdU+HGNVGMfaxH6Q'),
  },
  { name: 'passlib scrypt vector', password: 'password', make: fixed('$scrypt$ln=8,r=8,p=1$WKs1xljLudd6z9kbY0wpJQ$yCR4iDZYDKv+iEJj6yHY0lv/epnfB6f/w1EbXrsJOuQ') },
];

for (const kind of databaseKinds()) {
  describe(`sign-in with an imported password hash [${kind}]`, () => {
    let server: TestServer;
    before(async () => { server = await startServer(kind); });
    after(async () => { await server.close(); });

    /** A built-in user whose stored hash is `passwordHash`, as the importer would leave them. */
    async function importedUser(passwordHash: string) {
      const email = uniqueEmail('imported');
      const created = await client(server.app, server.adminToken).post('/api/v1/users', { email, loginType: 'built-in' });
      assert.equal(created.statusCode, 201, created.body);
      const user = created.json().user as { id: string; username: string };
      await server.db.kysely.updateTable('users')
        .set({ password_hash: passwordHash, must_change_password: 0, password_expires_at: null })
        .where('id', '=', user.id).execute();
      return { ...user, email };
    }
    const storedHash = async (id: string) =>
      (await server.db.kysely.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash;
    const login = (login: string, password: string) =>
      server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password } });
    async function auditOf(userId: string) {
      const response = await client(server.app, server.adminToken).get(`/api/v1/audit?target=${userId}&limit=50`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json().entries as { action: string; result: string; reason: string | null; diff: Record<string, unknown> | null }[];
    }

    for (const c of cases) {
      test(`${c.name}: a wrong password is refused and changes nothing; the right one signs in and replaces the hash with Roster's argon2id`, async () => {
        const legacy = await c.make(c.password);
        const user = await importedUser(legacy);

        const wrong = await login(user.email, `${c.password}-not`);
        assert.equal(wrong.statusCode, 401, wrong.body);
        assert.equal(wrong.json().code, 'INVALID_CREDENTIALS');
        assert.equal(await storedHash(user.id), legacy, 'a failed sign-in leaves the imported hash as it was');

        const right = await login(user.email, c.password);
        assert.equal(right.statusCode, 200, right.body);
        assert.equal(right.json().user.id, user.id);
        const upgraded = await storedHash(user.id);
        assert.match(upgraded!, rosterArgon2id);

        // The new hash is the one that works from now on, and is not replaced again.
        await signIn(server.app, user.username, c.password);
        assert.equal(await storedHash(user.id), upgraded);
        assert.equal((await login(user.username, `${c.password}-not`)).statusCode, 401);

        const trail = await auditOf(user.id);
        const replaced = trail.filter((entry) => entry.action === 'write' && entry.reason?.includes('argon2id'));
        assert.equal(replaced.length, 1, 'one audit note for the replacement');
        assert.deepEqual(replaced[0]!.diff, { password: ['******', '******'] });
        assert.equal(trail.filter((entry) => entry.action === 'login').length, 2);
        assert.deepEqual(trail.filter((entry) => entry.action === 'login_failed').map((entry) => entry.reason), ['wrong password', 'wrong password']);
        const everything = JSON.stringify(trail);
        for (const secret of [legacy, upgraded!, legacy.split('$').at(-1)!, upgraded!.split('$').at(-1)!]) {
          assert.ok(!everything.includes(secret), 'no hash in the audit log');
        }
      });
    }

    test('a stored hash that is malformed, unsupported or beyond the cost bounds fails like a wrong password (401, not 500) and is kept', async () => {
      const salt = b64(randomBytes(16));
      const out = b64(randomBytes(32));
      for (const bad of [
        'not a hash at all',
        `$argon2id$v=19$m=4194304,t=1,p=1$${salt}$${out}`, // 4 GiB
        `$argon2id$v=19$m=19456,t=100,p=1$${salt}$${out}`,
        '$2b$16$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW', // bcrypt cost 16
        `$pbkdf2-sha256$100000000$${salt}$${out}`,
        `$scrypt$ln=24,r=8,p=1$${salt}$${out}`, // 2 GiB
        '$1$saltsalt$2vCp4dxgTbOazjc.nb1uI0', // md5-crypt
        '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ', // cut short
      ]) {
        const user = await importedUser(bad);
        const started = Date.now();
        const response = await login(user.email, 'whatever-they-type');
        assert.equal(response.statusCode, 401, `${bad}: ${response.body}`);
        assert.equal(response.json().code, 'INVALID_CREDENTIALS');
        assert.ok(Date.now() - started < 2_000, `${bad} is refused without running its cost`);
        assert.equal(await storedHash(user.id), bad);
      }
    });

    test('PUT /users/me/password accepts the current password against an imported hash', async () => {
      const password = 'old-bcrypt-password';
      const legacy = await bcryptHash(password, 10);
      const user = await importedUser(legacy);
      const token = await signIn(server.app, user.email, password);
      // Back to the imported hash, as if this session had been opened before the import replaced it.
      await server.db.kysely.updateTable('users').set({ password_hash: legacy }).where('id', '=', user.id).execute();
      const api = client(server.app, token);

      const wrong = await api.put('/api/v1/users/me/password', { currentPassword: 'not-the-old-one', newPassword: 'a-brand-new-passphrase' });
      assert.equal(wrong.statusCode, 400, wrong.body);
      assert.equal(wrong.json().code, 'WRONG_CURRENT_PASSWORD');
      assert.equal(await storedHash(user.id), legacy);

      const changed = await api.put('/api/v1/users/me/password', { currentPassword: password, newPassword: 'a-brand-new-passphrase' });
      assert.equal(changed.statusCode, 204, changed.body);
      assert.match((await storedHash(user.id))!, rosterArgon2id);
      await signIn(server.app, user.email, 'a-brand-new-passphrase');
      assert.equal((await login(user.email, password)).statusCode, 401);
    });

    test('simultaneous first sign-ins with an imported hash all succeed and leave a Roster argon2id hash', async () => {
      const password = 'old-pbkdf2-password';
      const user = await importedUser(passlibPbkdf2('sha256', 29000)(password));
      const results = await Promise.all([login(user.email, password), login(user.email, password), login(user.email, password)]);
      assert.deepEqual(results.map((r) => r.statusCode), [200, 200, 200]);
      assert.match((await storedHash(user.id))!, rosterArgon2id);
      await signIn(server.app, user.email, password);
    });

    test('a password set while a sign-in was verifying the imported hash is not overwritten by its re-hash', async () => {
      const password = 'old-bcrypt-password';
      const user = await importedUser(await bcryptHash(password, 13)); // about half a second to verify
      const pending = login(user.email, password);
      await new Promise((resolve) => setTimeout(resolve, 150));
      const replacement = await argon2Hash('set-meanwhile-by-someone', { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
      await server.db.kysely.updateTable('users').set({ password_hash: replacement }).where('id', '=', user.id).execute();
      assert.equal((await pending).statusCode, 200, 'the sign-in proved the password it was given');
      assert.equal(await storedHash(user.id), replacement, 'only the hash that was verified is replaced');
      assert.equal((await auditOf(user.id)).filter((entry) => entry.action === 'write' && entry.reason?.includes('argon2id')).length, 0);
    });
  });
}
