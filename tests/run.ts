// `npm test`: provides PostgreSQL (a throwaway cluster unless
// ROSTER_TEST_DATABASE_URL is set), then runs every *.test.ts under tests/
// with node's test runner on both databases. Under CI=true a missing
// PostgreSQL fails the run instead of silently testing SQLite alone.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { findPostgresBin, startCluster, type Cluster } from './helpers/postgres-cluster.js';

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === 'helpers' ? [] : testFiles(full);
    return entry.endsWith('.test.ts') ? [full] : [];
  }).sort();
}

const only = process.argv.slice(2);
const files = only.length ? only : testFiles('tests');
let cluster: Cluster | undefined;
const env = { ...process.env };

if (!env.ROSTER_TEST_DATABASE_URL) {
  const bin = findPostgresBin();
  if (bin) {
    cluster = await startCluster(bin);
    env.ROSTER_TEST_DATABASE_URL = cluster.url;
  } else if (env.CI === 'true') {
    process.stderr.write('PostgreSQL is not installed, and CI=true: the PostgreSQL half of the suite cannot be skipped.\n');
    process.exit(1);
  } else {
    process.stderr.write('warning: PostgreSQL not found; running the SQLite half of the suite only.\n');
    env.ROSTER_TEST_DATABASES = 'sqlite';
  }
}

const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { env, stdio: 'inherit' });
const code: number = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
cluster?.stop();
process.exit(code);
