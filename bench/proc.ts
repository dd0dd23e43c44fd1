// Spawning the measured server processes and reading their cost from /proc.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../tests/helpers/process.js';

const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

export interface Server {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  output(): string;
  stop(): Promise<void>;
}

/** `node ...nodeFlags SCRIPT ...args` (under `taskset -c CPU` when given, which execs: same pid); resolves once `healthPath` answers. */
export async function startServer(script: string, args: string[], env: Record<string, string>, port: number, healthPath: string, cpu: string | null, nodeFlags: string[] = []): Promise<Server> {
  const node = [process.execPath, ...nodeFlags, path.join(repoRoot, script), ...args];
  const [command, ...argv] = cpu === null ? node : ['taskset', '-c', cpu, ...node];
  const child = spawn(command!, argv, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => { out += c; });
  child.stderr!.on('data', (c: Buffer) => { out += c; });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: Server = {
    child, pid: child.pid!, baseUrl, output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited early:\n${out}`);
    if (Date.now() > deadline) { await server.stop(); throw new Error(`${script} not healthy in 60 s:\n${out}`); }
    try {
      if ((await fetch(baseUrl + healthPath, { signal: AbortSignal.timeout(1_000) })).ok) return server;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** utime + stime of a process, in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

export function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** Samples VmRSS every 100 ms until stopped; returns the peak in MB. */
export function sampleRss(pid: number): () => number {
  let peak = memoryMb(pid, 'VmRSS');
  const timer = setInterval(() => { peak = Math.max(peak, memoryMb(pid, 'VmRSS')); }, 100);
  return () => { clearInterval(timer); return Math.max(peak, memoryMb(pid, 'VmRSS')); };
}
