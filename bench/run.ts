// `npm run bench -- [--db sqlite|postgres] [--users N[,N…]] [--duration S] [--rest S] [--json FILE] [--no-pin] [--no-build]`
// For each N: starts a real Roster server (the built dist/, as `npm start` runs it) on a fresh database,
// imports N users with `roster users import`, drives it with autocannon and prints one table; with
// several N, also the scaling of each scenario. See bench/RESULTS.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { findPostgresBin, startCluster, type Cluster } from '../tests/helpers/postgres-cluster.js';
import { freePort, npmStartNodeFlags, repoRoot } from '../tests/helpers/process.js';
import { memoryMb, startServer, type Server } from './proc.js';
import { printRun, printScaling, type RunReport } from './report.js';
import { measure, type Row, type Scenario } from './scenarios.js';
import { importUsers, rareTerm } from './seed-import.js';

const { values: opts } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    users: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    // How long the server rests after the import before its idle memory is read (see runOnce).
    rest: { type: 'string', default: '20' },
    json: { type: 'string' },
    'no-pin': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});
const sizes = opts.users.split(',').map(Number);
const duration = Number(opts.duration);
const restSeconds = Number(opts.rest);
if (!(duration > 0)) throw new Error('--duration takes a number of seconds');
if (!(restSeconds >= 2)) throw new Error('--rest takes a number of seconds, 2 or more');
if (opts.db !== 'sqlite' && opts.db !== 'postgres') throw new Error('--db is sqlite or postgres');
if (sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new Error('--users takes whole numbers of 100 or more, comma-separated');
// On two or more cores: the server on CPU 0 (the issue's "one server core"), this process, autocannon and the import CLI on CPU 1.
const pin = !opts['no-pin'] && os.availableParallelism() >= 2;
const serverCpu = pin ? '0' : null;
const clientCpu = pin ? '1' : null;
if (pin) execFileSync('taskset', ['-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
const adminEmail = 'admin@roster.local';
const adminPassword = 'bench-admin-Passw0rd-not-common';

async function api(server: Server, method: string, url: string, body?: unknown, cookie?: string) {
  const response = await fetch(server.baseUrl + url, {
    method, body: body === undefined ? undefined : JSON.stringify(body),
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}) },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return { json: JSON.parse(text) as Record<string, any>, cookie: response.headers.get('set-cookie')?.split(';')[0] };
}

function argon2Ceiling(): number {
  const node = [process.execPath, '--import', 'tsx', path.join(repoRoot, 'bench/argon2-ceiling.ts'), String(Math.min(duration, 5))];
  const [command, ...argv] = serverCpu === null ? node : ['taskset', '-c', serverCpu, ...node];
  const run = spawnSync(command!, argv, { cwd: repoRoot, encoding: 'utf8' });
  return (JSON.parse(run.stdout) as { verifiesPerSec: number }).verifiesPerSec;
}

/** The ceiling, and the same route with 50 µs of computation added (a calibration: see bench/RESULTS.md). */
async function helloCeiling(): Promise<[Row, Row]> {
  const port = await freePort();
  const hello = await startServer('bench/hello-server.mjs', [], { PORT: String(port) }, port, '/', serverCpu);
  try {
    return [
      await measure(hello, { name: 'hello-world ceiling', connections: 10, request: { method: 'GET', path: '/' } }, duration, false),
      await measure(hello, { name: 'hello-world + 50 µs of CPU', connections: 10, request: { method: 'GET', path: '/busy' } }, duration, false),
    ];
  } finally { await hello.stop(); }
}

async function freshPostgresDatabase(clusterUrl: string, users: number): Promise<string> {
  const name = `roster_bench_${users}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function runOnce(users: number, clusterUrl: string | null, workDir: string): Promise<RunReport> {
  const [ceiling, busyCeiling] = await helloCeiling();
  const argon2PerSec = argon2Ceiling();
  const dataDir = mkdtempSync(path.join(workDir, 'data-'));
  const databaseUrl = clusterUrl ? await freshPostgresDatabase(clusterUrl, users) : null;
  const port = await freePort();
  const roster = await startServer('dist/cli/main.js', ['server'], {
    ROSTER_ADDRESS: `127.0.0.1:${port}`, ROSTER_DATA_DIR: dataDir, ROSTER_ADMIN_EMAIL: adminEmail, ROSTER_ADMIN_PASSWORD: adminPassword,
    ROSTER_LOG_LEVEL: 'warn', ROSTER_LOGIN_LOCK_AFTER: '9999999', ROSTER_LOGIN_LOCK_AFTER_PER_ADDRESS: '9999999',
    ...(databaseUrl ? { ROSTER_DATABASE_URL: databaseUrl } : {}),
  }, port, '/healthz', serverCpu, npmStartNodeFlags()); // the server measured as `npm start` starts it
  try {
    const idleRssBeforeImport = memoryMb(roster.pid, 'VmRSS');
    const admin = (await api(roster, 'POST', '/api/v1/auth/login', { login: adminEmail, password: adminPassword })).cookie!;
    const token = (await api(roster, 'POST', '/api/v1/users/me/tokens', { name: 'bench import' }, admin)).json.token as string;

    console.log(`importing ${users} OIDC users with roster users import…`);
    const seeded = await importUsers(roster.baseUrl, token, users, workDir, clientCpu);
    console.log(`imported ${users} users in ${seeded.seconds.toFixed(1)} s (${Math.round(users / seeded.seconds)} users/s)`);
    const importPeakRss = memoryMb(roster.pid, 'VmHWM');

    // ~20 built-in users for the storm (their temporary passwords are right), a cursor for page 2.
    const logins: string[] = [];
    for (let i = 0; i < 20; i++) {
      const { json } = await api(roster, 'POST', '/api/v1/users', { email: `storm-${i}@bench.example`, loginType: 'built-in', name: `Storm ${i}` }, admin);
      logins.push(JSON.stringify({ login: `storm-${i}@bench.example`, password: json.temporaryPassword as string }));
    }
    const first = await api(roster, 'GET', '/api/v1/users?limit=25', undefined, admin);
    const cursor = first.json.nextCursor as string;
    const rare = rareTerm(users);
    await new Promise((r) => setTimeout(r, 2_000));
    const idleRssSoon = memoryMb(roster.pid, 'VmRSS');
    // V8 hands the import's garbage back once the server has been quiet for a
    // while (its memory reducer starts 8 s after the last full collection):
    // idle memory is read after 20 s at rest (--rest), as a server between bursts is.
    await new Promise((r) => setTimeout(r, (restSeconds - 2) * 1000));
    const idleRss = memoryMb(roster.pid, 'VmRSS');

    const get = (p: string) => ({ method: 'GET' as const, path: p });
    const asAdmin = { cookie: admin };
    let next = 0;
    const storm = (connections: number): Scenario => ({
      name: `sign-in storm, ${connections} conns (20 users)`, connections, headers: { 'content-type': 'application/json' },
      request: { method: 'POST', path: '/api/v1/auth/login', setupRequest: (req) => ({ ...req, body: logins[next++ % logins.length] }) },
    });
    const scenarios: Scenario[] = [
      { name: 'session check GET /users/me', connections: 10, request: get('/api/v1/users/me'), headers: asAdmin },
      { name: 'users page 1 (limit 25)', connections: 10, request: get('/api/v1/users?limit=25'), headers: asAdmin },
      { name: 'users page 2 (cursor)', connections: 10, request: get(`/api/v1/users?limit=25&cursor=${cursor}`), headers: asAdmin },
      { name: 'search rare word + role:member', connections: 10, request: get(`/api/v1/users?limit=25&q=${encodeURIComponent(`${rare} role:member`)}`), headers: asAdmin },
      { name: 'search "son" + role:member', connections: 10, request: get(`/api/v1/users?limit=25&q=${encodeURIComponent('son role:member')}`), headers: asAdmin },
      { name: 'search "son" + role:site-manager', connections: 10, request: get(`/api/v1/users?limit=25&q=${encodeURIComponent('son role:site-manager')}`), headers: asAdmin },
      storm(50),
      storm(200),
    ];
    const rows: Row[] = [ceiling, busyCeiling];
    for (const s of scenarios) {
      console.log(`running: ${s.name} (${duration} s)`);
      rows.push(await measure(roster, s, duration, true));
    }
    for (const row of rows) row.ratio = row.reqPerSec / ceiling.reqPerSec;
    return {
      db: opts.db!, users, durationSeconds: duration, rareTerm: rare, importSeconds: seeded.seconds, importSummary: seeded.summary,
      idleRssMbBeforeImport: idleRssBeforeImport, idleRssMbSoonAfterImport: idleRssSoon, idleRssMb: idleRss, restSeconds, importPeakRssMb: importPeakRss, serverVmHwmMb: memoryMb(roster.pid, 'VmHWM'),
      argon2VerifiesPerSec: argon2PerSec, rows,
    };
  } finally {
    await roster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (!opts['no-build']) {
  console.log('building dist/ (tsc)…');
  execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: repoRoot, stdio: 'inherit' });
}
const workDir = mkdtempSync(path.join(os.tmpdir(), 'roster-bench-'));
let cluster: Cluster | null = null;
const reports: RunReport[] = [];
try {
  let clusterUrl: string | null = null;
  if (opts.db === 'postgres') {
    clusterUrl = process.env.BENCH_DATABASE_URL ?? null;
    if (!clusterUrl) {
      const bin = findPostgresBin();
      if (!bin) throw new Error('no PostgreSQL binaries found: set BENCH_DATABASE_URL');
      cluster = await startCluster(bin);
      clusterUrl = cluster.url;
    }
  }
  for (const users of sizes) {
    const report = await runOnce(users, clusterUrl, workDir);
    reports.push(report);
    printRun(report, { pinned: pin });
  }
  if (reports.length > 1) printScaling(reports);
  if (opts.json) {
    const machine = { node: process.version, nproc: os.availableParallelism(), cpu: os.cpus()[0]?.model, memoryMb: Math.round(os.totalmem() / 1048576) };
    writeFileSync(opts.json, JSON.stringify({ machine, pinned: pin ? { server: serverCpu, loadGenerator: clientCpu } : null, runs: reports }, null, 2) + '\n');
  }
} finally {
  cluster?.stop();
  rmSync(workDir, { recursive: true, force: true });
}
