// Crash safety on SQLite (issue 8): kill the server with SIGKILL in the middle
// of a write load, start it again, and check that the database is whole, that
// every change acknowledged to a client is there, and that every change that
// is there has its audit entry.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { killAll, startRosterServer } from '../helpers/process.js';

const adminPassword = 'crash-test-admin-42';

describe('crash safety on SQLite', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'roster-crash-'));
  after(async () => {
    await killAll();
    rmSync(dir, { recursive: true, force: true });
  });

  test('SIGKILL during a write load loses no acknowledged change and leaves no change without its audit entry', async () => {
    const env = { ROSTER_DATA_DIR: dir, ROSTER_ADMIN_PASSWORD: adminPassword, ROSTER_LOG_LEVEL: 'warn' };
    const server = await startRosterServer(env);
    const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', password: adminPassword }),
    });
    const token = (await login.json()).sessionToken as string;

    const acknowledged: string[] = [];
    let stop = false;
    let n = 0;
    const worker = async () => {
      while (!stop) {
        const email = `crash-${++n}@example.com`;
        try {
          const response = await fetch(`${server.baseUrl}/api/v1/users`, {
            method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ email, loginType: 'oidc' }), signal: AbortSignal.timeout(5_000),
          });
          if (response.status === 201) acknowledged.push(email);
        } catch {
          return; // the server is gone
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    // Let the load build up, then pull the plug without warning.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    server.child.kill('SIGKILL');
    await server.exited;
    stop = true;
    await Promise.all(workers);
    assert.ok(acknowledged.length > 20, `only ${acknowledged.length} creates were acknowledged before the kill`);

    // The database file, as the killed process left it (plus its WAL), is whole.
    const file = new SQLite(path.join(dir, 'roster.db'));
    try {
      assert.equal(file.pragma('integrity_check', { simple: true }), 'ok');
      const present = file.prepare("select id, email from users where email like 'crash-%'").all() as { id: string; email: string }[];
      const emails = new Set(present.map((u) => u.email));
      for (const email of acknowledged) assert.ok(emails.has(email), `${email} was acknowledged but is missing`);
      const audited = new Set((file.prepare("select target_id from audit_log where action = 'create' and resource_type = 'user' and result = 'success'").all() as { target_id: string }[]).map((r) => r.target_id));
      for (const user of present) assert.ok(audited.has(user.id), `${user.email} exists without its audit entry`);
    } finally {
      file.close();
    }

    // And the server starts again on it and serves those users.
    const again = await startRosterServer(env);
    const relogin = await fetch(`${again.baseUrl}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', password: adminPassword }),
    });
    assert.equal(relogin.status, 200);
    const list = await fetch(`${again.baseUrl}/api/v1/users?q=${encodeURIComponent(acknowledged[0]!)}`, { headers: { authorization: `Bearer ${(await relogin.json()).sessionToken}` } });
    assert.equal((await list.json()).users.length, 1);
  });
});
