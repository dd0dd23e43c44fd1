// How Roster's PostgreSQL connections plan (src/db/dialects.ts): index reads
// priced for SSDs and cached data, unless the administrator chose otherwise,
// so that a search among the users of one role walks that role's index to the
// page's last match instead of sorting them all (bench/RESULTS.md, at 100,000
// users: 8.7 ms against 1.3).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CompiledQuery, sql, type KyselyPlugin } from 'kysely';
import { openPostgres } from '../../src/db/dialects.js';
import { listUsers } from '../../src/db/queries/user-list.js';
import { parseUserFilter } from '../../src/domain/user-filter.js';
import { databaseKinds, startServer, type TestServer } from '../helpers/harness.js';

describe('planner settings [postgres]', { skip: !databaseKinds().includes('postgres') }, () => {
  let server: TestServer;
  before(async () => { server = await startServer('postgres'); });
  after(async () => { await server.close(); });

  const setting = async (db: TestServer['db']) =>
    (await sql<{ random_page_cost: string }>`show random_page_cost`.execute(db.kysely)).rows[0]!.random_page_cost;

  test('Roster\'s connections price a random page read at 1.1, not the default 4', async () => {
    assert.equal(await setting(server.db), '1.1');
  });

  test('a value the administrator set for the database is kept', async () => {
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(server.db.kysely);
    const name = rows[0]!.name;
    await sql.raw(`alter database ${name} set random_page_cost = 2`).execute(server.db.kysely);
    const url = new URL(process.env.ROSTER_TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const other = openPostgres(url.toString(), 1);
    try {
      assert.equal(await setting(other), '2');
    } finally {
      await other.close();
      await sql.raw(`alter database ${name} reset random_page_cost`).execute(server.db.kysely);
    }
  });

  test('among 100,000 users, a search within the 3,000 site managers walks their index instead of sorting them', async () => {
    // Newest last; about one in 33 a site manager, one in 20 a Johnson, whom "son" finds. Spread by a hash,
    // not every nth row: a period in the rows could alias with the stride of the search's text sample.
    await sql`insert into users (id, username, email, name, login_type, site_role, status, created_at, updated_at)
      select 'seeded-' || i, 'user.' || i, 'user.' || i || '@example.com',
        case when abs(hashtext('name' || i)) % 20 = 0 then 'Anna Johnson' else 'Bob Smith' end || i,
        'oidc', case when abs(hashtext('role' || i)) % 33 = 0 then 'site-manager' else 'member' end, 'active', 1700000000000 + i, 1700000000000 + i
      from generate_series(1, 100000) as i`.execute(server.db.kysely);
    await sql`analyze users`.execute(server.db.kysely);

    // The search's first query: the window of the role's newest users, read until the page is full.
    const queries: CompiledQuery[] = [];
    const recorder: KyselyPlugin = {
      transformQuery: (args) => {
        queries.push(server.db.kysely.getExecutor().compileQuery(args.node, args.queryId));
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const page = await listUsers(server.db.kysely.withPlugin(recorder), {
      dialect: 'postgres', filter: parseUserFilter('son role:site-manager'), sort: 'created', direction: 'desc', limit: 26, now: Date.now(), dormantBefore: 0,
    });
    assert.equal(page.length, 26);
    const window = queries.find((q) => /limit 2000\b/.test(q.sql));
    assert.ok(window, `no search window among ${queries.map((q) => q.sql).join('\n')}`);

    /** The plan Roster's connection makes, or one with PostgreSQL's own default (set for one transaction only). */
    const plan = (atPostgresDefault = false) => server.db.kysely.connection().execute(async (conn) => {
      await sql`begin`.execute(conn);
      try {
        if (atPostgresDefault) await sql`set local random_page_cost = 4`.execute(conn);
        const { rows } = await conn.executeQuery(CompiledQuery.raw(`explain ${window.sql}`, [...window.parameters]));
        return rows.map((row) => Object.values(row as object)[0]).join('\n');
      } finally {
        await sql`rollback`.execute(conn);
      }
    });
    const walked = await plan();
    assert.match(walked, /Index Scan Backward using users_role_created_live/, walked);
    assert.doesNotMatch(walked, /Sort/, walked);
    // The data is realistic enough to matter: at PostgreSQL's default the same query sorts them all.
    assert.match(await plan(true), /Bitmap Heap Scan[\s\S]*users_role_created_live/);
  });
});
