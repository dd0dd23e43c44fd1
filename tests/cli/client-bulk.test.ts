// `roster users bulk` and `roster users export` (issue 9) as real processes
// against a real server, on SQLite and PostgreSQL: dry runs that change
// nothing, real runs that match them, refusals per row, --yes, temporary
// passwords, paging past one server page, and the CSV export.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { databaseKinds } from '../helpers/harness.js';
import {
  assertFails, assertOk, createApiToken, httpApi, signIn, startClientFixture, tableRows, type ClientFixture,
} from '../helpers/cli-client.js';
import { killAll, runRoster } from '../helpers/process.js';
import { runOnTerminal, terminalProblem } from '../helpers/terminal.js';

// Under CI=true a missing pseudo-terminal is a failure, never a silent skip.
const noTerminal = process.env.CI === 'true' ? false : (terminalProblem() ?? false);

interface Row {
  id: string;
  username: string;
  email: string;
  outcome: string;
  reason?: string;
  temporaryPassword?: string;
}

const byUsername = (rows: Row[]) => [...rows].sort((a, b) => a.username.localeCompare(b.username));

test('users --help lists bulk and export; each has help with examples, bulk with the filter grammar', async () => {
  const [users, bulk, exported] = await Promise.all([runRoster(['users', '--help']), runRoster(['users', 'bulk', '--help']), runRoster(['users', 'export', '--help'])]);
  for (const command of ['bulk', 'export']) assert.match(assertOk(users).stdout, new RegExp(`^  ${command}\\b`, 'm'), `users --help lists ${command}`);
  assert.match(assertOk(bulk).stdout, /choices: "suspend",\s+"activate",\s+"change-role",\s+"delete",\s+"reset-password"/);
  assert.match(bulk.stdout, /--dry-run/);
  assert.match(bulk.stdout, /status:active\|suspended\|dormant/);
  assert.match(bulk.stdout, /Examples:\n {2}\$ roster users bulk /);
  assert.match(assertOk(exported).stdout, /-o, --output <file>/);
  assert.match(exported.stdout, /Examples:\n {2}\$ roster users export /);
});

for (const kind of databaseKinds()) {
  describe(`roster users bulk and users export against a real server [${kind}]`, () => {
    let f: ClientFixture;
    before(async () => {
      f = await startClientFixture(kind);
    });
    after(async () => {
      await killAll();
      await f?.close();
    });

    async function makeUser(username: string, fields: { siteRole?: string; loginType?: string } = {}) {
      const created = await f.api.post('/api/v1/users', { email: `${username}@example.com`, username, loginType: 'built-in', ...fields });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return { ...(created.body.user as { id: string; username: string; email: string }), temporaryPassword: created.body.temporaryPassword as string | undefined };
    }

    /** An API token of a new user with this role, who has signed in and chosen a password as a person would. */
    async function tokenOf(username: string, siteRole: string): Promise<string> {
      const manager = await makeUser(username, { siteRole });
      const session = await signIn(f.baseUrl, username, manager.temporaryPassword!);
      assert.equal(session.status, 200, JSON.stringify(session.body));
      const changed = await httpApi(f.baseUrl, session.body.sessionToken!).put('/api/v1/users/me/password', {
        currentPassword: manager.temporaryPassword, newPassword: 'a-perfectly-fine-passphrase',
      });
      assert.equal(changed.status, 204, JSON.stringify(changed.body));
      return createApiToken(f.baseUrl, session.body.sessionToken!, 'bulk');
    }

    const userState = async (id: string) => {
      const got = await f.api.get(`/api/v1/users/${id}`);
      return got.status === 404 ? 'gone' : `${got.body.user.status} ${got.body.user.siteRole}`;
    };
    const states = async (ids: string[]) => Promise.all(ids.map(userState));

    test('a dry run over -q lists every matching user with its outcome (a site manager refused to a site manager) and changes nothing; without --yes and no terminal exit 2; the real run with --yes does what the dry run said', async () => {
      const members = await Promise.all(['kestrel1', 'kestrel2', 'kestrel3'].map((name) => makeUser(name)));
      const manager = await makeUser('kestrel-mgr', { siteRole: 'site-manager' });
      const suspended = await makeUser('kestrel-off');
      assert.equal((await f.api.post(`/api/v1/users/${suspended.id}/suspend`, {})).status, 200);
      const everyone = [...members, manager, suspended].map((u) => u.id);
      const before = await states(everyone);
      const asManager = { ROSTER_TOKEN: await tokenOf('warden', 'site-manager') };

      const dry = JSON.parse(assertOk(await f.roster(['users', 'bulk', 'suspend', '-q', 'kestrel', '--dry-run', '-o', 'json'], asManager)).stdout) as Row[];
      assert.deepEqual(byUsername(dry).map((r) => [r.username, r.email, r.outcome, r.reason]), [
        ['kestrel-mgr', 'kestrel-mgr@example.com', 'refused', 'Only the site admin can suspend a site manager.'],
        ['kestrel-off', 'kestrel-off@example.com', 'skipped', 'Already suspended.'],
        ['kestrel1', 'kestrel1@example.com', 'would-do', undefined],
        ['kestrel2', 'kestrel2@example.com', 'would-do', undefined],
        ['kestrel3', 'kestrel3@example.com', 'would-do', undefined],
      ]);
      const table = assertOk(await f.roster(['users', 'bulk', 'suspend', '-q', 'kestrel', '--dry-run'], asManager));
      assert.deepEqual(tableRows(table.stdout).map((r) => Object.keys(r)), dry.map(() => ['USERNAME', 'EMAIL', 'OUTCOME', 'REASON']));
      assert.deepEqual(byUsername(tableRows(table.stdout).map((r) => ({ username: r.USERNAME!, outcome: r.OUTCOME!, reason: r.REASON! }) as Row)).map((r) => [r.username, r.outcome, r.reason]),
        byUsername(dry).map((r) => [r.username, r.outcome, r.reason ?? '-']));
      assert.match(table.stderr, /Dry run, nothing was changed: suspend: 3 will change, 1 skipped, 1 refused/);
      assert.deepEqual(await states(everyone), before, 'a dry run changes nothing');

      const unconfirmed = assertFails(await f.roster(['users', 'bulk', 'suspend', '-q', 'kestrel'], asManager), 2, /pass --yes/);
      assert.match(unconfirmed.stderr, /--dry-run/);
      assert.deepEqual(await states(everyone), before, 'nothing changed without --yes');

      const real = JSON.parse(assertOk(await f.roster(['users', 'bulk', 'suspend', '-q', 'kestrel', '--reason', 'migrated', '--yes', '-o', 'json'], asManager)).stdout) as Row[];
      assert.deepEqual(byUsername(real).map((r) => [r.id, r.outcome, r.reason]),
        byUsername(dry).map((r) => [r.id, r.outcome === 'would-do' ? 'done' : r.outcome, r.reason]), 'the real run did what the dry run said');
      assert.deepEqual(await states(everyone), ['suspended member', 'suspended member', 'suspended member', 'active site-manager', 'suspended member']);
      assert.equal((await f.api.get(`/api/v1/users/${members[0]!.id}`)).body.user.suspendedReason, 'migrated');

      // And back, as the admin: activate skips the users who are not suspended.
      const activated = JSON.parse(assertOk(await f.roster(['users', 'bulk', 'activate', '-q', 'kestrel', '--yes', '-o', 'json'])).stdout) as Row[];
      assert.deepEqual(byUsername(activated).map((r) => r.outcome), ['skipped', 'done', 'done', 'done', 'done']);
      assert.deepEqual(await states(everyone), ['active member', 'active member', 'active member', 'active site-manager', 'active member']);
    });

    test('--ids: an unknown id and the site admin\'s own row are refused, an unchanged one skipped, the others done, exit 0; the flags must fit together (exit 2)', async () => {
      const [a, b, c] = await Promise.all([makeUser('heron1'), makeUser('heron2'), makeUser('heron3', { siteRole: 'auditor' })]);
      const admin = (await f.api.get('/api/v1/users/me')).body.user as { id: string };
      const unknown = '00000000-0000-0000-0000-000000000000';
      const ids = [a!.id, b!.id, c!.id, admin.id, unknown].join(',');

      const result = assertOk(await f.roster(['users', 'bulk', 'change-role', '--ids', ids, '--role', 'auditor', '--yes']));
      const rows = tableRows(result.stdout);
      assert.deepEqual(rows.map((r) => [r.USERNAME, r.OUTCOME, r.REASON]), [
        ['heron1', 'done', '-'],
        ['heron2', 'done', '-'],
        ['heron3', 'skipped', 'Already auditor.'],
        ['admin', 'refused', 'You cannot change the role of yourself.'],
        ['-', 'refused', `No such user. (id ${unknown})`],
      ]);
      assert.match(result.stderr, /change-role: 2 changed, 1 skipped, 2 refused/);
      assert.deepEqual(await states([a!.id, b!.id, c!.id, admin.id]), ['active auditor', 'active auditor', 'active auditor', 'active site-admin']);

      assertFails(await f.roster(['users', 'bulk', 'change-role', '--ids', a!.id, '--yes']), 2, /--role/);
      assertFails(await f.roster(['users', 'bulk', 'suspend', '--ids', a!.id, '-q', 'heron', '--yes']), 2, /either -q FILTER or --ids/);
      assertFails(await f.roster(['users', 'bulk', 'suspend', '--yes']), 2, /either -q FILTER or --ids/);
      assertFails(await f.roster(['users', 'bulk', 'freeze', '-q', 'heron', '--yes']), 2, /freeze/);
      assertFails(await f.roster(['users', 'bulk', 'delete', '--ids', a!.id, '--role', 'member', '--yes']), 2, /--role goes only with change-role/);
      assert.deepEqual(await states([a!.id]), ['active auditor']);
    });

    test('reset-password prints each temporary password once, and they sign in; an OpenID Connect user is skipped', async () => {
      const built = await Promise.all(['plover1', 'plover2'].map((name) => makeUser(name)));
      const oidc = await makeUser('plover-sso', { loginType: 'oidc' });

      const result = assertOk(await f.roster(['users', 'bulk', 'reset-password', '-q', 'plover', '--yes']));
      const rows = tableRows(result.stdout);
      assert.deepEqual(Object.keys(rows[0]!), ['USERNAME', 'EMAIL', 'OUTCOME', 'REASON', 'TEMPORARY PASSWORD']);
      const sso = rows.find((r) => r.USERNAME === oidc.username)!;
      assert.deepEqual([sso.OUTCOME, sso['TEMPORARY PASSWORD']], ['skipped', '-']);
      for (const user of built) {
        const row = rows.find((r) => r.USERNAME === user.username)!;
        assert.equal(row.OUTCOME, 'done');
        const password = row['TEMPORARY PASSWORD']!;
        assert.match(password, /^\S{16,}$/);
        assert.equal(result.stdout.split(password).length, 2, 'printed exactly once');
        const signedIn = await signIn(f.baseUrl, user.username, password);
        assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
        assert.equal(signedIn.body.mustChangePassword, true);
        assert.equal((await signIn(f.baseUrl, user.username, user.temporaryPassword!)).status, 401, 'the earlier password is gone');
      }
      assert.match(result.stderr, /shown only this once/);

      const json = JSON.parse(assertOk(await f.roster(['users', 'bulk', 'reset-password', '--ids', built[0]!.id, '--yes', '-o', 'json'])).stdout) as Row[];
      assert.equal(json.length, 1);
      assert.equal((await signIn(f.baseUrl, built[0]!.username, json[0]!.temporaryPassword!)).status, 200);
    });

    test('a bad filter is refused whole (exit 1, the server\'s message naming the term) and changes nothing; so is a bulk delete by a site manager\'s user who may not', async () => {
      const user = await makeUser('egret1');
      for (const extra of [['--dry-run'], ['--yes']]) {
        assertFails(await f.roster(['users', 'bulk', 'suspend', '-q', 'egret colour:blue', ...extra]), 1, /Bad filter term "colour:blue"/);
      }
      assert.deepEqual(await states([user.id]), ['active member']);
      const file = path.join(f.configDir(), 'refused.csv');
      assertFails(await f.roster(['users', 'export', '-q', 'colour:blue', '--output', file]), 1, /colour:blue/);
      assert.equal(existsSync(file), false, 'a refused export leaves no file');
    });

    test('users export streams exactly the matching users as CSV, to a file or stdout', async () => {
      const made = await Promise.all(['osprey1', 'osprey2', 'osprey3'].map((name) => makeUser(name)));
      await makeUser('notanosp');
      const file = path.join(f.configDir(), 'users.csv');
      const written = assertOk(await f.roster(['users', 'export', '-q', 'osprey', '--output', file]));
      assert.equal(written.stdout, '');
      const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
      assert.deepEqual(rows.map((r) => r.id).sort(), made.map((u) => u.id).sort());
      assert.deepEqual(rows.map((r) => [r.username, r.email, r.site_role, r.status]).sort(), made.map((u) => [u.username, u.email, 'member', 'active']).sort());

      const toStdout = parse(assertOk(await f.roster(['users', 'export', '-q', 'osprey role:member'])).stdout, { columns: true }) as Record<string, string>[];
      assert.deepEqual(toStdout, rows);
      const all = parse(assertOk(await f.roster(['users', 'export'])).stdout, { columns: true }) as Record<string, string>[];
      assert.ok(all.length > rows.length && all.some((r) => r.username === 'admin'));
    });

    test('by filter the run follows every server page: over 200 users, each once', async () => {
      const names = Array.from({ length: 205 }, (_, i) => `wren${String(i).padStart(3, '0')}`);
      for (let at = 0; at < names.length; at += 20) {
        await Promise.all(names.slice(at, at + 20).map((name) => makeUser(name, { loginType: 'oidc' })));
      }
      const dry = JSON.parse(assertOk(await f.roster(['users', 'bulk', 'suspend', '-q', 'wren', '--dry-run', '-o', 'json'])).stdout) as Row[];
      assert.equal(dry.length, 205);
      assert.equal(new Set(dry.map((r) => r.id)).size, 205, 'no user twice across pages');
      assert.ok(dry.every((r) => r.outcome === 'would-do'));
      const suspendedCount = async () => (await f.api.get('/api/v1/users?q=wren%20status:suspended&count=true&limit=1')).body.total;
      assert.equal(await suspendedCount(), 0);

      const real = assertOk(await f.roster(['users', 'bulk', 'suspend', '-q', 'wren', '--yes', '-o', 'json']));
      assert.deepEqual((JSON.parse(real.stdout) as Row[]).map((r) => [r.id, r.outcome]), dry.map((r) => [r.id, 'done']));
      assert.doesNotMatch(real.stderr, /processed/, 'no progress without a terminal');
      assert.equal(await suspendedCount(), 205);
    });

    test('on a terminal the real run shows the dry run\'s summary, asks "Apply to N users? [y/N]", applies only on y, and shows progress', { skip: noTerminal }, async () => {
      const made = await Promise.all(['finch1', 'finch2', 'finch3'].map((name) => makeUser(name, { loginType: 'oidc' })));
      assert.equal((await f.api.post(`/api/v1/users/${made[2]!.id}/suspend`, {})).status, 200);
      const env = { ROSTER_URL: f.baseUrl, ROSTER_TOKEN: f.token, ROSTER_CONFIG_DIR: f.configDir() };
      const prompt = 'Apply to 2 users? [y/N]';

      const declined = await runOnTerminal(['users', 'bulk', 'suspend', '-q', 'finch'], env, prompt, 'n');
      assert.equal(declined.code, 1, declined.screen);
      assert.match(declined.screen, /suspend: 2 will change, 1 skipped, 0 refused/);
      assert.match(declined.screen, /nothing was changed/);
      assert.deepEqual(await states(made.map((u) => u.id)), ['active member', 'active member', 'suspended member']);

      const confirmed = await runOnTerminal(['users', 'bulk', 'suspend', '-q', 'finch'], env, prompt, 'y');
      assert.equal(confirmed.code, 0, confirmed.screen);
      assert.match(confirmed.screen, /processed 3\/3/);
      assert.match(confirmed.screen, /suspend: 2 changed, 1 skipped, 0 refused/);
      assert.deepEqual(await states(made.map((u) => u.id)), ['suspended member', 'suspended member', 'suspended member']);
    });
  });
}
