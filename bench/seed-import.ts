// Seeding through the front door a real migration uses: the users go in with
// `roster users import` (the built CLI, over HTTP, with an API token), from a
// deterministic JSON-lines file of OIDC users (bench/import-file.ts).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../tests/helpers/process.js';
import { peopleOf, writeImportFile } from './import-file.js';

export interface Seeded {
  /** Wall time of the import command alone (not of writing the file). */
  seconds: number;
  summary: Record<string, unknown>;
}

/** Writes the file, then times `roster users import FILE` against the server (on `cpu` when given). */
export async function importUsers(baseUrl: string, token: string, count: number, dir: string, cpu: string | null): Promise<Seeded> {
  const file = path.join(dir, `people-${count}.jsonl`);
  await writeImportFile(file, count);
  const node = [process.execPath, path.join(repoRoot, 'dist/cli/main.js'), 'users', 'import', file, '-o', 'json'];
  const [command, ...argv] = cpu === null ? node : ['taskset', '-c', cpu, ...node];
  const started = performance.now();
  const child = spawn(command!, argv, { env: { ...process.env, ROSTER_URL: baseUrl, ROSTER_TOKEN: token }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => { stdout += c; });
  child.stderr.on('data', (c: Buffer) => { stderr += c; });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`roster users import exited ${code}:\n${stderr.slice(-2000)}\n${stdout.slice(-2000)}`);
  return { seconds, summary: JSON.parse(stdout) as Record<string, unknown> };
}

/** The local part of a person in the middle of the file: a search that matches a handful of users. */
export function rareTerm(count: number): string {
  const next = peopleOf(7);
  let person = next(0);
  for (let i = 1; i <= Math.floor(count / 2); i++) person = next(i);
  return person.email.split('@')[0]!;
}
