// GET /api/v1/audit/export.csv (SPEC §5): filtered, streamed, formula-safe.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { newId } from '../../src/domain/ids.js';
import { client, createSignedInUser, databaseKinds, startServer, type TestServer } from '../helpers/harness.js';

for (const kind of databaseKinds()) {
  describe(`audit CSV export [${kind}]`, () => {
    let server: TestServer;
    before(async () => { server = await startServer(kind); });
    after(async () => { await server.close(); });

    test('exports the filtered entries as CSV that parses back, newest first', async () => {
      const member = await createSignedInUser(server, 'member');
      const response = await client(server.app, server.adminToken).get(`/api/v1/audit/export.csv?target=${member.user.id}`);
      assert.equal(response.statusCode, 200, response.body);
      assert.match(String(response.headers['content-type']), /^text\/csv/);
      assert.match(String(response.headers['content-disposition']), /attachment; filename="roster-audit-.*\.csv"/);
      const rows = parse(response.body, { columns: true }) as Record<string, string>[];
      assert.deepEqual(rows.map((r) => r.action), ['password_change', 'login', 'create']);
      assert.ok(rows.every((r) => r.target_id === member.user.id));
      assert.deepEqual(JSON.parse(rows[0]!.diff!).password, ['******', '******']);
    });

    test('cells that a spreadsheet would run as formulas are neutralised', async () => {
      await server.app.inject({
        method: 'POST', url: '/api/v1/auth/login', payload: { login: '=HYPERLINK("https://evil.example","x")', password: 'whatever-password' },
        headers: { 'user-agent': '+cmd|/C calc!A0' },
      });
      const csv = (await client(server.app, server.adminToken).get('/api/v1/audit/export.csv?action=login_failed')).body;
      const [row] = parse(csv, { columns: true }) as Record<string, string>[];
      assert.equal(row!.target_name, '\'=HYPERLINK("https://evil.example","x")');
      assert.equal(row!.user_agent, "'+cmd|/C calc!A0");
    });

    test('streams every entry in batches, over real HTTP, without a Content-Length', async () => {
      const now = Date.now();
      const rows = Array.from({ length: 1234 }, (_, i) => ({
        id: newId(now - 1_000_000 + i), time: now - 1_000_000 + i, actor_id: null, actor_email: null, ip: null, user_agent: null,
        action: 'bulk_test', resource_type: 'user', target_id: null, target_name: `row-${i}`, result: 'success' as const, reason: null, diff: null,
      }));
      for (let i = 0; i < rows.length; i += 200) await server.db.kysely.insertInto('audit_log').values(rows.slice(i, i + 200)).execute();
      const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
      const response = await fetch(`${address}/api/v1/audit/export.csv?action=bulk_test`, { headers: { authorization: `Bearer ${server.adminToken}` } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-length'), null, 'streamed, not buffered');
      const parsed = parse(await response.text(), { columns: true }) as Record<string, string>[];
      assert.equal(parsed.length, 1234);
      assert.equal(new Set(parsed.map((r) => r.target_name)).size, 1234, 'each entry exactly once across batches');
      assert.equal(parsed[0]!.target_name, 'row-1233');
    });

    test('auditors export; members may not', async () => {
      const auditor = await createSignedInUser(server, 'auditor');
      const member = await createSignedInUser(server, 'member');
      assert.equal((await auditor.api.get('/api/v1/audit/export.csv?action=login')).statusCode, 200);
      assert.equal((await member.api.get('/api/v1/audit/export.csv')).statusCode, 403);
    });
  });
}
