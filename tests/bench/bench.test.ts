// `npm run bench` end to end, at a small size (issue 7): it builds dist/,
// starts the real servers, imports users through `roster users import`,
// drives every scenario with autocannon and writes its JSON. The figures are
// not judged here (bench/RESULTS.md holds a real run's); what must hold is
// that every scenario ran and was answered as it should be.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import type { RunReport } from '../../bench/report.js';
import { databaseKinds } from '../helpers/harness.js';
import { repoRoot } from '../helpers/process.js';

const scenarios = [
  'hello-world ceiling', 'hello-world + 50 µs of CPU', 'session check GET /users/me', 'users page 1 (limit 25)', 'users page 2 (cursor)',
  'search rare word + role:member', 'search "son" + role:member', 'search "son" + role:site-manager',
  'sign-in storm, 50 conns (20 users)', 'sign-in storm, 200 conns (20 users)',
];

async function bench(args: string[], env: Record<string, string> = {}): Promise<{ runs: RunReport[]; output: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'roster-bench-test-'));
  try {
    const json = path.join(dir, 'bench.json');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args, '--json', json], {
      cwd: repoRoot, env: { ...process.env, ...env }, timeout: 240_000, maxBuffer: 16 * 1024 * 1024,
    });
    return { ...(JSON.parse(readFileSync(json, 'utf8')) as { runs: RunReport[] }), output: stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function assertCompleteRun(run: RunReport, users: number): void {
  assert.equal(run.users, users);
  assert.equal(run.importSummary.created, users);
  assert.equal(run.importSummary.failed, 0);
  assert.ok(run.argon2VerifiesPerSec > 0 && run.idleRssMb > 0 && run.serverVmHwmMb >= run.idleRssMb);
  assert.deepEqual(run.rows.map((row) => row.scenario), scenarios);
  assert.equal(run.rows[0]!.ratio, 1);
  for (const row of run.rows) {
    const statuses = Object.keys(row.statusCounts);
    assert.ok(row.reqPerSec > 0 && row.errors === 0, `${row.scenario}: ${JSON.stringify(row)}`);
    if (row.scenario.startsWith('sign-in storm')) {
      // Sign-ins are hashed, or refused at once when the queue is full: nothing else.
      assert.ok(statuses.every((status) => status === '200' || status === '503'), `${row.scenario}: ${statuses}`);
    } else {
      assert.deepEqual(statuses, ['200'], `${row.scenario}: every request answered 200`);
    }
  }
  const storm = run.rows.find((row) => row.scenario === 'sign-in storm, 50 conns (20 users)')!;
  assert.ok(storm.statusCounts['200']! > 0, 'the 50-connection storm signed people in');
}

describe('the benchmark, end to end', () => {
  test('SQLite, 200 users, a second per scenario: every scenario runs and the table and JSON are written', { timeout: 300_000 }, async () => {
    const { runs, output } = await bench(['--users', '200', '--duration', '1', '--rest', '2', '--no-pin']);
    assert.equal(runs.length, 1);
    assertCompleteRun(runs[0]!, 200);
    assert.match(output, /sqlite, 200 users, 1 s per scenario/);
    assert.match(output, /argon2id verify ceiling on the server core: [\d.]+\/s \| 50 conns: \d+ %/);
  });

  test('PostgreSQL, two sizes: each on a database of its own, with the scaling table', { timeout: 300_000, skip: !databaseKinds().includes('postgres') }, async () => {
    const { runs, output } = await bench(['--db', 'postgres', '--users', '100,300', '--duration', '1', '--rest', '2', '--no-pin'], {
      BENCH_DATABASE_URL: process.env.ROSTER_TEST_DATABASE_URL!,
    });
    assert.equal(runs.length, 2);
    assertCompleteRun(runs[0]!, 100);
    assertCompleteRun(runs[1]!, 300);
    assert.match(output, /Scaling \(postgres\)/);
  });
});
