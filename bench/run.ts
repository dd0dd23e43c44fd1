// `npm run bench -- [--db sqlite|postgres] [--users N] [--duration S] [--json FILE] [--no-pin]`
// Starts a real Roster server, seeds N users, drives it with autocannon and prints one table.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Table from 'cli-table3';
import { openPostgres, openSqlite } from '../src/db/dialects.js';
import { findPostgresBin, startCluster, type Cluster } from '../tests/helpers/postgres-cluster.js';
import { freePort, repoRoot } from '../tests/helpers/process.js';
import { cpuSeconds, memoryMb, sampleRss, startServer, type Server } from './proc.js';
import { seededUsername, seedUsers } from './seed.js';

const { values: opts } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    users: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    json: { type: 'string' },
    'no-pin': { type: 'boolean', default: false },
  },
});
const userCount = Number(opts.users);
const duration = Number(opts.duration);
if (opts.db !== 'sqlite' && opts.db !== 'postgres') throw new Error('--db is sqlite or postgres');
// On two or more cores: the server on CPU 0 (the issue's "one server core"), this load generator on CPU 1.
const pin = !opts['no-pin'] && os.availableParallelism() >= 2;
const serverCpu = pin ? '0' : null;
if (pin) execFileSync('taskset', ['-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
const adminEmail = 'admin@roster.local';
const adminPassword = 'bench-admin-Passw0rd-not-common';

interface Row {
  scenario: string; connections: number; reqPerSec: number; p50: number; p99: number; max: number;
  cpuPercent: number; peakRssMb: number; eventLoopP99Ms: number | null; ratio: number | null;
  statusCounts: Record<string, number>; errors: number; timeouts: number;
}
interface Scenario { name: string; connections: number; request: autocannon.Request; headers?: Record<string, string> }

/** prom-client resets its event-loop histogram on every scrape, so a scrape before and one after frame the run. */
async function eventLoopP99Ms(server: Server): Promise<number | null> {
  const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
  const match = /^roster_nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(text);
  return match ? Number(match[1]) * 1000 : null;
}

async function measure(server: Server, s: Scenario, withMetrics: boolean): Promise<Row> {
  // Warm-up (JIT, lazily loaded modules, caches), not measured.
  await autocannon({ url: server.baseUrl, connections: s.connections, duration: Math.min(2, duration), headers: s.headers, requests: [s.request], timeout: 10 });
  if (withMetrics) await eventLoopP99Ms(server);
  const cpuBefore = cpuSeconds(server.pid);
  const peak = sampleRss(server.pid);
  const started = performance.now();
  const result = await autocannon({
    url: server.baseUrl, connections: s.connections, duration, headers: s.headers, requests: [s.request], timeout: 10,
  });
  const wall = (performance.now() - started) / 1000;
  const cpuPercent = ((cpuSeconds(server.pid) - cpuBefore) / wall) * 100;
  const peakRssMb = peak();
  const statusCounts = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [code, v.count ?? 0]));
  return {
    scenario: s.name, connections: s.connections, reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99,
    max: result.latency.max, cpuPercent, peakRssMb, eventLoopP99Ms: withMetrics ? await eventLoopP99Ms(server) : null, ratio: null,
    statusCounts, errors: result.errors, timeouts: result.timeouts,
  };
}

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

const rows: Row[] = [];
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'roster-bench-'));
let cluster: Cluster | null = null;
let roster: Server | null = null;
try {
  // 1. The ceiling, then raw argon2id on the same core.
  const helloPort = await freePort();
  const hello = await startServer('bench/hello-server.ts', [], { PORT: String(helloPort) }, helloPort, '/', serverCpu);
  try {
    rows.push(await measure(hello, { name: 'hello-world ceiling', connections: 10, request: { method: 'GET', path: '/' } }, false));
  } finally { await hello.stop(); }
  const ceiling = rows[0]!.reqPerSec;
  const argon2PerSec = argon2Ceiling();

  // 2. Roster on a fresh database.
  let databaseUrl: string | null = null;
  if (opts.db === 'postgres') {
    databaseUrl = process.env.BENCH_DATABASE_URL ?? null;
    if (!databaseUrl) {
      const bin = findPostgresBin();
      if (!bin) throw new Error('no PostgreSQL binaries found: set BENCH_DATABASE_URL');
      cluster = await startCluster(bin);
      databaseUrl = cluster.url;
    }
  }
  const port = await freePort();
  roster = await startServer('src/cli/main.ts', ['server'], {
    ROSTER_ADDRESS: `127.0.0.1:${port}`, ROSTER_DATA_DIR: dataDir, ROSTER_ADMIN_EMAIL: adminEmail, ROSTER_ADMIN_PASSWORD: adminPassword,
    ROSTER_LOG_LEVEL: 'warn', ROSTER_LOGIN_LOCK_AFTER: '9999999', ROSTER_LOGIN_LOCK_AFTER_PER_ADDRESS: '9999999',
    ...(databaseUrl ? { ROSTER_DATABASE_URL: databaseUrl } : {}),
  }, port, '/healthz', serverCpu);
  const idleRssBeforeSeed = memoryMb(roster.pid, 'VmRSS');

  // 3. Seed.
  const db = databaseUrl ? openPostgres(databaseUrl) : openSqlite(path.join(dataDir, 'roster.db'));
  const seedMs = await seedUsers(db, userCount);
  await db.close();
  console.log(`seeded ${userCount} OIDC users in ${(seedMs / 1000).toFixed(1)} s (${Math.round(userCount / (seedMs / 1000))} users/s; batched inserts, not \`roster users import\`)`);

  // 4. The admin's session, ~20 built-in users for the storm, a cursor for page 2.
  const admin = (await api(roster, 'POST', '/api/v1/auth/login', { login: adminEmail, password: adminPassword })).cookie!;
  const logins: string[] = [];
  for (let i = 0; i < 20; i++) {
    const { json } = await api(roster, 'POST', '/api/v1/users', { email: `storm-${i}@example.com`, loginType: 'built-in', name: `Storm ${i}` }, admin);
    logins.push(JSON.stringify({ login: `storm-${i}@example.com`, password: json.temporaryPassword as string }));
  }
  const first = await api(roster, 'GET', '/api/v1/users?limit=25', undefined, admin);
  const cursor = first.json.nextCursor as string;
  const rare = seededUsername(Math.floor(userCount / 2)).split('.').slice(1).join('.'); // e.g. "turing.5000": a handful of matches
  const idleRss = memoryMb(roster.pid, 'VmRSS');

  // 5. The scenarios, one at a time.
  const get = (p: string) => ({ method: 'GET' as const, path: p });
  let next = 0;
  const scenarios: Scenario[] = [
    { name: 'session check GET /users/me', connections: 10, request: get('/api/v1/users/me'), headers: { cookie: admin } },
    { name: 'users page 1 (limit 25)', connections: 10, request: get('/api/v1/users?limit=25'), headers: { cookie: admin } },
    { name: 'users page 2 (cursor)', connections: 10, request: get(`/api/v1/users?limit=25&cursor=${cursor}`), headers: { cookie: admin } },
    { name: `search "${rare} role:member"`, connections: 10, request: get(`/api/v1/users?limit=25&q=${encodeURIComponent(`${rare} role:member`)}`), headers: { cookie: admin } },
    { name: 'search "son role:member"', connections: 10, request: get(`/api/v1/users?limit=25&q=${encodeURIComponent('son role:member')}`), headers: { cookie: admin } },
    {
      name: 'sign-in storm (20 users)', connections: 50, headers: { 'content-type': 'application/json' },
      request: { method: 'POST', path: '/api/v1/auth/login', setupRequest: (req) => ({ ...req, body: logins[next++ % logins.length] }) },
    },
  ];
  for (const s of scenarios) {
    console.log(`running: ${s.name} (${duration} s, ${s.connections} connections)`);
    rows.push(await measure(roster, s, true));
  }
  for (const row of rows) row.ratio = row.reqPerSec / ceiling;
  const hwm = memoryMb(roster.pid, 'VmHWM');

  // 6. Report.
  const fmt = (n: number | null, d = 1) => (n === null ? '–' : n.toFixed(d));
  const table = new Table({ head: ['scenario', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'CPU %', 'peak RSS MB', 'ELD p99 ms', '× ceiling', 'statuses'], style: { head: [], border: [] } });
  for (const r of rows) {
    table.push([r.scenario, r.connections, fmt(r.reqPerSec, 0), fmt(r.p50), fmt(r.p99), fmt(r.max, 0), fmt(r.cpuPercent, 0), fmt(r.peakRssMb, 0),
      fmt(r.eventLoopP99Ms), fmt(r.ratio, 2), Object.entries(r.statusCounts).map(([c, n]) => `${c}:${n}`).join(' ') + (r.errors ? ` err:${r.errors}` : '')]);
  }
  const storm = rows.at(-1)!;
  const stormOkPerSec = (storm.statusCounts['200'] ?? 0) / duration;
  const summary = {
    db: opts.db, users: userCount, durationSeconds: duration, pinned: pin ? { server: serverCpu, loadGenerator: '1' } : null,
    node: process.version, nproc: os.availableParallelism(), seedSeconds: seedMs / 1000,
    idleRssMbBeforeSeed: idleRssBeforeSeed, idleRssMb: idleRss, serverVmHwmMb: hwm,
    argon2VerifiesPerSec: argon2PerSec, stormOkPerSec, stormOkVsArgon2: stormOkPerSec / argon2PerSec, rows,
  };
  console.log(`\n${opts.db}, ${userCount} users, ${duration} s per scenario, server ${pin ? 'on CPU 0, load generator on CPU 1' : 'unpinned'}, Node ${process.version}`);
  console.log(table.toString());
  console.log(`seed: ${summary.seedSeconds.toFixed(1)} s | idle RSS: ${idleRss.toFixed(0)} MB (${idleRssBeforeSeed.toFixed(0)} MB before seeding) | server VmHWM: ${hwm.toFixed(0)} MB`);
  console.log(`argon2id verify ceiling on the server core: ${argon2PerSec.toFixed(1)}/s | storm 200s: ${stormOkPerSec.toFixed(1)}/s = ${(summary.stormOkVsArgon2 * 100).toFixed(0)} %`);
  if (opts.json) writeFileSync(opts.json, JSON.stringify(summary, null, 2) + '\n');
} finally {
  await roster?.stop();
  cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
