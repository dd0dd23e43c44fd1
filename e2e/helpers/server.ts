// A real `roster server` process on a fresh SQLite data folder, serving the
// built web UI, for one spec file.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, startRosterServer, type RunningServer } from '../../tests/helpers/process.js';

export const webIndex = path.join(repoRoot, 'dist', 'web', 'index.html');

/** The browser tests load the built UI: refuse to start without it. */
export function requireBuiltUi(): void {
  if (!existsSync(webIndex)) {
    throw new Error(`The web UI is not built (${path.relative(repoRoot, webIndex)} is missing). `
      + 'Run the browser tests through `npm test` (it builds the UI first), '
      + 'or build it yourself with `npx vite build --config web/vite.config.ts`.');
  }
}

/** A password the policy accepts and nothing else in the output contains. */
export function strongPassword(label = 'pw'): string {
  return `${label}-${randomBytes(9).toString('base64url')}-ok`;
}

export interface E2eServer {
  baseUrl: string;
  adminEmail: string;
  /** The temporary password printed on first start, or the configured one. */
  adminPassword: string;
  /** True when adminPassword is the printed temporary one (the UI forces its change). */
  adminMustChange: boolean;
  process: RunningServer;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /**
   * The admin's password through ROSTER_ADMIN_PASSWORD, so the admin signs in
   * without the forced change. Null: let the server print a temporary one.
   */
  adminPassword: string | null;
}

export async function startServer({ adminPassword }: ServerOptions): Promise<E2eServer> {
  requireBuiltUi();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'roster-e2e-'));
  const env: Record<string, string> = { ROSTER_DATA_DIR: path.join(dataDir, 'data'), ROSTER_LOG_LEVEL: 'warn' };
  if (adminPassword !== null) env.ROSTER_ADMIN_PASSWORD = adminPassword;
  let server: RunningServer;
  try {
    server = await startRosterServer(env, [], 30_000);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const stop = async () => {
    await server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // Printed before the server listens, so already there once it answers.
    const emailLine = await server.waitForLine((l) => l.startsWith('Admin email: '), 5_000);
    const adminEmail = emailLine.slice('Admin email: '.length).trim();
    let password = adminPassword;
    if (password === null) {
      const line = await server.waitForLine((l) => l.startsWith('Admin password: '), 5_000);
      password = line.slice('Admin password: '.length).trim();
    }
    return { baseUrl: server.baseUrl, adminEmail, adminPassword: password, adminMustChange: adminPassword === null, process: server, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
