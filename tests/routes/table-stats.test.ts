// After a bulk import the planner must not go on believing the user tables
// empty (it would sort whole tables where an index walk is due): the import
// refreshes their statistics once its writes pause (src/domain/table-stats.ts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { client, databaseKinds, startServer, signIn, adminPassword, type TestServer } from '../helpers/harness.js';

for (const kind of databaseKinds()) {
  describe(`planner statistics after an import [${kind}]`, () => {
    let server: TestServer;
    before(async () => { server = await startServer(kind); });
    after(async () => { await server.close(); });

    async function analyzed(): Promise<boolean> {
      const rows = kind === 'sqlite'
        ? (await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(server.db.kysely)).rows[0]!.n > 0
          && (await sql<{ n: number }>`select count(*) as n from sqlite_stat1 where tbl = 'users'`.execute(server.db.kysely)).rows[0]!.n > 0
        // PostgreSQL also vacuums the new rows, so that index-only scans over them need not read the table.
        : (await sql<{ at: unknown }>`select case when last_vacuum is not null then coalesce(last_analyze, last_autoanalyze) end as at from pg_stat_user_tables where relname = 'users'`.execute(server.db.kysely)).rows[0]?.at != null;
      return rows;
    }

    test('a few hundred imported users get the user tables analyzed (and on PostgreSQL vacuumed) within seconds', async () => {
      assert.equal(await analyzed(), false, 'no statistics before the import');
      const admin = client(server.app, await signIn(server.app, 'admin', adminPassword));
      const rows = Array.from({ length: 300 }, (_, i) => ({ line: i + 2, email: `stats-${i}@example.com`, name: `Stats ${i}` }));
      const answer = await admin.post('/api/v1/users/import', { rows });
      assert.equal(answer.statusCode, 200, answer.body);
      assert.equal(answer.json().created, 300);
      const deadline = Date.now() + 10_000;
      while (!(await analyzed())) {
        assert.ok(Date.now() < deadline, 'the user tables were not analyzed within 10 s of the import');
        await new Promise((r) => setTimeout(r, 200));
      }
    });
  });
}
