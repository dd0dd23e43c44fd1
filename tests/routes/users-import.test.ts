// POST /api/v1/users/import (issue 7): a batch of rows, each answered as
// created, exists or error; one transaction and one audit entry per batch;
// a dry run equal to the real run; the guardrails of single creation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { client, createSignedInUser, databaseKinds, startServer, type Client, type TestServer } from '../helpers/harness.js';

interface Result {
  line: number;
  status: 'created' | 'exists' | 'error';
  id?: string;
  username?: string;
  temporaryPassword?: string;
  error?: { code: string; message: string; fields?: { field: string; detail: string }[] };
}
interface Answer { results: Result[]; created: number; skipped: number; failed: number; dryRun: boolean }

// Hashes made by other implementations (see tests/domain/legacy-hashes.test.ts for where they come from).
const bcryptHash = '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW';
const argon2Hash = '$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4';

for (const kind of databaseKinds()) {
  describe(`users import [${kind}]`, () => {
    let server: TestServer;
    let admin: Client;
    before(async () => {
      server = await startServer(kind);
      admin = client(server.app, server.adminToken);
    });
    after(async () => { await server.close(); });

    async function importRows(api: Client, rows: object[], dryRun?: boolean): Promise<Answer> {
      const response = await api.post('/api/v1/users/import', { rows, ...(dryRun === undefined ? {} : { dryRun }) });
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as Answer;
    }
    const byLine = (answer: Answer) => Object.fromEntries(answer.results.map((r) => [r.line, r]));
    const userCount = async () => Number((await server.db.kysely.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const auditCount = async () => Number((await server.db.kysely.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const stored = (id: string) => server.db.kysely.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    test('creates OIDC users with usernames derived as single creation derives them, in the default organizations, with one audit entry for the batch', async () => {
      const existing = await admin.post('/api/v1/users', { email: 'quill@elsewhere.example', loginType: 'oidc' });
      assert.equal(existing.json().user.username, 'quill');
      const answer = await importRows(admin, [
        { line: 2, email: 'quill@example.com', name: 'Quill One' },
        { line: 3, email: 'Quill@Example.org' },
        { line: 4, email: 'marta.kowalska@example.com', role: 'auditor', loginType: 'OIDC' },
      ]);
      assert.deepEqual({ created: answer.created, skipped: answer.skipped, failed: answer.failed, dryRun: answer.dryRun }, { created: 3, skipped: 0, failed: 0, dryRun: false });
      assert.deepEqual(answer.results.map((r) => [r.line, r.status, r.username]), [[2, 'created', 'quill-2'], [3, 'created', 'quill-3'], [4, 'created', 'marta-kowalska']]);
      assert.ok(answer.results.every((r) => r.id && !r.temporaryPassword));
      // Single creation continues the same sequence.
      assert.equal((await admin.post('/api/v1/users', { email: 'quill@third.example', loginType: 'oidc' })).json().user.username, 'quill-4');

      const user = (await admin.get(`/api/v1/users/${answer.results[0]!.id}`)).json().user;
      assert.deepEqual(
        { username: user.username, email: user.email, name: user.name, loginType: user.loginType, siteRole: user.siteRole, status: user.status, mustChangePassword: user.mustChangePassword, orgs: user.organizations.map((o: { name: string }) => o.name) },
        { username: 'quill-2', email: 'quill@example.com', name: 'Quill One', loginType: 'oidc', siteRole: 'member', status: 'active', mustChangePassword: false, orgs: ['Default'] },
      );
      assert.equal((await admin.get(`/api/v1/users/${answer.results[1]!.id}`)).json().user.name, 'quill-3', 'the name defaults to the username');
      assert.equal((await admin.get(`/api/v1/users/${answer.results[2]!.id}`)).json().user.siteRole, 'auditor');

      const entries = (await admin.get('/api/v1/audit?action=import')).json().entries;
      const entry = entries.find((e: { diff: { usernames?: [null, string[]] } | null }) => e.diff?.usernames?.[1].includes('quill-2'));
      assert.ok(entry, 'the batch is audited');
      assert.equal(entry.resourceType, 'user');
      assert.equal(entry.result, 'success');
      assert.equal(entry.actor.email, 'admin@roster.local');
      assert.deepEqual(entry.diff.imported, [null, 3]);
      assert.deepEqual(entry.diff.usernames, [null, ['quill-2', 'quill-3', 'marta-kowalska']]);
      const perUser = await server.db.kysely.selectFrom('audit_log').select('id').where('target_id', 'in', answer.results.map((r) => r.id!)).execute();
      assert.equal(perUser.length, 0, 'no entry per user');
    });

    test('rows whose email a live user has come back as exists and change nothing, so the same batch can be sent twice', async () => {
      const rows = [{ line: 1, email: 'twice-a@example.com' }, { line: 2, email: 'twice-b@example.com', loginType: 'built-in', passwordHash: bcryptHash }];
      const first = await importRows(admin, rows);
      assert.equal(first.created, 2);
      const users = await userCount();
      const audits = await auditCount();
      const again = await importRows(admin, [{ ...rows[0]!, email: 'TWICE-A@example.com', role: 'auditor' }, rows[1]!]);
      assert.deepEqual(again.results, [
        { line: 1, status: 'exists', id: first.results[0]!.id, username: 'twice-a' },
        { line: 2, status: 'exists', id: first.results[1]!.id, username: 'twice-b' },
      ]);
      assert.deepEqual([again.created, again.skipped, again.failed], [0, 2, 0]);
      assert.equal(await userCount(), users);
      assert.equal(await auditCount(), audits, 'nothing changed, nothing audited');
      assert.equal((await admin.get(`/api/v1/users/${first.results[0]!.id}`)).json().user.siteRole, 'member', 'an existing user is left as it is');
      // A deleted user's email is free again.
      assert.equal((await admin.delete(`/api/v1/users/${first.results[0]!.id}`)).statusCode, 204);
      assert.equal((await importRows(admin, [rows[0]!])).results[0]!.status, 'created');
    });

    test('a problem in a row is that row\'s error; every other row is created', async () => {
      await admin.post('/api/v1/users', { email: 'holder@example.com', username: 'taken-name', loginType: 'oidc' });
      const answer = await importRows(admin, [
        { line: 10, email: 'fine-1@example.com' },
        { line: 11, email: 'not-an-email' },
        { line: 12, email: '' },
        { line: 13, email: 'role@example.com', role: 'owner' },
        { line: 14, email: 'login@example.com', loginType: 'saml' },
        { line: 15, email: 'org@example.com', organizations: ['Default', 'No Such Org'] },
        { line: 16, email: 'name@example.com', username: 'taken-name' },
        { line: 17, email: 'Fine-1@Example.com' },
        { line: 18, email: 'dup-name@example.com', username: 'fine-1' },
        { line: 19, email: 'hash@example.com', passwordHash: bcryptHash },
        { line: 20, email: 'badhash@example.com', loginType: 'built-in', passwordHash: '$md5$not-a-phc-hash' },
        { line: 21, email: 'badname@example.com', username: '-bad-' },
        { line: 22, email: 'long@example.com', name: 'x'.repeat(129) },
        { line: 23, email: 'fine-2@example.com' },
      ]);
      const lines = byLine(answer);
      assert.deepEqual(answer.results.map((r) => r.line), [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23], 'one result per row, in order');
      assert.equal(lines[10]!.status, 'created');
      assert.equal(lines[23]!.status, 'created');
      const codes = Object.fromEntries(answer.results.filter((r) => r.status === 'error').map((r) => [r.line, r.error!.code]));
      assert.deepEqual(codes, {
        11: 'VALIDATION_FAILED', 12: 'VALIDATION_FAILED', 13: 'VALIDATION_FAILED', 14: 'VALIDATION_FAILED', 15: 'VALIDATION_FAILED',
        16: 'USERNAME_TAKEN', 17: 'DUPLICATE_ROW', 18: 'DUPLICATE_ROW', 19: 'VALIDATION_FAILED', 20: 'VALIDATION_FAILED', 21: 'VALIDATION_FAILED', 22: 'VALIDATION_FAILED',
      });
      assert.equal(lines[11]!.error!.fields![0]!.field, 'email');
      assert.match(lines[15]!.error!.message, /Unknown organization: No Such Org/);
      assert.match(lines[17]!.error!.message, /line 10/);
      assert.match(lines[18]!.error!.message, /username as line 10/);
      assert.equal(lines[19]!.error!.fields![0]!.field, 'passwordHash');
      assert.equal(lines[20]!.error!.fields![0]!.field, 'passwordHash');
      assert.deepEqual([answer.created, answer.skipped, answer.failed], [2, 0, 12]);
      for (const email of ['role@example.com', 'org@example.com', 'name@example.com', 'hash@example.com']) {
        assert.equal((await admin.get(`/api/v1/users?q=${encodeURIComponent(email)}`)).json().users.length, 0, `${email} was not created`);
      }
      const entry = (await admin.get('/api/v1/audit?action=import')).json().entries[0];
      assert.deepEqual(entry.diff.refused, [null, 12], 'the batch entry counts the refused rows');
    });

    test('a batch where every row fails leaves one failure entry in the audit log', async () => {
      const before = await userCount();
      const answer = await importRows(admin, [{ line: 1, email: 'nope' }, { line: 2, email: 'also nope' }]);
      assert.equal(answer.failed, 2);
      assert.equal(await userCount(), before);
      const entry = (await admin.get('/api/v1/audit?action=import')).json().entries[0];
      assert.equal(entry.result, 'failure');
      assert.match(entry.reason, /2 rows refused \(line 1: VALIDATION_FAILED, line 2: VALIDATION_FAILED\)/);
    });

    test('a dry run reports exactly what the real run then does, and writes nothing', async () => {
      await admin.post('/api/v1/users', { email: 'dry-existing@example.com', loginType: 'oidc' });
      await admin.post('/api/v1/orgs', { name: 'Dry Team' });
      const rows = [
        { line: 1, email: 'dry-existing@example.com' },
        { line: 2, email: 'dry-new@example.com', organizations: ['dry team'] },
        { line: 3, email: 'dry-new@example.org', loginType: 'built-in' },
        { line: 4, email: 'dry-bad', role: 'auditor' },
        { line: 5, email: 'dry-hash@example.com', loginType: 'built-in', passwordHash: argon2Hash, username: 'dry-existing' },
        { line: 6, email: 'dry-new@example.com' },
      ];
      const users = await userCount();
      const audits = await auditCount();
      const dry = await importRows(admin, rows, true);
      assert.equal(dry.dryRun, true);
      assert.equal(await userCount(), users, 'the dry run created nobody');
      assert.equal(await auditCount(), audits, 'and audited nothing');
      assert.ok(dry.results.every((r) => r.temporaryPassword === undefined), 'no password in a dry run');
      const real = await importRows(admin, rows, false);
      const comparable = (a: Answer) => ({
        counts: [a.created, a.skipped, a.failed],
        results: a.results.map(({ line, status, username, error, id }) => ({ line, status, username, error, id: status === 'exists' ? id : undefined })),
      });
      assert.deepEqual(comparable(dry), comparable(real));
      assert.deepEqual(real.results.map((r) => r.status), ['exists', 'created', 'created', 'error', 'error', 'error']);
      const member = (await admin.get(`/api/v1/users/${real.results[1]!.id}`)).json().user;
      assert.deepEqual(member.organizations.map((o: { name: string }) => o.name), ['Dry Team'], 'named organizations replace the default ones');
    });

    test('a built-in row with a PHC hash stores the hash as given, with no password change required', async () => {
      const answer = await importRows(admin, [
        { line: 1, email: 'legacy-bcrypt@example.com', loginType: 'built-in', passwordHash: bcryptHash },
        { line: 2, email: 'legacy-argon@example.com', loginType: 'Built-In', passwordHash: argon2Hash },
      ]);
      assert.equal(answer.created, 2);
      for (const [i, hash] of [bcryptHash, argon2Hash].entries()) {
        const row = await stored(answer.results[i]!.id!);
        assert.equal(row.password_hash, hash);
        assert.equal(row.must_change_password, 0);
        assert.equal(row.password_expires_at, null);
        assert.equal(row.login_type, 'built-in');
        assert.equal(answer.results[i]!.temporaryPassword, undefined);
      }
      const audit = JSON.stringify((await admin.get('/api/v1/audit?action=import')).json().entries[0]);
      assert.ok(!audit.includes(bcryptHash) && !audit.includes('$2a$'), 'no hash in the audit log');
    });

    test('a built-in row without a hash gets a temporary password, returned once, that signs in and must be changed', async () => {
      const answer = await importRows(admin, [{ line: 7, email: 'temp-user@example.com', loginType: 'built-in', name: 'Temp User' }]);
      const result = answer.results[0]!;
      assert.equal(result.status, 'created');
      assert.ok(result.temporaryPassword && result.temporaryPassword.length >= 16);
      const row = await stored(result.id!);
      assert.equal(row.must_change_password, 1);
      assert.ok(row.password_hash?.startsWith('$argon2id$'));
      assert.notEqual(row.password_hash, result.temporaryPassword);
      assert.equal(row.password_expires_at, row.created_at + server.config.temporaryPasswordLifetime * 1000, 'the same expiry as single creation');
      const signIn = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'temp-user@example.com', password: result.temporaryPassword } });
      assert.equal(signIn.statusCode, 200, signIn.body);
      assert.equal(signIn.json().mustChangePassword, true);
      const again = await importRows(admin, [{ line: 7, email: 'temp-user@example.com', loginType: 'built-in' }]);
      assert.deepEqual(again.results[0], { line: 7, status: 'exists', id: result.id, username: 'temp-user' }, 'no new password for an existing user');
      const audit = JSON.stringify((await admin.get('/api/v1/audit?action=import&limit=5')).json().entries);
      assert.ok(!audit.includes(result.temporaryPassword!), 'the temporary password is not in the audit log');
    });

    test('guardrails: a site manager imports members and auditors but not site managers; nobody imports a site admin; members and auditors get 403', async () => {
      const manager = await createSignedInUser(server, 'site-manager');
      const answer = await importRows(manager.api, [
        { line: 1, email: 'by-manager-member@example.com' },
        { line: 2, email: 'by-manager-auditor@example.com', role: 'auditor' },
        { line: 3, email: 'by-manager-manager@example.com', role: 'site-manager' },
        { line: 4, email: 'by-manager-admin@example.com', role: 'site-admin' },
      ]);
      assert.deepEqual(answer.results.map((r) => r.status), ['created', 'created', 'error', 'error']);
      assert.equal(answer.results[2]!.error!.code, 'FORBIDDEN');
      assert.match(answer.results[2]!.error!.message, /cannot grant the site-manager role/);
      const byAdmin = await importRows(admin, [{ line: 1, email: 'by-admin-manager@example.com', role: 'site-manager' }, { line: 2, email: 'by-admin-admin@example.com', role: 'site-admin' }]);
      assert.deepEqual(byAdmin.results.map((r) => r.status), ['created', 'error']);
      assert.equal(byAdmin.results[1]!.error!.code, 'FORBIDDEN');
      for (const role of ['member', 'auditor'] as const) {
        const other = await createSignedInUser(server, role);
        const refused = await other.api.post('/api/v1/users/import', { rows: [{ line: 1, email: `by-${role}@example.com` }] });
        assert.equal(refused.statusCode, 403);
        assert.equal(refused.json().code, 'FORBIDDEN');
      }
      assert.equal((await server.app.inject({ method: 'POST', url: '/api/v1/users/import', payload: { rows: [{ line: 1, email: 'anon@example.com' }] } })).statusCode, 401);
      assert.equal((await admin.get('/api/v1/users?q=by-member%40example.com')).json().users.length, 0);
    });

    test('a body of the wrong shape is a 400 in the error shape and changes nothing', async () => {
      const users = await userCount();
      const audits = await auditCount();
      const temporary = Array.from({ length: 51 }, (_, i) => ({ line: i + 1, email: `too-many-${i}@example.com`, loginType: 'built-in' }));
      const bodies: unknown[] = [
        {}, { rows: [] }, { rows: 'x' }, { rows: [{ email: 'no-line@example.com' }] }, { rows: [{ line: 1 }] },
        { rows: [{ line: 1.5, email: 'a@example.com' }] }, { rows: [{ line: 1, email: 5 }] }, { rows: [{ line: 1, email: 'a@example.com', phone: '1' }] },
        { rows: [{ line: 1, email: 'a@example.com', organizations: 'Default' }] }, { rows: [{ line: 1, email: 'a@example.com' }], dryRun: 'yes' },
        { rows: Array.from({ length: 10_001 }, (_, i) => ({ line: i, email: `x${i}@example.com` })) },
        { rows: [{ line: 1, email: 'a@example.com', name: 'x'.repeat(1025) }] },
        { rows: temporary },
      ];
      for (const body of bodies) {
        const response = await admin.post('/api/v1/users/import', body);
        assert.equal(response.statusCode, 400, `${JSON.stringify(body).slice(0, 100)} → ${response.body}`);
        const error = response.json();
        assert.match(error.code, /^[A-Z_]+$/);
        assert.equal(typeof error.message, 'string');
      }
      const tooMany = await admin.post('/api/v1/users/import', { rows: temporary });
      assert.match(tooMany.json().message, /At most 50 built-in rows without a passwordHash per request/);
      assert.equal(await userCount(), users);
      assert.equal(await auditCount(), audits);
      // 50 is allowed, and each gets its own password.
      const fifty = await importRows(admin, temporary.slice(0, 50));
      assert.equal(fifty.created, 50);
      assert.equal(new Set(fifty.results.map((r) => r.temporaryPassword)).size, 50);
    });

    test('two thousand rows in one request are created in one transaction with their memberships', async () => {
      const team = (await admin.post('/api/v1/orgs', { name: 'Big Team' })).json().org;
      const rows = Array.from({ length: 2000 }, (_, i) => ({ line: i + 2, email: `bulk.person${i}@example.com`, name: `Bulk Person ${i}`, organizations: i % 2 ? ['Big Team'] : ['Default', team.id] }));
      const answer = await importRows(admin, rows);
      assert.equal(answer.created, 2000);
      // every row and membership is stored, whatever chunks the inserts were cut into
      const db = server.db.kysely;
      const storedUsers = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('email', 'like', 'bulk.person%').executeTakeFirstOrThrow();
      assert.equal(Number(storedUsers.n), 2000);
      const storedMemberships = await db.selectFrom('org_members').innerJoin('users', 'users.id', 'org_members.user_id')
        .select((eb) => eb.fn.countAll<number>().as('n')).where('users.email', 'like', 'bulk.person%').executeTakeFirstOrThrow();
      assert.equal(Number(storedMemberships.n), 3000);
      const memberships = await db.selectFrom('org_members').select(['org_id']).where('user_id', 'in', answer.results.slice(0, 10).map((r) => r.id!)).execute();
      assert.equal(memberships.length, 15);
      const bigTeam = (await admin.get('/api/v1/orgs/Big%20Team/members?limit=100')).json();
      assert.equal(bigTeam.members.length, 100);
      assert.equal((await admin.get('/api/v1/users?q=bulk.person1999')).json().users[0].username, 'bulk-person1999');
      const entries = await server.db.kysely.selectFrom('audit_log').select('diff').where('action', '=', 'import').where('target_name', '=', '2000 users').execute();
      assert.equal(entries.length, 1);
    });

    if (kind === 'postgres') {
      // A race cannot be timed reliably from a test, so the database makes one:
      // the first insert of this email also inserts a user with the same email
      // inside the same statement (a sequence, which a rollback does not undo,
      // makes it happen once). The batch's transaction fails on the unique
      // index, rolls back, and the rows are done one transaction each.
      test('a batch that loses a race on a unique index is rolled back and done row by row, each row still created, existing or in error', async () => {
        const db = server.db.kysely;
        await sql`create sequence race_once`.execute(db);
        await sql`create function race_trigger() returns trigger language plpgsql as $$
          begin
            if new.email = 'racer@example.com' and nextval('race_once') = 1 then
              insert into users (id, username, email, name, login_type, site_role, status, must_change_password, created_at, updated_at)
              values ('00000000-0000-7000-8000-00000000race', 'racer-rival', 'RACER@example.com', 'Rival', 'oidc', 'member', 'active', 0, 0, 0);
            end if;
            return new;
          end $$`.execute(db);
        await sql`create trigger race_once before insert on users for each row execute function race_trigger()`.execute(db);
        try {
          const answer = await importRows(admin, [
            { line: 1, email: 'before-racer@example.com' },
            { line: 2, email: 'racer@example.com' },
            { line: 3, email: 'after-racer@example.com' },
            { line: 4, email: 'before-racer@example.com' },
          ]);
          assert.deepEqual(answer.results.map((r) => [r.line, r.status, r.username ?? r.error?.code]), [
            [1, 'created', 'before-racer'], [2, 'created', 'racer'], [3, 'created', 'after-racer'], [4, 'error', 'DUPLICATE_ROW'],
          ]);
          assert.equal((await db.selectFrom('users').select('id').where('username', '=', 'racer-rival').execute()).length, 0, 'the rival row was rolled back with the batch');
          const entries = await db.selectFrom('audit_log').select(['target_name']).where('action', '=', 'import').where('target_id', 'in', answer.results.slice(0, 3).map((r) => r.id!)).execute();
          assert.deepEqual(entries.map((e) => e.target_name).sort(), ['after-racer', 'before-racer', 'racer'], 'row by row, each user has its own entry');
        } finally {
          await sql`drop trigger race_once on users`.execute(db);
          await sql`drop function race_trigger`.execute(db);
          await sql`drop sequence race_once`.execute(db);
        }
      });
    }
  });
}
