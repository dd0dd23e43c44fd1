// `npm test`: provides PostgreSQL (a throwaway cluster unless
// ROSTER_TEST_DATABASE_URL is set), then runs every *.test.ts under tests/
// with node's test runner on both databases, and every browser flow
// (e2e/**/*.spec.ts) in the same run, after building the web UI they load.
// Under CI=true a missing PostgreSQL or Chromium fails the run instead of
// silently testing less. Given file names, runs just those.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromiumProblem } from '../e2e/helpers/chromium.js';
import { findPostgresBin, startCluster, type Cluster } from './helpers/postgres-cluster.js';

function filesEndingWith(dir: string, suffix: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === 'helpers' ? [] : filesEndingWith(full, suffix);
    return entry.endsWith(suffix) ? [full] : [];
  }).sort();
}

const isSpec = (file: string) => file.endsWith('.spec.ts');
const only = process.argv.slice(2);
const files = only.length ? only : [...filesEndingWith('tests', '.test.ts'), ...filesEndingWith('e2e', '.spec.ts')];
const specs = files.filter(isSpec);
let cluster: Cluster | undefined;
const env = { ...process.env };

// The server tests need PostgreSQL; browser specs run on SQLite alone.
if (files.some((file) => !isSpec(file)) && !env.ROSTER_TEST_DATABASE_URL) {
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

if (specs.length) {
  const problem = chromiumProblem();
  if (problem && env.CI !== 'true') {
    // The specs skip themselves (and say why); under CI=true they fail instead.
    process.stderr.write(`warning: ${problem} Skipping the browser tests.\n`);
  } else {
    // The specs load dist/web through a real server: build it from the current source first.
    const started = Date.now();
    const build = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit', env: process.env });
    if (build.status !== 0) {
      process.stderr.write(`The web UI build failed (${build.error?.message ?? `exit ${build.status ?? build.signal}`}); the browser tests need it.\n`);
      cluster?.stop();
      process.exit(1);
    }
    process.stderr.write(`web UI built for the browser tests in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
}

const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { env, stdio: 'inherit' });
const code: number = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
cluster?.stop();
process.exit(code);
