// `roster users import` (issue 7) as a real process against a real server, on
// SQLite and PostgreSQL: CSV and JSON lines, the per-row error file, the 0600
// passwords file, dry runs, exit codes, a real interruption (the CLI killed
// mid-file) resumed from its checkpoint, and waiting out a busy server.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeImportFile } from '../../bench/import-file.js';
import { freshDatabase, databaseKinds } from '../helpers/harness.js';
import { assertOk, createApiToken, httpApi, signIn, startClientFixture, type ClientFixture } from '../helpers/cli-client.js';
import { killAll, runRoster, spawnRoster, startRosterServer } from '../helpers/process.js';

const bcryptHash = '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW';

interface ErrorLine { line: number; email: string | null; code: string; message: string }
const errorLines = (file: string): ErrorLine[] => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as ErrorLine);
const summaryOf = (stdout: string) => JSON.parse(stdout) as { created: number; existed: number; failed: number; finished: boolean; dryRun: boolean; errorsFile: string | null; passwordsFile: string | null };

test('users import --help names the fields, the options and the exit codes', async () => {
  const help = assertOk(await runRoster(['users', 'import', '--help'])).stdout;
  for (const text of ['--dry-run', '--passwords-out <file>', '--errors <file>', '--resume', '--restart', '--batch-size <n>', '--format <format>', 'passwordHash', 'organizations', 'Exit 0 when every row']) {
    assert.ok(help.includes(text), `help mentions ${text}`);
  }
  assert.match(help, /Examples:\n {2}\$ roster users import /);
  assert.match(assertOk(await runRoster(['users', '--help'])).stdout, /^ {2}import\b/m);
});

for (const kind of databaseKinds()) {
  describe(`roster users import against a real server [${kind}]`, () => {
    let f: ClientFixture;
    let dir: string;
    before(async () => {
      f = await startClientFixture(kind);
      dir = mkdtempSync(path.join(os.tmpdir(), 'roster-import-test-'));
    });
    after(async () => {
      await killAll();
      await f?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const file = (name: string, text: string) => {
      const at = path.join(dir, name);
      writeFileSync(at, text);
      return at;
    };
    const userByEmail = async (email: string) => (await f.api.get(`/api/v1/users?q=${encodeURIComponent(email)}`)).body.users.find((u: { email: string }) => u.email === email);

    test('a CSV file: quoted fields, organizations separated by ;, loose header names; every row created, exit 0 and a summary', async () => {
      assert.equal((await f.api.post('/api/v1/orgs', { name: 'Research' })).status, 201);
      const csv = file('people.csv', [
        'Email,Name,Login Type,role,organizations,username',
        'ines.duarte@example.com,"Duarte, Inês",oidc,auditor,Research;Default,',
        'kofi.mensah@example.com,Kofi Mensah,,,,kofi',
        '"wen.li@example.com","Wen ""Wendy"" Li",oidc,member,Research,',
        '',
      ].join('\r\n'));
      const result = assertOk(await f.roster(['users', 'import', csv]));
      assert.match(result.stdout, /people\.csv: 3 created, 0 existed, 0 failed \(/);
      const ines = await userByEmail('ines.duarte@example.com');
      assert.deepEqual([ines.username, ines.name, ines.siteRole, ines.loginType, ines.organizations.map((o: { name: string }) => o.name)], ['ines-duarte', 'Duarte, Inês', 'auditor', 'oidc', ['Default', 'Research']]);
      assert.equal((await userByEmail('kofi.mensah@example.com')).username, 'kofi');
      assert.equal((await userByEmail('wen.li@example.com')).name, 'Wen "Wendy" Li');
      assert.equal(existsSync(`${csv}.roster-import.json`), false, 'a finished import leaves no checkpoint');
      assert.equal(existsSync(`${csv}.errors.jsonl`), false, 'and no error file when nothing failed');
      // The same file again: everyone exists already.
      const again = summaryOf(assertOk(await f.roster(['users', 'import', csv, '-o', 'json'])).stdout);
      assert.deepEqual([again.created, again.existed, again.failed, again.finished], [0, 3, 0, true]);
    });

    test('bad lines in JSON lines and CSV are each a line of the error file, with the line number; the other rows are imported; exit 1', async () => {
      const jsonl = file('mixed.jsonl', [
        JSON.stringify({ email: 'good.one@example.com', name: 'Good One' }),
        '{"email": "broken@example.com", ',
        '',
        JSON.stringify({ email: 'extra@example.com', phone: '555' }),
        JSON.stringify({ email: 'not-an-email' }),
        JSON.stringify({ email: 'boss@example.com', role: 'site-admin' }),
        JSON.stringify({ email: 'lost@example.com', organizations: ['Nowhere'] }),
        JSON.stringify({ email: 'good.two@example.com', organizations: 'Research;Default' }),
        JSON.stringify({ email: 'good.one@example.com' }),
        '[1, 2]',
        JSON.stringify({ email: 'numbers@example.com', name: 42 }),
      ].join('\n'));
      const result = await f.roster(['users', 'import', jsonl, '--batch-size', '3']);
      assert.equal(result.code, 1, result.stderr);
      // Line 9 repeats line 1's email in another batch: whichever batch commits first creates the user, the other finds it.
      assert.match(result.stdout, /mixed\.jsonl: 2 created, 1 existed, 7 failed/);
      assert.match(result.stderr, /7 rows were not imported: see .*mixed\.jsonl\.errors\.jsonl/);
      const errors = errorLines(`${jsonl}.errors.jsonl`);
      assert.deepEqual(errors.map((e) => [e.line, e.code]), [
        [2, 'INVALID_ROW'], [4, 'INVALID_ROW'], [5, 'VALIDATION_FAILED'], [6, 'FORBIDDEN'], [7, 'VALIDATION_FAILED'], [10, 'INVALID_ROW'], [11, 'INVALID_ROW'],
      ]);
      assert.equal(errors.find((e) => e.line === 4)!.email, 'extra@example.com');
      assert.match(errors.find((e) => e.line === 4)!.message, /Unknown field "phone"/);
      assert.match(errors.find((e) => e.line === 7)!.message, /Unknown organization: Nowhere/);
      assert.match(errors.find((e) => e.line === 2)!.message, /Not valid JSON/);
      assert.ok(await userByEmail('good.two@example.com'));
      assert.equal(await userByEmail('boss@example.com'), undefined);

      const csv = file('mixed.csv', [
        'email,name',
        'csv.good@example.com,Fine',
        'csv.quote@example.com,"never closed',
        'csv.fields@example.com,Too,Many',
        'csv.after@example.com,After',
      ].join('\n'));
      const errorsAt = path.join(dir, 'csv-errors.jsonl');
      const csvResult = await f.roster(['users', 'import', csv, '--errors', errorsAt]);
      assert.equal(csvResult.code, 1, csvResult.stderr);
      assert.deepEqual(errorLines(errorsAt).map((e) => [e.line, e.code, e.email]), [[3, 'INVALID_ROW', null], [4, 'INVALID_ROW', 'csv.fields@example.com']]);
      assert.ok(await userByEmail('csv.after@example.com'), 'the line after a broken quote is read afresh');
      assert.equal(existsSync(`${csv}.errors.jsonl`), false, '--errors names the file');
    });

    test('rows too large for one request together go in several requests, each under the body limit', async () => {
      // 100 rows of the most organizations a row may name, each name 1,000 characters of three bytes in UTF-8: 15 MB in
      // all (5 million characters), more than the server's 8 MiB body limit. Their organizations do not exist, so each
      // row is answered with an error.
      const names = Array.from({ length: 50 }, (_, i) => `${i}-${'組'.repeat(998)}`);
      const jsonl = file('wide.jsonl', Array.from({ length: 100 }, (_, i) => JSON.stringify({ email: `wide.${i}@example.com`, organizations: names })).join('\n'));
      const result = await f.roster(['users', 'import', jsonl, '-o', 'json']);
      assert.equal(result.code, 1, result.stderr);
      const summary = summaryOf(result.stdout);
      assert.deepEqual([summary.created, summary.failed, summary.finished], [0, 100, true], result.stderr);
      assert.ok(errorLines(`${jsonl}.errors.jsonl`).every((e) => e.code === 'VALIDATION_FAILED' && /Unknown organization/.test(e.message)));
    });

    test('built-in rows without a hash: refused at the first one without --passwords-out (exit 2, that row not created), then a 0600 passwords file whose passwords sign in', async () => {
      const jsonl = file('builtin.jsonl', [
        JSON.stringify({ email: 'oidc.first@example.com' }),
        JSON.stringify({ email: 'legacy.hash@example.com', loginType: 'built-in', passwordHash: bcryptHash }),
        JSON.stringify({ email: 'temp.one@example.com', loginType: 'built-in' }),
        JSON.stringify({ email: 'temp.two@example.com', loginType: 'built-in', name: 'Temp Two' }),
      ].join('\n'));
      const refused = await f.roster(['users', 'import', jsonl, '--batch-size', '1']);
      assert.equal(refused.code, 2, refused.stderr);
      assert.match(refused.stderr, /Line 3 is a built-in user without a passwordHash.*--passwords-out FILE, with --resume/s);
      assert.ok(await userByEmail('legacy.hash@example.com'), 'the rows before it were imported');
      assert.equal(await userByEmail('temp.one@example.com'), undefined, 'that row was not');

      const passwords = path.join(dir, 'passwords.csv');
      const done = summaryOf(assertOk(await f.roster(['users', 'import', jsonl, '--resume', '--passwords-out', passwords, '-o', 'json'])).stdout);
      assert.deepEqual([done.created, done.existed, done.failed], [4, 0, 0], 'counted over both runs');
      assert.equal(statSync(passwords).mode & 0o777, 0o600);
      const lines = readFileSync(passwords, 'utf8').trim().split('\n');
      assert.equal(lines[0], 'email,username,temporaryPassword');
      assert.equal(lines.length, 3, 'one line per created built-in user without a hash');
      for (const line of lines.slice(1)) {
        const [email, username, password] = line.split(',');
        assert.ok(email === 'temp.one@example.com' || email === 'temp.two@example.com');
        assert.equal(username, email!.split('@')[0]!.replace('.', '-'));
        const session = await signIn(f.baseUrl, email!, password!);
        assert.equal(session.status, 200, JSON.stringify(session.body));
        assert.equal(session.body.mustChangePassword, true);
      }
      // Importing the file again writes no new password: those users exist.
      assertOk(await f.roster(['users', 'import', jsonl, '--passwords-out', passwords]));
      assert.equal(readFileSync(passwords, 'utf8').trim().split('\n').length, 3);
    });

    test('a dry run reports what would happen, changes nothing, needs no --passwords-out and leaves no checkpoint', async () => {
      const jsonl = file('dry.jsonl', [
        JSON.stringify({ email: 'dry.new@example.com' }),
        JSON.stringify({ email: 'dry.temp@example.com', loginType: 'built-in' }),
        JSON.stringify({ email: 'good.one@example.com' }),
        JSON.stringify({ email: 'dry-bad' }),
      ].join('\n'));
      const dry = await f.roster(['users', 'import', jsonl, '--dry-run']);
      assert.equal(dry.code, 1, dry.stderr);
      assert.match(dry.stdout, /dry run, nothing was changed: 2 would be created, 1 exist already, 1 would fail/);
      assert.deepEqual(errorLines(`${jsonl}.errors.jsonl`).map((e) => e.line), [4]);
      assert.equal(await userByEmail('dry.new@example.com'), undefined);
      assert.equal(existsSync(`${jsonl}.roster-import.json`), false);
    });

    test('an import killed mid-file goes on with --resume from its checkpoint, creating each user once; a checkpoint stops a plain run, a changed file cannot resume, --restart starts over', async () => {
      const big = path.join(dir, 'big.jsonl');
      const rows = 30_000;
      await writeImportFile(big, rows, { seed: 11 });
      const checkpoint = `${big}.roster-import.json`;
      const env = { ROSTER_CONFIG_DIR: f.configDir(), ROSTER_URL: f.baseUrl, ROSTER_TOKEN: f.token };
      const userCount = async () => (await f.api.get('/api/v1/users?count=true&limit=1')).body.total as number;
      const baseline = await userCount();
      const running = spawnRoster(['users', 'import', big, '--batch-size', '250'], env);
      // Kill it for real (no chance to tidy up) once some batches are done.
      const deadline = Date.now() + 20_000;
      while (!existsSync(checkpoint) || JSON.parse(readFileSync(checkpoint, 'utf8')).linesDone < 2_000) {
        assert.ok(Date.now() < deadline, `no checkpoint progress\n${running.stderr()}`);
        assert.equal(running.child.exitCode, null, `the import ended before it could be interrupted\n${running.stdout()}${running.stderr()}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      running.child.kill('SIGKILL');
      await running.exited;
      const stopped = JSON.parse(readFileSync(checkpoint, 'utf8')) as { linesDone: number; created: number };
      assert.ok(stopped.linesDone >= 2_000 && stopped.linesDone < rows, `stopped mid-file at ${stopped.linesDone}`);
      const plain = await f.roster(['users', 'import', big], env);
      assert.equal(plain.code, 2);
      assert.match(plain.stderr, new RegExp(`stopped after line ${stopped.linesDone}.*--resume.*--restart`, 's'));

      const resumed = summaryOf(assertOk(await f.roster(['users', 'import', big, '--resume', '-o', 'json'], env)).stdout);
      assert.equal(resumed.created + resumed.existed, rows, 'every row answered once over both runs');
      assert.equal(resumed.failed, 0);
      // Batches in flight at the kill may have committed: sent again, they exist. No more than that was sent again.
      assert.ok(resumed.existed <= 2 * 250, `only the batches in flight were sent again (${resumed.existed} existed)`);
      assert.equal(existsSync(checkpoint), false);
      assert.equal(await userCount(), baseline + rows, 'each row of the file is a user, once');

      // Interrupt again, then change the file: it cannot be resumed.
      writeFileSync(checkpoint, JSON.stringify({ version: 1, size: statSync(big).size, mtimeMs: statSync(big).mtimeMs, linesDone: 100, created: 100, existed: 0, failed: 0 }));
      utimesSync(big, new Date(), new Date(Date.now() + 5_000));
      const changed = await f.roster(['users', 'import', big, '--resume'], env);
      assert.equal(changed.code, 2);
      assert.match(changed.stderr, /has changed since the import.*--restart/s);
      const restarted = summaryOf(assertOk(await f.roster(['users', 'import', big, '--restart', '--batch-size', '2000', '-o', 'json'], env)).stdout);
      assert.deepEqual([restarted.created, restarted.existed, restarted.failed], [0, rows, 0], 'the whole file again: everyone exists');
    });
  });

  describe(`roster users import against a busy server [${kind}]`, () => {
    test('a 503 from the full hash queue makes the CLI wait for Retry-After and send the batch again, until it goes through', async () => {
      const fresh = await freshDatabase(kind);
      await fresh.db.close();
      const dir = mkdtempSync(path.join(os.tmpdir(), 'roster-import-busy-'));
      // One waiting place beside the hashing slots, and no lockout, so a few slow sign-ins fill them.
      const server = await startRosterServer({
        ROSTER_DATA_DIR: path.join(fresh.dataDir, 'data'), ROSTER_LOG_LEVEL: 'warn', ROSTER_ADMIN_PASSWORD: 'busy-admin-password-42',
        ROSTER_SIGN_IN_QUEUE: '1', ROSTER_LOGIN_LOCK_AFTER: '9999999', ROSTER_LOGIN_LOCK_AFTER_PER_ADDRESS: '9999999',
        ...(fresh.url ? { ROSTER_DATABASE_URL: fresh.url } : {}),
      });
      try {
        const session = await signIn(server.baseUrl, 'admin', 'busy-admin-password-42');
        const token = await createApiToken(server.baseUrl, session.body.sessionToken!, 'busy');
        // Sign-ins that each hold a hashing slot for a second or so: a user with an imported PBKDF2
        // hash at the highest cost Roster accepts. A dozen of them keep every slot and the one waiting
        // place taken until the import has been turned away at least once (or has ended).
        const ab64 = (bytes: number, fill: number) => Buffer.alloc(bytes, fill).toString('base64').replace(/=+$/, '').replaceAll('+', '.');
        const slowHash = `$pbkdf2-sha256$2000000$${ab64(16, 7)}$${ab64(32, 9)}`;
        const slow = await httpApi(server.baseUrl, token).post('/api/v1/users/import', { rows: [{ line: 1, email: 'slow@example.com', loginType: 'built-in', passwordHash: slowHash }] });
        assert.equal(slow.body.created, 1, JSON.stringify(slow.body));
        // Whether the import's first hash finds the waiting place taken is a race (the storm's next
        // request may be a few milliseconds late), so the scenario is run until it has been refused:
        // what is checked is what the CLI does then.
        let refusedRun: { stdout: string; stderr: string; prefix: string } | undefined;
        for (let attempt = 0; attempt < 4 && !refusedRun; attempt++) {
          const prefix = `busy${attempt}-`;
          const jsonl = path.join(dir, `builtin-${attempt}.jsonl`);
          writeFileSync(jsonl, Array.from({ length: 50 }, (_, i) => JSON.stringify({ email: `${prefix}${i}@example.com`, loginType: 'built-in' })).join('\n'));
          let saturated = false;
          let importing: ReturnType<typeof spawnRoster> | undefined;
          const stormGoesOn = () => importing === undefined || (importing.child.exitCode === null && !importing.stderr().includes('busy (503)'));
          const storm = Array.from({ length: 12 }, async () => {
            while (stormGoesOn()) {
              const status = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
                method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'slow@example.com', password: 'not-the-password' }),
              }).then(async (r) => { await r.arrayBuffer(); return r.status; }, () => 0);
              if (status === 503) {
                saturated = true;
                await new Promise((resolve) => setTimeout(resolve, 2));
              }
            }
          });
          const deadline = Date.now() + 10_000;
          while (!saturated) {
            assert.ok(Date.now() < deadline, 'the sign-in storm never filled the hash queue');
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          importing = spawnRoster(['users', 'import', jsonl, '--passwords-out', path.join(dir, `pw-${attempt}.csv`)], { ROSTER_CONFIG_DIR: dir, ROSTER_URL: server.baseUrl, ROSTER_TOKEN: token });
          await Promise.all(storm);
          const exit = await importing.waitForExit(60_000);
          const result = assertOk({ ...exit, stdout: importing.stdout(), stderr: importing.stderr() });
          assert.match(result.stdout, /50 created, 0 existed, 0 failed/);
          assert.equal(readFileSync(path.join(dir, `pw-${attempt}.csv`), 'utf8').trim().split('\n').length, 51);
          if (result.stderr.includes('busy (503)')) refusedRun = { stdout: result.stdout, stderr: result.stderr, prefix };
        }
        assert.ok(refusedRun, 'in four runs the import was never turned away');
        assert.match(refusedRun.stderr, /the server is busy \(503\): sending lines 1–50 again in 1 s/);
        const users = await httpApi(server.baseUrl, token).get(`/api/v1/users?q=${refusedRun.prefix}&count=true&limit=1`);
        assert.equal(users.body.total, 50);
      } finally {
        await server.kill();
        await fresh.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
