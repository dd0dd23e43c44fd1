// GET /api/v1/users/export.csv: the filtered users list as CSV (SPEC §1.7, issue 9).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { client, createSignedInUser, databaseKinds, startServer, type Client, type TestServer } from '../helpers/harness.js';

for (const kind of databaseKinds()) {
  describe(`users CSV export [${kind}]`, () => {
    let server: TestServer;
    let admin: Client;
    before(async () => {
      server = await startServer(kind);
      admin = client(server.app, server.adminToken);
    });
    after(async () => { await server.close(); });

    test('exports exactly the users the filter matches, every one, formula-safe', async () => {
      for (let i = 0; i < 7; i++) await admin.post('/api/v1/users', { email: `export-${i}@example.com`, loginType: 'oidc', siteRole: i % 2 ? 'auditor' : 'member', name: i === 0 ? '=cmd()' : `Export ${i}` });
      const response = await admin.get(`/api/v1/users/export.csv?q=${encodeURIComponent('export- role:member')}`);
      assert.equal(response.statusCode, 200, response.body);
      assert.match(String(response.headers['content-disposition']), /roster-users-.*\.csv/);
      const rows = parse(response.body, { columns: true }) as Record<string, string>[];
      assert.deepEqual(rows.map((r) => r.email).sort(), ['export-0@example.com', 'export-2@example.com', 'export-4@example.com', 'export-6@example.com']);
      assert.ok(rows.every((r) => r.site_role === 'member' && r.organizations === 'Default'));
      assert.equal(rows.find((r) => r.email === 'export-0@example.com')!.name, "'=cmd()");
    });

    test('walks past one batch, and refuses a bad filter before any CSV', async () => {
      const values = Array.from({ length: 620 }, (_, i) => ({
        id: `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`, username: `bulk-${i}`, email: `bulk-${i}@example.com`, name: `Bulk ${i}`,
        login_type: 'oidc' as const, site_role: 'member' as const, status: 'active' as const, suspended_reason: null, suspended_until: null,
        must_change_password: 0, password_hash: null, password_expires_at: null, oidc_issuer: null, oidc_subject: null,
        created_at: 1_700_000_000_000 + i, updated_at: 1_700_000_000_000, last_seen_at: null, deleted_at: null,
      }));
      for (let i = 0; i < values.length; i += 100) await server.db.kysely.insertInto('users').values(values.slice(i, i + 100)).execute();
      const rows = parse((await admin.get('/api/v1/users/export.csv?q=bulk-')).body, { columns: true }) as Record<string, string>[];
      assert.equal(rows.length, 620);
      assert.equal(new Set(rows.map((r) => r.id)).size, 620);
      const bad = await admin.get('/api/v1/users/export.csv?q=colour:blue');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().code, 'BAD_FILTER');
      const member = await createSignedInUser(server, 'member');
      assert.equal((await member.api.get('/api/v1/users/export.csv')).statusCode, 403);
    });
  });
}
