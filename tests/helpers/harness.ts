// A real Roster app on a fresh real database for each test suite: SQLite in a
// temporary file, or a new database on the suite's PostgreSQL.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.js';
import { openPostgres, openSqlite, type DialectName, type Db } from '../../src/db/dialects.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { bootstrap } from '../../src/domain/bootstrap.js';
import { systemCtx } from '../../src/cli/system-ctx.js';
import { buildApp } from '../../src/server/app.js';

export const adminPassword = 'admin-test-password-42';

/** The databases this run covers: both, unless the runner found no PostgreSQL. */
export function databaseKinds(): DialectName[] {
  const only = process.env.ROSTER_TEST_DATABASES;
  return only === 'sqlite' ? ['sqlite'] : ['sqlite', 'postgres'];
}

export async function freshDatabase(kind: DialectName): Promise<{ db: Db; url: string | null; dataDir: string; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'roster-test-'));
  if (kind === 'sqlite') {
    const db = openSqlite(path.join(dataDir, 'roster.db'));
    return { db, url: null, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const base = process.env.ROSTER_TEST_DATABASE_URL;
  if (!base) throw new Error('ROSTER_TEST_DATABASE_URL is not set; run the suite with `npm test`');
  const name = `roster_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString(), 20);
  return {
    db, url: url.toString(), dataDir,
    drop: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestClock {
  now(): number;
  advance(ms: number): void;
}

export function testClock(start = Date.now()): TestClock {
  let offset = 0;
  return { now: () => start + offset + (Date.now() - start), advance: (ms) => { offset += ms; } };
}

export interface TestServer {
  kind: DialectName;
  app: FastifyInstance;
  db: Db;
  config: Config;
  clock: TestClock;
  /** Signs in as the bootstrapped admin (password already chosen). */
  adminToken: string;
  close(): Promise<void>;
}

export async function startServer(kind: DialectName, env: Record<string, string> = {}, logger?: unknown): Promise<TestServer> {
  const fresh = await freshDatabase(kind);
  const config = loadConfig({
    ROSTER_DATA_DIR: fresh.dataDir, ROSTER_ADMIN_PASSWORD: adminPassword, ROSTER_LOG_LEVEL: 'silent',
    // Suites fail sign-ins on purpose from one address; the brute-force tests set their own limits.
    ROSTER_LOGIN_LOCK_AFTER: '1000', ROSTER_LOGIN_LOCK_AFTER_PER_ADDRESS: '100000',
    ...env,
  });
  const clock = testClock();
  await migrateToLatest(fresh.db);
  await bootstrap(systemCtx(config, fresh.db, clock.now));
  const app = await buildApp({ config, db: fresh.db, clock: clock.now, logger: (logger ?? false) as false });
  await app.ready();
  const adminToken = await signIn(app, 'admin', adminPassword);
  return {
    kind, app, db: fresh.db, config, clock, adminToken,
    close: async () => {
      await app.close();
      await fresh.db.close();
      await fresh.drop();
    },
  };
}

export async function signIn(app: FastifyInstance, login: string, password: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in as ${login} failed: ${response.statusCode} ${response.body}`);
  return response.json().sessionToken as string;
}

/** Requests with a bearer session token. */
export function client(app: FastifyInstance, token?: string) {
  const send = (method: InjectOptions['method'], url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    app.inject({
      method, url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    });
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, payload?: unknown) => send('POST', url, payload),
    patch: (url: string, payload?: unknown) => send('PATCH', url, payload),
    put: (url: string, payload?: unknown) => send('PUT', url, payload),
    delete: (url: string) => send('DELETE', url),
  };
}

export type Client = ReturnType<typeof client>;

let counter = 0;
/** A unique, policy-passing email/username pair for a test user. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}${counter}-${randomBytes(3).toString('hex')}@example.com`;
}

export const chosenPassword = 'a-perfectly-fine-passphrase';

/**
 * Creates a user of the given role through the API, signs in with the
 * temporary password and changes it, as a real person would.
 */
export async function createSignedInUser(server: TestServer, siteRole: 'member' | 'auditor' | 'site-manager', email = uniqueEmail(siteRole)) {
  const admin = client(server.app, server.adminToken);
  const created = await admin.post('/api/v1/users', { email, loginType: 'built-in', siteRole });
  if (created.statusCode !== 201) throw new Error(`create failed: ${created.body}`);
  const { user, temporaryPassword } = created.json();
  const firstToken = await signIn(server.app, email, temporaryPassword);
  const changed = await client(server.app, firstToken).put('/api/v1/users/me/password', { currentPassword: temporaryPassword, newPassword: chosenPassword });
  if (changed.statusCode !== 204) throw new Error(`password change failed: ${changed.body}`);
  return { user: user as { id: string; username: string; email: string }, token: firstToken, api: client(server.app, firstToken) };
}
