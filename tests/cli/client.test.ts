// The `roster` client commands as real processes against a real server, on
// SQLite and PostgreSQL: login and its config file, the ROSTER_URL/ROSTER_TOKEN
// override, exit codes, and every `users` command. Organizations, images,
// tokens and the audit log are in client-resources.test.ts.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { databaseKinds } from '../helpers/harness.js';
import {
  assertFails, assertOk, labelled, signIn, startClientFixture, tableRows, type ClientFixture,
} from '../helpers/cli-client.js';
import { freePort, killAll, runRoster } from '../helpers/process.js';
import { runOnTerminal, terminalProblem } from '../helpers/terminal.js';

// Under CI=true a missing pseudo-terminal is a failure, never a silent skip.
const noTerminal = process.env.CI === 'true' ? false : (terminalProblem() ?? false);

let counter = 0;
function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

describe('roster client commands, before any server is involved', () => {
  const folders: string[] = [];
  const emptyConfig = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'roster-cli-config-'));
    folders.push(dir);
    return dir;
  };
  after(async () => {
    await killAll();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  test('--help names every command and the exit codes; each group and command has help with examples', async () => {
    const [top, users, create, orgMembers, audit] = await Promise.all([
      runRoster(['--help']), runRoster(['users', '--help']), runRoster(['users', 'create', '--help']),
      runRoster(['orgs', 'members', '--help']), runRoster(['audit', 'export', '--help']),
    ]);
    assertOk(top);
    for (const command of ['server', 'reset-admin-password', 'login', 'logout', 'users', 'orgs', 'images', 'tokens', 'audit']) {
      assert.match(top.stdout, new RegExp(`^  ${command}\\b`, 'm'), `--help lists ${command}`);
    }
    assert.match(top.stdout, /ROSTER_URL and ROSTER_TOKEN/);
    assert.match(top.stdout, /Exit codes: 0 .*; 1 .*; 2 .*; 3 .*; 4 /s);
    assertOk(users);
    for (const command of ['ls', 'show', 'create', 'edit', 'role', 'reset-password', 'suspend', 'activate', 'delete']) {
      assert.match(users.stdout, new RegExp(`^  ${command}\\b`, 'm'), `users --help lists ${command}`);
    }
    assertOk(create);
    assert.match(create.stdout, /--email <email>/);
    assert.match(create.stdout, /Examples:\n {2}\$ roster users create --email /);
    assert.match(create.stdout, /-o, --output <format>.*choices: "table", "json"/s);
    assertOk(orgMembers);
    for (const command of ['ls', 'add', 'role', 'rm']) assert.match(orgMembers.stdout, new RegExp(`^  ${command}\\b`, 'm'));
    assertOk(audit);
    assert.match(audit.stdout, /--output <file>/);
    assert.match(audit.stdout, /Examples:/);
  });

  test('usage errors exit 2 and print nothing on stdout: an unknown command, a bad -o, a bad role, a missing required option, a bad --limit', async () => {
    const env = { ROSTER_CONFIG_DIR: emptyConfig(), ROSTER_URL: 'http://127.0.0.1:9', ROSTER_TOKEN: 'unused' };
    const results = await Promise.all([
      runRoster(['users', 'frobnicate'], env),
      runRoster(['users', 'ls', '-o', 'yaml'], env),
      runRoster(['users', 'role', 'alice', 'emperor'], env),
      runRoster(['users', 'create', '--name', 'No Email'], env),
      runRoster(['users', 'ls', '--limit', 'lots'], env),
      runRoster(['tokens', 'create', 'ci', '--lifetime', 'forever'], env),
      runRoster(['users'], env),
    ]);
    for (const result of results) assertFails(result, 2, /error|Usage/);
    assert.match(results[1]!.stderr, /yaml/);
    assert.match(results[2]!.stderr, /emperor/);
    assert.match(results[3]!.stderr, /--email/);
  });

  test('without a saved login or ROSTER_URL and ROSTER_TOKEN, a command exits 3 and says how to log in', async () => {
    const bare = await runRoster(['users', 'ls'], { ROSTER_CONFIG_DIR: emptyConfig() });
    assertFails(bare, 3, /roster login/);
    // One of the two is not enough.
    const urlOnly = await runRoster(['orgs', 'ls'], { ROSTER_CONFIG_DIR: emptyConfig(), ROSTER_URL: 'http://127.0.0.1:9' });
    assertFails(urlOnly, 3, /ROSTER_TOKEN/);
  });

  test('when nothing listens at the URL, commands exit 4 naming it, and login stores nothing', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const configDir = emptyConfig();
    const [list, login] = await Promise.all([
      runRoster(['users', 'ls'], { ROSTER_CONFIG_DIR: configDir, ROSTER_URL: url, ROSTER_TOKEN: 'roster_whatever' }),
      runRoster(['login', url, '--token', 'roster_whatever'], { ROSTER_CONFIG_DIR: configDir }),
    ]);
    assertFails(list, 4, new RegExp(`Cannot reach the Roster server at ${url.replaceAll('.', '\\.')}`));
    assertFails(login, 4, /Cannot reach/);
    assert.equal(existsSync(path.join(configDir, 'config.json')), false);
  });
});

for (const kind of databaseKinds()) {
  describe(`roster client commands against a real server [${kind}]`, () => {
    let f: ClientFixture;
    before(async () => {
      f = await startClientFixture(kind);
    });
    after(async () => {
      await killAll();
      await f?.close();
    });

    /** A built-in user made over HTTP, with its temporary password. */
    async function makeUser(prefix: string, siteRole = 'member') {
      const created = await f.api.post('/api/v1/users', { email: uniqueEmail(prefix), loginType: 'built-in', siteRole });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return created.body as { user: { id: string; username: string; email: string }; temporaryPassword: string };
    }

    test('login reads the token from standard input, checks it, and saves url and token in a 0600 file in a 0700 folder; users ls then works; logout removes it', async () => {
      const configDir = path.join(f.configDir(), 'not', 'yet', 'there');
      const env = { ROSTER_CONFIG_DIR: configDir };
      const login = assertOk(await runRoster(['login', f.baseUrl], env, 30_000, { input: `${f.token}\n` }), 'login');
      assert.match(login.stdout, /Logged in to .* as admin \(site-admin\)/);
      assert.ok(!login.stdout.includes(f.token) && !login.stderr.includes(f.token), 'the token is not echoed');

      const file = path.join(configDir, 'config.json');
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(statSync(configDir).mode & 0o777, 0o700);
      assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { url: `${f.baseUrl}/`, token: f.token });

      const list = assertOk(await runRoster(['users', 'ls'], env), 'users ls');
      assert.ok(tableRows(list.stdout).some((row) => row.USERNAME === 'admin' && row.ROLE === 'site-admin'), list.stdout);

      assertOk(await runRoster(['logout'], env), 'logout');
      assert.equal(existsSync(file), false);
      assertFails(await runRoster(['users', 'ls'], env), 3, /Not logged in/);
    });

    test('login with a refused token exits 3 and keeps the earlier login; login with no token at all exits 2', async () => {
      const env = { ROSTER_CONFIG_DIR: f.configDir() };
      assertOk(await runRoster(['login', f.baseUrl, '--token', f.token], env));
      const file = path.join(env.ROSTER_CONFIG_DIR, 'config.json');
      const before = readFileSync(file, 'utf8');
      assertFails(await runRoster(['login', f.baseUrl, '--token', 'roster_not-a-real-token'], env), 3, /token was refused/);
      assert.equal(readFileSync(file, 'utf8'), before);
      // Standard input is empty and not a terminal: nothing to read a token from.
      assertFails(await runRoster(['login', f.baseUrl], env), 2, /No API token given/);
      assert.equal(readFileSync(file, 'utf8'), before);
    });

    test('without ROSTER_CONFIG_DIR, login saves to $XDG_CONFIG_HOME/roster/config.json', async () => {
      const xdg = f.configDir();
      assertOk(await runRoster(['login', f.baseUrl, '--token', f.token], { XDG_CONFIG_HOME: xdg }));
      const file = path.join(xdg, 'roster', 'config.json');
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(JSON.parse(readFileSync(file, 'utf8')).token, f.token);
      assertOk(await runRoster(['users', 'show', 'me'], { XDG_CONFIG_HOME: xdg }));
    });

    test('ROSTER_URL and ROSTER_TOKEN win over the saved login; a refused ROSTER_TOKEN exits 3 whatever is saved', async () => {
      const env = { ROSTER_CONFIG_DIR: f.configDir() };
      assertOk(await runRoster(['login', f.baseUrl, '--token', f.token], env));
      const deadUrl = `http://127.0.0.1:${await freePort()}`;
      const [overridden, badToken, deadServer] = await Promise.all([
        // The saved login points elsewhere with a wrong token; the environment decides.
        runRoster(['users', 'show', 'me', '-o', 'json'], { ROSTER_CONFIG_DIR: f.configDir(), ROSTER_URL: f.baseUrl, ROSTER_TOKEN: f.token }),
        runRoster(['users', 'ls'], { ...env, ROSTER_URL: f.baseUrl, ROSTER_TOKEN: 'roster_revoked-or-made-up' }),
        runRoster(['users', 'ls'], { ...env, ROSTER_URL: deadUrl, ROSTER_TOKEN: f.token }),
      ]);
      assert.equal(JSON.parse(assertOk(overridden).stdout).username, 'admin');
      assertFails(badToken, 3, /Sign in to continue/);
      assertFails(deadServer, 4, new RegExp(deadUrl.replaceAll('.', '\\.')));
    });

    test('users ls -q takes the filter grammar of the UI; a bad term exits 1 with the server\'s message naming it on stderr', async () => {
      const auditor = await makeUser('auditor', 'auditor');
      await makeUser('member');
      const auditors = assertOk(await f.roster(['users', 'ls', '-q', 'role:auditor']));
      const rows = tableRows(auditors.stdout);
      assert.deepEqual(Object.keys(rows[0]!), ['USERNAME', 'NAME', 'EMAIL', 'ROLE', 'AUTH TYPE', 'STATUS', 'ORGANIZATIONS']);
      assert.ok(rows.length >= 1 && rows.every((row) => row.ROLE === 'auditor'), auditors.stdout);
      const mine = rows.find((row) => row.USERNAME === auditor.user.username);
      assert.deepEqual(mine, {
        USERNAME: auditor.user.username, NAME: auditor.user.username, EMAIL: auditor.user.email, ROLE: 'auditor',
        'AUTH TYPE': 'Built-In', STATUS: 'active', ORGANIZATIONS: 'Default',
      });

      const bad = assertFails(await f.roster(['users', 'ls', '-q', 'role:auditor flavour:vanilla']), 1);
      assert.match(bad.stderr, /^roster: Bad filter term "flavour:vanilla"/m);
      assertFails(await f.roster(['users', 'ls', '--sort', 'shoe-size']), 1, /Cannot sort by "shoe-size"/);
      const none = assertOk(await f.roster(['users', 'ls', '-q', 'nobody-is-called-this']));
      assert.equal(none.stdout, '');
      assert.match(none.stderr, /No users match/);
    });

    test('users ls -o json prints the API\'s user objects; --limit gives one page and says there is more; --all follows every cursor', async () => {
      await makeUser('pager');
      await makeUser('pager');
      const viaApi = await f.api.get('/api/v1/users?limit=100&sort=username');
      const everyone = viaApi.body.users as { username: string }[];
      assert.ok(everyone.length >= 3);

      const [all, onePage] = await Promise.all([
        f.roster(['users', 'ls', '--all', '--limit', '1', '--sort', 'username', '-o', 'json']),
        f.roster(['users', 'ls', '--limit', '2', '--sort', 'username', '-o', 'json']),
      ]);
      assert.deepEqual(JSON.parse(assertOk(all).stdout), everyone, 'every page, as the API has them');
      assert.deepEqual(JSON.parse(assertOk(onePage).stdout), everyone.slice(0, 2));
      assert.match(onePage.stderr, /--all/);
    });

    test('users create prints the temporary password once on its own labelled line, and it signs in', async () => {
      const email = uniqueEmail('created');
      const created = assertOk(await f.roster(['users', 'create', '--email', email, '--name', 'Created Person', '--org', 'Default', '--role', 'auditor']));
      const password = labelled(created.stdout, 'Temporary password');
      assert.match(password ?? '', /^\S{16,}$/, created.stdout);
      assert.equal(created.stdout.split(password!).length, 2, 'printed exactly once');
      assert.match(created.stdout, /shown only this once/);
      const signedIn = await signIn(f.baseUrl, email, password!);
      assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
      assert.equal(signedIn.body.mustChangePassword, true);
      const user = (await f.api.get(`/api/v1/users/${email.split('@')[0]}`)).body.user;
      assert.equal(user.name, 'Created Person');
      assert.equal(user.siteRole, 'auditor');

      const oidc = assertOk(await f.roster(['users', 'create', '--email', uniqueEmail('oidc'), '--login-type', 'oidc']));
      assert.equal(labelled(oidc.stdout, 'Temporary password'), undefined, 'an OIDC user has no password');
    });

    test('users create -o json has the user and the temporaryPassword field; users show -o json is the API\'s user object', async () => {
      const email = uniqueEmail('json');
      const created = JSON.parse(assertOk(await f.roster(['users', 'create', '--email', email, '--username', 'json-made', '-o', 'json'])).stdout);
      assert.equal(created.user.email, email);
      assert.equal(created.user.username, 'json-made');
      assert.equal((await signIn(f.baseUrl, 'json-made', created.temporaryPassword)).status, 200);

      const shown = JSON.parse(assertOk(await f.roster(['users', 'show', 'json-made', '-o', 'json'])).stdout);
      assert.deepEqual(shown, (await f.api.get('/api/v1/users/json-made')).body.user);
      const table = assertOk(await f.roster(['users', 'show', created.user.id]));
      assert.match(table.stdout, new RegExp(`^Email: +${email.replaceAll('.', '\\.')}$`, 'm'));
      assert.match(table.stdout, /^Must change password: +yes$/m);
      assertFails(await f.roster(['users', 'show', 'no-such-user']), 1, /No user "no-such-user"/);
    });

    test('users create refused by the server exits 1 with the message and each field: detail on stderr, nothing on stdout', async () => {
      const invalid = assertFails(await f.roster(['users', 'create', '--email', 'not-an-email', '--name', 'x'.repeat(129)]), 1);
      const [message, ...problems] = invalid.stderr.trim().split('\n');
      assert.match(message!, /^roster: Invalid body: email: /);
      assert.deepEqual(problems.map((line) => line.trim().split(':')[0]), ['name'], 'the problem the message did not state, as field: detail');
      const taken = await makeUser('taken');
      assertFails(await f.roster(['users', 'create', '--email', taken.user.email]), 1, /email/i);
    });

    test('users edit, role, suspend, activate, reset-password and delete change the user as the API shows', async () => {
      const { user, temporaryPassword } = await makeUser('lifecycle');
      const ref = user.username;
      const newEmail = uniqueEmail('renamed');

      const edited = assertOk(await f.roster(['users', 'edit', ref, '--name', 'Renamed Person', '--email', newEmail]));
      assert.match(edited.stdout, /^Name: +Renamed Person$/m);
      let current = (await f.api.get(`/api/v1/users/${user.id}`)).body.user;
      assert.equal(current.name, 'Renamed Person');
      assert.equal(current.email, newEmail);

      const toOidc = JSON.parse(assertOk(await f.roster(['users', 'edit', ref, '--login-type', 'oidc', '-o', 'json'])).stdout);
      assert.equal(toOidc.user.loginType, 'oidc');
      const toBuiltIn = assertOk(await f.roster(['users', 'edit', ref, '--login-type', 'built-in']));
      const switchedPassword = labelled(toBuiltIn.stdout, 'Temporary password');
      assert.ok(switchedPassword, toBuiltIn.stdout);
      assertFails(await f.roster(['users', 'edit', ref]), 2, /Nothing to change/);

      const role = assertOk(await f.roster(['users', 'role', ref, 'auditor', '-o', 'json']));
      assert.equal(JSON.parse(role.stdout).siteRole, 'auditor');
      assert.equal((await f.api.get(`/api/v1/users/${user.id}`)).body.user.siteRole, 'auditor');
      assertFails(await f.roster(['users', 'role', 'me', 'member']), 1, /yourself/);

      const until = new Date(Date.now() + 86_400_000).toISOString();
      assertOk(await f.roster(['users', 'suspend', ref, '--reason', 'on leave', '--until', until, '--yes']));
      current = (await f.api.get(`/api/v1/users/${user.id}`)).body.user;
      assert.equal(current.status, 'suspended');
      assert.equal(current.suspendedReason, 'on leave');
      assert.equal(Date.parse(current.suspendedUntil), Date.parse(until));
      const listed = tableRows(assertOk(await f.roster(['users', 'ls', '-q', 'status:suspended'])).stdout);
      assert.match(listed.find((row) => row.USERNAME === ref)?.STATUS ?? '', /^suspended \(on leave, until /);

      const activated = JSON.parse(assertOk(await f.roster(['users', 'activate', ref, '-o', 'json'])).stdout);
      assert.equal(activated.status, 'active');

      const reset = assertOk(await f.roster(['users', 'reset-password', ref, '--yes']));
      const resetPassword = labelled(reset.stdout, 'Temporary password')!;
      assert.match(resetPassword, /^\S{16,}$/);
      assert.equal((await signIn(f.baseUrl, ref, resetPassword)).status, 200);
      assert.equal((await signIn(f.baseUrl, ref, switchedPassword!)).status, 401, 'the earlier password is gone');
      assert.notEqual(resetPassword, temporaryPassword);
      const resetJson = JSON.parse(assertOk(await f.roster(['users', 'reset-password', ref, '--yes', '-o', 'json'])).stdout);
      assert.equal((await signIn(f.baseUrl, ref, resetJson.temporaryPassword)).status, 200);

      assertOk(await f.roster(['users', 'delete', ref, '--yes']));
      assert.equal((await f.api.get(`/api/v1/users/${user.id}`)).status, 404);
      assertFails(await f.roster(['users', 'delete', ref, '--yes']), 1, /No user/);
    });

    test('users delete, reset-password and suspend without --yes and without a terminal exit 2, say to pass --yes, and change nothing', async () => {
      const { user, temporaryPassword } = await makeUser('kept');
      const results = await Promise.all([
        f.roster(['users', 'delete', user.username]),
        f.roster(['users', 'reset-password', user.username]),
        f.roster(['users', 'suspend', user.username, '--reason', 'no']),
      ]);
      for (const result of results) assertFails(result, 2, /without confirmation.*pass --yes/s);
      assert.match(results[0]!.stderr, new RegExp(`delete user ${user.username}`));
      const current = (await f.api.get(`/api/v1/users/${user.id}`));
      assert.equal(current.status, 200);
      assert.equal(current.body.user.status, 'active');
      assert.equal((await signIn(f.baseUrl, user.email, temporaryPassword)).status, 200, 'the password was not reset');
    });

    test('on a terminal, users delete asks "Delete user …? [y/N]" and deletes only on y; login asks for the token without echoing it', { skip: noTerminal }, async () => {
      const { user } = await makeUser('asked');
      const env = { ROSTER_CONFIG_DIR: f.configDir(), ROSTER_URL: f.baseUrl, ROSTER_TOKEN: f.token };
      const prompt = `Delete user ${user.username}? [y/N]`;

      const declined = await runOnTerminal(['users', 'delete', user.username], env, prompt, 'n');
      assert.equal(declined.code, 1, declined.screen);
      assert.match(declined.screen, /nothing was changed/);
      assert.equal((await f.api.get(`/api/v1/users/${user.id}`)).status, 200);

      const confirmed = await runOnTerminal(['users', 'delete', user.username], env, prompt, 'yes');
      assert.equal(confirmed.code, 0, confirmed.screen);
      assert.match(confirmed.screen, new RegExp(`Deleted user ${user.username}`));
      assert.equal((await f.api.get(`/api/v1/users/${user.id}`)).status, 404);

      const configDir = f.configDir();
      const login = await runOnTerminal(['login', f.baseUrl], { ROSTER_CONFIG_DIR: configDir }, 'API token: ', f.token);
      assert.equal(login.code, 0, login.screen);
      assert.ok(!login.screen.includes(f.token), `the token is not shown as it is typed:\n${login.screen}`);
      assert.equal(JSON.parse(readFileSync(path.join(configDir, 'config.json'), 'utf8')).token, f.token);
    });
  });
}
