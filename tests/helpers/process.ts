// The real `roster` CLI as a child process: spawn it, wait for its port or its
// exit, read what it printed, and make sure it is gone when a test ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The node flags `npm start` runs the server with, read from package.json (the bench starts the server with them). */
export function npmStartNodeFlags(): string[] {
  const start = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const match = /\bnode((?: --\S+)*) dist\/cli\/main\.js server\b/.exec(start);
  if (!match) throw new Error(`cannot read the server's node flags from the start script: ${start}`);
  return match[1]!.trim().split(' ').filter(Boolean);
}
const mainScript = path.join(repoRoot, 'src/cli/main.ts');

/** A port nobody listens on right now (the OS picks it for port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RosterProcess {
  child: ChildProcess;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited and its output streams have ended. */
  exited: Promise<Exit>;
  /** Resolves with the first stdout line that passes `match`; rejects on exit or after `timeoutMs`. */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit; rejects after `timeoutMs` (the process keeps running). */
  waitForExit(timeoutMs?: number): Promise<Exit>;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. Safe to call twice. */
  kill(graceMs?: number): Promise<Exit>;
}

const running = new Set<RosterProcess>();

// A crashed test run must not leave servers behind.
process.on('exit', () => {
  for (const p of running) p.child.kill('SIGKILL');
});

/** Kills every roster process a test spawned and has not yet seen exit. */
export async function killAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.kill()));
}

/** The test process's environment minus anything that would configure Roster or node:test in the child. */
export function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('ROSTER_') || key.startsWith('NODE_TEST')) continue;
    env[key] = value;
  }
  return env;
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string, context: () => string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${context()}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface SpawnOptions {
  /** Written to standard input, which is then closed; without it, standard input is empty (and never a terminal). */
  input?: string;
}

/** Spawns `node --import tsx src/cli/main.ts ...args` with only the given ROSTER_* environment. */
export function spawnRoster(args: string[], env: Record<string, string> = {}, options: SpawnOptions = {}): RosterProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', mainScript, ...args], {
    cwd: repoRoot,
    env: { ...baseEnv(), ...env },
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  // A child that exits without reading its input closes the pipe: that is its business, not a test failure.
  if (options.input !== undefined) child.stdin!.on('error', () => {}).end(options.input);
  let out = '';
  let err = '';
  const lineWaiters = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const wake of lineWaiters) wake();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { err += chunk; });
  // 'close' comes after both streams have ended, so the output is complete.
  const exited = new Promise<Exit>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  const describe = () => `roster ${args.join(' ')}\n--- stdout ---\n${out}\n--- stderr ---\n${err}`;

  const proc: RosterProcess = {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForLine(match, timeoutMs = 15_000) {
      const found = new Promise<string>((resolve, reject) => {
        const look = () => {
          const line = out.split('\n').slice(0, -1).find(match);
          if (line !== undefined) {
            lineWaiters.delete(look);
            resolve(line);
          }
        };
        lineWaiters.add(look);
        look();
        void exited.then(() => {
          look();
          lineWaiters.delete(look);
          reject(new Error(`process exited before printing the awaited line\n${describe()}`));
        });
      });
      return withTimeout(found, timeoutMs, 'a line on stdout', describe);
    },
    waitForExit(timeoutMs = 15_000) {
      return withTimeout(exited, timeoutMs, 'the process to exit', describe);
    },
    async kill(graceMs = 5_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      return exited;
    },
  };
  running.add(proc);
  void exited.then(() => running.delete(proc));
  return proc;
}

/** Runs a command to its end (killed after `timeoutMs`) and returns its exit and output. */
export async function runRoster(args: string[], env: Record<string, string> = {}, timeoutMs = 30_000, options: SpawnOptions = {}) {
  const proc = spawnRoster(args, env, options);
  try {
    const exit = await proc.waitForExit(timeoutMs);
    return { ...exit, stdout: proc.stdout(), stderr: proc.stderr() };
  } finally {
    await proc.kill();
  }
}

export interface RunningServer extends RosterProcess {
  port: number;
  baseUrl: string;
}

/** Resolves once `${baseUrl}/healthz` answers 200; rejects if the process exits first or after `timeoutMs`. */
export async function waitUntilHealthy(proc: RosterProcess, baseUrl: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void proc.exited.then(() => { exited = true; });
  while (!exited) {
    if (Date.now() > deadline) throw new Error(`roster server did not answer ${baseUrl}/healthz within ${timeoutMs} ms\n--- stdout ---\n${proc.stdout()}\n--- stderr ---\n${proc.stderr()}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const exit = await proc.exited;
  throw new Error(`roster server exited (code ${exit.code}, signal ${exit.signal}) before it answered\n--- stdout ---\n${proc.stdout()}\n--- stderr ---\n${proc.stderr()}`);
}

/**
 * Starts `roster server` on a free port of 127.0.0.1 and resolves once
 * /healthz answers; rejects (and kills it) if it exits or is not up in time.
 */
export async function startRosterServer(env: Record<string, string>, args: string[] = [], timeoutMs = 30_000): Promise<RunningServer> {
  const port = await freePort();
  const proc = spawnRoster(['server', ...args], { ROSTER_ADDRESS: `127.0.0.1:${port}`, ...env });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilHealthy(proc, baseUrl, timeoutMs);
  } catch (error) {
    await proc.kill();
    throw error;
  }
  return Object.assign(proc, { port, baseUrl });
}
