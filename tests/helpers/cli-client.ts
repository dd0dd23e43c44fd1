// The `roster` client commands under test: a real `roster server` process on a
// fresh database, an API token for its admin, and a way to run the real CLI
// against it with a config folder of its own.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DialectName } from '../../src/db/dialects.js';
import { freshDatabase } from './harness.js';
import { runRoster, startRosterServer, type RunningServer } from './process.js';

export const adminPassword = 'cli-admin-password-42';
const requestTimeout = 10_000;

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface ApiResponse {
  status: number;
  /** Parsed JSON, loosely typed: tests assert on its shape. */
  body: any;
}

/** Plain HTTP to the server with a bearer token, to set things up and check what the CLI did. */
export function httpApi(baseUrl: string, token: string) {
  const send = async (method: string, url: string, payload?: unknown): Promise<ApiResponse> => {
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      body: payload === undefined ? undefined : JSON.stringify(payload),
      signal: AbortSignal.timeout(requestTimeout),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, payload: unknown = {}) => send('POST', url, payload),
    patch: (url: string, payload: unknown) => send('PATCH', url, payload),
    put: (url: string, payload: unknown) => send('PUT', url, payload),
    delete: (url: string) => send('DELETE', url),
  };
}

export type HttpApi = ReturnType<typeof httpApi>;

export async function signIn(baseUrl: string, login: string, password: string) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
    signal: AbortSignal.timeout(requestTimeout),
  });
  return { status: response.status, body: await response.json() as { sessionToken?: string; mustChangePassword?: boolean; code?: string } };
}

/** A new API token of the signed-in user, made over HTTP as a person would in the web UI. */
export async function createApiToken(baseUrl: string, sessionToken: string, name: string): Promise<string> {
  const created = await httpApi(baseUrl, sessionToken).post('/api/v1/users/me/tokens', { name });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body.token as string;
}

export interface ClientFixture {
  server: RunningServer;
  baseUrl: string;
  /** An API token of the site admin. */
  token: string;
  /** The same as plain HTTP, for setting up and checking. */
  api: HttpApi;
  /** A fresh, empty folder for ROSTER_CONFIG_DIR. */
  configDir(): string;
  /** Runs `roster …args` as a script would: ROSTER_URL and ROSTER_TOKEN set, an empty config folder, no terminal. */
  roster(args: string[], env?: Record<string, string>, input?: string): Promise<CliResult>;
  close(): Promise<void>;
}

export async function startClientFixture(kind: DialectName): Promise<ClientFixture> {
  const fresh = await freshDatabase(kind);
  await fresh.db.close();
  const folders: string[] = [];
  const configDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'roster-cli-config-'));
    folders.push(dir);
    return dir;
  };
  let server: RunningServer | undefined;
  try {
    server = await startRosterServer({
      ROSTER_DATA_DIR: path.join(fresh.dataDir, 'data'), ROSTER_LOG_LEVEL: 'warn', ROSTER_ADMIN_PASSWORD: adminPassword,
      ...(fresh.url ? { ROSTER_DATABASE_URL: fresh.url } : {}),
    });
    const session = await signIn(server.baseUrl, 'admin', adminPassword);
    assert.equal(session.status, 200, JSON.stringify(session.body));
    const token = await createApiToken(server.baseUrl, session.body.sessionToken!, 'cli-tests');
    const baseUrl = server.baseUrl;
    const scriptDir = configDir();
    return {
      server, baseUrl, token, configDir,
      api: httpApi(baseUrl, token),
      roster: (args, env = {}, input) => runRoster(args, { ROSTER_CONFIG_DIR: scriptDir, ROSTER_URL: baseUrl, ROSTER_TOKEN: token, ...env }, 30_000, { input }),
      close: async () => {
        await server?.kill();
        await fresh.drop();
        for (const dir of folders) rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server?.kill();
    await fresh.drop();
    throw error;
  }
}

/** Asserts a zero exit, showing what the command printed when it was not. */
export function assertOk(result: CliResult, what = 'the command'): CliResult {
  assert.equal(result.code, 0, `${what} exited ${result.code}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`);
  return result;
}

/** Asserts the given exit code with nothing on stdout (scripts read stdout as data). */
export function assertFails(result: CliResult, code: number, stderr?: RegExp): CliResult {
  assert.equal(result.code, code, `expected exit ${code}, got ${result.code}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`);
  assert.equal(result.stdout, '', 'nothing on stdout when a command fails');
  if (stderr) assert.match(result.stderr, stderr);
  return result;
}

/** The value on the line `Label: value` of the output. */
export function labelled(stdout: string, label: string): string | undefined {
  return stdout.split('\n').find((line) => line.startsWith(`${label}: `))?.slice(label.length + 2);
}

/** The rows of a borderless table, keyed by the column names (each column starts where its name does). */
export function tableRows(stdout: string): Record<string, string>[] {
  const [head, ...rows] = stdout.split('\n').filter((line) => line.trim() !== '');
  const starts = [...head!.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], at: m.index }));
  return rows.map((row) => Object.fromEntries(starts.map(({ name, at }, i) => [name, row.slice(at, starts[i + 1]?.at).trim()])));
}
