// `roster server` and `roster reset-admin-password` as real processes, spoken
// to over real HTTP, on SQLite and on PostgreSQL.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, describe, test } from 'node:test';
import type { DialectName } from '../../src/db/dialects.js';
import { httpApi } from '../helpers/cli-client.js';
import { databaseKinds, freshDatabase } from '../helpers/harness.js';
import {
  freePort, killAll, npmStartNodeFlags, runRoster, spawnRoster, startRosterServer, waitUntilHealthy, type RosterProcess,
} from '../helpers/process.js';

const requestTimeout = 10_000;

/** An empty data folder (and, for PostgreSQL, an empty database) as the env that points the CLI at it. */
async function freshData(kind: DialectName): Promise<{ env: Record<string, string>; dir: string; drop(): Promise<void> }> {
  const fresh = await freshDatabase(kind);
  await fresh.db.close();
  if (kind === 'sqlite') {
    // freshDatabase opened (so created) the SQLite file; start from an empty folder instead.
    rmSync(fresh.dataDir, { recursive: true, force: true });
    mkdirSync(fresh.dataDir);
  }
  // A folder that does not exist yet: the server must create it.
  const dir = path.join(fresh.dataDir, 'data');
  return {
    env: { ROSTER_DATA_DIR: dir, ROSTER_LOG_LEVEL: 'warn', ...(fresh.url ? { ROSTER_DATABASE_URL: fresh.url } : {}) },
    dir: fresh.dataDir,
    drop: fresh.drop,
  };
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/** The credentials printed on lines of their own, if any. */
function printedCredentials(stdout: string): { email?: string; password?: string } {
  const all = lines(stdout);
  return {
    email: all.find((l) => l.startsWith('Admin email: '))?.slice('Admin email: '.length),
    password: all.find((l) => l.startsWith('Admin password: '))?.slice('Admin password: '.length),
  };
}

async function signIn(baseUrl: string, login: string, password: string) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
    signal: AbortSignal.timeout(requestTimeout),
  });
  const body = await response.json() as { mustChangePassword?: boolean; sessionToken?: string; code?: string; user?: { username: string } };
  return { status: response.status, body, setCookie: response.headers.get('set-cookie') };
}

/** A password nothing else in the output could contain by chance. */
function distinctPassword(label: string): string {
  return `${label}-${randomBytes(12).toString('hex')}`;
}

/** Stops a server with SIGTERM and returns its exit, failing if it takes longer than `withinMs`. */
async function stop(server: RosterProcess, withinMs = 5_000) {
  server.child.kill('SIGTERM');
  return server.waitForExit(withinMs);
}

for (const kind of databaseKinds()) {
  describe(`roster server as a process [${kind}]`, () => {
    const drops: (() => Promise<void>)[] = [];
    async function data() {
      const fresh = await freshData(kind);
      drops.push(fresh.drop);
      return fresh;
    }
    afterEach(killAll);
    after(async () => {
      await killAll();
      for (const drop of drops) await drop();
    });

    test('the first start prints the admin email and a temporary password on lines of their own; they sign in and must be changed; the next start prints neither', async () => {
      const { env } = await data();
      const first = await startRosterServer(env);
      await first.waitForLine((l) => l.startsWith('Admin password: '));
      const credentials = printedCredentials(first.stdout());
      const out = lines(first.stdout());
      assert.ok(out.includes('Admin email: admin@roster.local'), first.stdout());
      assert.ok(out.includes(`Admin password: ${credentials.password}`));
      assert.match(credentials.password!, /^\S{12,}$/, 'a real password, not a placeholder');

      const signedIn = await signIn(first.baseUrl, credentials.email!, credentials.password!);
      assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
      assert.equal(signedIn.body.user?.username, 'admin');
      assert.equal(signedIn.body.mustChangePassword, true);
      const blocked = await httpApi(first.baseUrl, signedIn.body.sessionToken!).get('/api/v1/users');
      assert.equal(blocked.status, 403);
      assert.equal(blocked.body.code, 'PASSWORD_CHANGE_REQUIRED');
      assert.equal((await stop(first)).code, 0);

      const second = await startRosterServer(env);
      assert.doesNotMatch(second.stdout(), /Admin email|Admin password/);
      assert.ok(!second.stdout().includes(credentials.password!));
      // The same admin, with the same temporary password, is still there.
      assert.equal((await signIn(second.baseUrl, 'admin', credentials.password!)).status, 200);
      assert.equal((await stop(second)).code, 0);
      assert.doesNotMatch(second.stdout(), /Admin email|Admin password/);
    });

    test('ROSTER_ADMIN_PASSWORD on the first start sets the admin password: no temporary password is printed and signing in needs no change', async () => {
      const { env } = await data();
      const chosen = distinctPassword('chosen');
      const server = await startRosterServer({ ...env, ROSTER_ADMIN_PASSWORD: chosen });
      const signedIn = await signIn(server.baseUrl, 'admin@roster.local', chosen);
      assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
      assert.equal(signedIn.body.mustChangePassword, false);
      assert.equal((await httpApi(server.baseUrl, signedIn.body.sessionToken!).get('/api/v1/users')).status, 200);
      assert.equal((await stop(server)).code, 0);
      const output = server.stdout() + server.stderr();
      assert.ok(!output.includes(chosen), 'the chosen password is never echoed');
      assert.doesNotMatch(server.stdout(), /^Admin password:/m, 'no line a script could take for the password');
    });

    test('ROSTER_ADMIN_PASSWORD_FILE on the first start sets the admin password from the first line of the file', async () => {
      const { env, dir } = await data();
      const chosen = distinctPassword('from-file');
      const file = path.join(dir, 'admin-password');
      writeFileSync(file, `${chosen}\nsecond line is ignored\n`);
      const server = await startRosterServer({ ...env, ROSTER_ADMIN_PASSWORD_FILE: file });
      const signedIn = await signIn(server.baseUrl, 'admin', chosen);
      assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
      assert.equal(signedIn.body.mustChangePassword, false);
      assert.equal((await stop(server)).code, 0);
      assert.ok(!(server.stdout() + server.stderr()).includes(chosen));
      assert.doesNotMatch(server.stdout(), /^Admin password:/m, 'no line a script could take for the password');
    });

    test('a weak ROSTER_ADMIN_PASSWORD stops the first start with a non-zero exit naming the variable, and creates no admin', async () => {
      const { env } = await data();
      for (const weak of ['short', 'qwertyuiop']) {
        const port = await freePort();
        const result = await runRoster(['server'], { ...env, ROSTER_ADDRESS: `127.0.0.1:${port}`, ROSTER_ADMIN_PASSWORD: weak });
        assert.notEqual(result.code, 0, result.stderr);
        assert.equal(result.signal, null);
        assert.match(result.stderr, /ROSTER_ADMIN_PASSWORD/);
        assert.doesNotMatch(result.stdout, /Admin email|Admin password/);
        if (weak.length > 5) assert.ok(!result.stderr.includes(weak), 'the refused password is not echoed');
      }
      // Nothing was created: a start without it bootstraps as usual.
      const server = await startRosterServer(env);
      const { password } = printedCredentials(await server.waitForLine((l) => l.startsWith('Admin password: ')));
      assert.equal((await signIn(server.baseUrl, 'admin', password!)).body.mustChangePassword, true);
    });

    test('reset-admin-password beside a running server prints a new temporary password, ends the admin\'s sessions, and retires the old password', async () => {
      const { env } = await data();
      const server = await startRosterServer(env);
      const { password: temporary } = printedCredentials(await server.waitForLine((l) => l.startsWith('Admin password: ')));
      const first = await signIn(server.baseUrl, 'admin', temporary!);
      const chosen = distinctPassword('chosen');
      const changed = await httpApi(server.baseUrl, first.body.sessionToken!).put('/api/v1/users/me/password', { currentPassword: temporary, newPassword: chosen });
      assert.equal(changed.status, 204, JSON.stringify(changed.body));
      const session = (await signIn(server.baseUrl, 'admin', chosen)).body.sessionToken!;
      assert.equal((await httpApi(server.baseUrl, session).get('/api/v1/users/me')).status, 200);
      const cookieSession = await fetch(`${server.baseUrl}/api/v1/users/me`, { headers: { cookie: `roster_session=${session}` }, signal: AbortSignal.timeout(requestTimeout) });
      assert.equal(cookieSession.status, 200);

      const reset = await runRoster(['reset-admin-password'], env);
      assert.equal(reset.code, 0, reset.stderr);
      const printed = printedCredentials(reset.stdout);
      assert.equal(printed.email, 'admin@roster.local');
      assert.match(printed.password!, /^\S{12,}$/);
      assert.ok(lines(reset.stdout).includes(`Admin password: ${printed.password}`));
      assert.notEqual(printed.password, temporary);
      assert.notEqual(printed.password, chosen);

      for (const token of [session, first.body.sessionToken!]) {
        const me = await httpApi(server.baseUrl, token).get('/api/v1/users/me');
        assert.equal(me.status, 401, JSON.stringify(me.body));
        assert.equal(me.body.code, 'UNAUTHENTICATED');
      }
      const byCookie = await fetch(`${server.baseUrl}/api/v1/users/me`, { headers: { cookie: `roster_session=${session}` }, signal: AbortSignal.timeout(requestTimeout) });
      assert.equal(byCookie.status, 401);
      const old = await signIn(server.baseUrl, 'admin', chosen);
      assert.equal(old.status, 401);
      assert.equal(old.body.code, 'INVALID_CREDENTIALS');
      const fresh = await signIn(server.baseUrl, 'admin', printed.password!);
      assert.equal(fresh.status, 200, JSON.stringify(fresh.body));
      assert.equal(fresh.body.mustChangePassword, true);
      assert.equal((await stop(server)).code, 0);
    });

    test('reset-admin-password before any first start exits non-zero and says to start the server first', async () => {
      const { env } = await data();
      const result = await runRoster(['reset-admin-password'], env);
      assert.notEqual(result.code, 0);
      assert.equal(result.signal, null);
      assert.match(result.stderr, /no site admin yet/i);
      assert.doesNotMatch(result.stdout, /Admin password/);
    });

    test('GET /healthz answers {status: "ok"} and GET /readyz answers {status: "ready"}', async () => {
      const { env } = await data();
      const server = await startRosterServer(env);
      const health = await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(requestTimeout) });
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok' });
      const ready = await fetch(`${server.baseUrl}/readyz`, { signal: AbortSignal.timeout(requestTimeout) });
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: 'ready' });
      assert.equal((await stop(server)).code, 0);
    });

    test('logs are JSON lines on stdout and never hold a password, a session token, a Cookie or an Authorization header, even at trace level', async () => {
      const { env } = await data();
      const adminPassword = distinctPassword('admin');
      const server = await startRosterServer({ ...env, ROSTER_LOG_LEVEL: 'trace', ROSTER_ADMIN_PASSWORD: adminPassword });
      const { baseUrl } = server;
      const post = (url: string, body: string, headers: Record<string, string> = {}) =>
        fetch(`${baseUrl}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(requestTimeout) });
      const get = (url: string, headers: Record<string, string>) => fetch(`${baseUrl}${url}`, { headers, signal: AbortSignal.timeout(requestTimeout) });

      const signedIn = await signIn(baseUrl, 'admin', adminPassword);
      assert.equal(signedIn.status, 200);
      const token = signedIn.body.sessionToken!;
      const setCookie = signedIn.setCookie!;
      assert.ok(setCookie.includes(token));

      const wrong = distinctPassword('wrong');
      assert.equal((await signIn(baseUrl, 'admin', wrong)).status, 401);
      const inBrokenJson = distinctPassword('broken-json');
      assert.equal((await post('/api/v1/auth/login', `{"login":"admin","password":"${inBrokenJson}"`)).status, 400);
      const inUnknownField = distinctPassword('unknown-field');
      const withExtra = distinctPassword('extra');
      assert.equal((await post('/api/v1/auth/login', JSON.stringify({ login: 'admin', password: inUnknownField, extra: withExtra }))).status, 400);

      assert.equal((await get('/api/v1/users/me', { authorization: `Bearer ${token}` })).status, 200);
      assert.equal((await get('/api/v1/users/me', { cookie: `roster_session=${token}` })).status, 200);
      const bogus = randomBytes(32).toString('base64url');
      assert.equal((await get('/api/v1/users/me', { authorization: `Bearer ${bogus}` })).status, 401);
      assert.equal((await get('/api/v1/users/me', { cookie: `roster_session=${bogus}; other=1` })).status, 401);
      assert.equal((await get('/api/v1/no/such/route', { authorization: `Bearer ${token}`, cookie: `roster_session=${token}` })).status, 404);

      const tooWeak = 'iloveyou';
      const weakChange = await httpApi(baseUrl, token).put('/api/v1/users/me/password', { currentPassword: adminPassword, newPassword: tooWeak });
      assert.equal(weakChange.status, 400, JSON.stringify(weakChange.body));
      const wrongCurrent = distinctPassword('wrong-current');
      const refusedChange = await httpApi(baseUrl, token).put('/api/v1/users/me/password', { currentPassword: wrongCurrent, newPassword: distinctPassword('unused') });
      assert.notEqual(refusedChange.status, 204);
      assert.equal(weakChange.body.code, 'WEAK_PASSWORD');
      const newPassword = distinctPassword('new');
      assert.equal((await httpApi(baseUrl, token).put('/api/v1/users/me/password', { currentPassword: adminPassword, newPassword })).status, 204);
      assert.equal((await post('/api/v1/auth/logout', '{}', { cookie: `roster_session=${token}` })).status, 204);

      assert.equal((await stop(server)).code, 0);
      const stdout = server.stdout();
      const logLines = lines(stdout).filter((l) => !l.startsWith('Admin email: ') && !l.startsWith('Admin password: '));
      const records = logLines.map((line) => {
        let record: { level?: unknown; req?: { url?: string } };
        try {
          record = JSON.parse(line);
        } catch {
          assert.fail(`not a JSON log line: ${line}`);
        }
        assert.equal(typeof record.level, 'number', line);
        return record;
      });
      // The log really saw these requests, so not finding the secrets means something.
      assert.ok(records.filter((r) => r.req?.url === '/api/v1/auth/login').length >= 4, stdout);
      assert.ok(records.some((r) => r.req?.url === '/api/v1/users/me/password'));

      const secrets = {
        adminPassword, tooWeak, wrong, inBrokenJson, inUnknownField, withExtra, wrongCurrent, newPassword, token, bogus,
        setCookie, cookieHeader: `roster_session=${token}`, authorizationHeader: `Bearer ${token}`,
      };
      const output = stdout + server.stderr();
      for (const [name, secret] of Object.entries(secrets)) {
        assert.ok(!output.includes(secret), `${name} appears in the output`);
      }
    });

    test('SIGTERM lets a request in flight finish, then the process exits 0 promptly', async () => {
      const { env } = await data();
      const adminPassword = distinctPassword('admin');
      const server = await startRosterServer({ ...env, ROSTER_LOG_LEVEL: 'info', ROSTER_ADMIN_PASSWORD: adminPassword });
      // An idle keep-alive connection must not hold the shutdown up.
      assert.equal((await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(requestTimeout) })).status, 200);

      // A sign-in whose headers have arrived but whose body has not: in flight.
      const body = JSON.stringify({ login: 'admin', password: adminPassword });
      const half = Math.floor(body.length / 2);
      const pending = httpRequest(`${server.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: requestTimeout,
      });
      const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
        pending.on('response', (res: IncomingMessage) => {
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => { text += chunk; });
          res.on('end', () => resolve({ status: res.statusCode!, text }));
          res.on('error', reject);
        });
        pending.on('error', reject);
        pending.on('timeout', () => pending.destroy(new Error('in-flight request timed out')));
      });
      pending.flushHeaders();
      pending.write(body.slice(0, half));
      await server.waitForLine((l) => l.includes('"incoming request"') && l.includes('/api/v1/auth/login'));

      server.child.kill('SIGTERM');
      await server.waitForLine((l) => l.includes('"shutting down"'));
      assert.equal(server.child.exitCode, null, 'still running while a request is in flight');
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(server.child.exitCode, null, 'still running while a request is in flight');
      // New connections are no longer served.
      const late = await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status, () => 'refused');
      assert.notEqual(late, 200);

      const finishedAt = Date.now();
      pending.end(body.slice(half));
      const answered = await response;
      assert.equal(answered.status, 200, answered.text);
      assert.equal(JSON.parse(answered.text).user.username, 'admin');

      const exit = await server.waitForExit(5_000);
      assert.deepEqual(exit, { code: 0, signal: null });
      assert.ok(Date.now() - finishedAt < 5_000);
    });
  });
}

describe('roster server configuration', () => {
  let dataDir: string;
  const env = () => ({ ROSTER_DATA_DIR: dataDir, ROSTER_LOG_LEVEL: 'warn' });
  after(async () => {
    await killAll();
    rmSync(dataDir, { recursive: true, force: true });
  });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'roster-config-'));

  for (const [variable, value] of [
    ['ROSTER_ADDRESS', 'nonsense'],
    ['ROSTER_SESSION_LIFETIME', 'forever'],
    ['ROSTER_LOG_LEVEL', 'loud'],
    ['ROSTER_DATABASE_URL', 'mysql://user:hunter2@localhost/roster'],
  ] as const) {
    test(`an invalid ${variable} stops the start with a non-zero exit and a message naming it`, async () => {
      const port = await freePort();
      const result = await runRoster(['server'], { ...env(), ROSTER_ADDRESS: `127.0.0.1:${port}`, [variable]: value });
      assert.notEqual(result.code, 0);
      assert.equal(result.signal, null);
      assert.match(result.stderr, new RegExp(variable));
      assert.doesNotMatch(result.stdout, /Admin email|Admin password/);
      assert.ok(!result.stderr.includes('hunter2'), 'a secret option is not echoed');
    });
  }

  test("npm start's node flags are ones this node accepts", () => {
    // A flag this node does not know (a V8 flag renamed in an upgrade) would stop the README's first command.
    const flags = npmStartNodeFlags();
    assert.ok(flags.length, 'the start script gives node its flags');
    const result = spawnSync(process.execPath, [...flags, '-e', ''], { encoding: 'utf8' });
    assert.equal(result.stderr, '');
    assert.equal(result.status, 0);
  });

  test('an invalid flag value stops the start with a message naming the option', async () => {
    const result = await runRoster(['server', '--session-lifetime', 'forever'], env());
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /ROSTER_SESSION_LIFETIME|--session-lifetime/);
  });

  test('flags win over the environment: --address decides where the server listens', async () => {
    const envPort = await freePort();
    const flagPort = await freePort();
    const server = spawnRoster(['server', '--address', `127.0.0.1:${flagPort}`], { ...env(), ROSTER_ADDRESS: `127.0.0.1:${envPort}` });
    try {
      await waitUntilHealthy(server, `http://127.0.0.1:${flagPort}`);
      const atEnvPort = await fetch(`http://127.0.0.1:${envPort}/healthz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status, () => 'refused');
      assert.equal(atEnvPort, 'refused');
      assert.equal((await stop(server)).code, 0);
    } finally {
      await server.kill();
    }
  });
});
