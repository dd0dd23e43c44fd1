// PostgreSQL's sample of users' text (src/db/queries/search-sample.ts): it
// estimates how many users hold a search's words, so that rare words go to
// the trigram index at once instead of after a fruitless window. Here the
// table is large enough (20,000 users, some 400 pages) that only part of it
// is sampled.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql, type KyselyPlugin } from 'kysely';
import { listUsers, type UserListQuery } from '../../src/db/queries/user-list.js';
import { estimatedMatches, rowsAtRandom } from '../../src/db/queries/search-sample.js';
import type { NewUserRow } from '../../src/db/schema.js';
import { newId } from '../../src/domain/ids.js';
import { parseUserFilter } from '../../src/domain/user-filter.js';
import { databaseKinds, startServer, type TestServer } from '../helpers/harness.js';

const everyone = 20_000;

/** Half the users are Johnsons; three are Zebedees. */
function person(i: number, at: number): NewUserRow {
  const name = i % 2 ? `Bob Smith${i}` : `Anna Johnson${i}`;
  const username = i % 7_001 === 5 ? `zebedee.${i}` : `user.${i}`;
  return {
    id: newId(at), username, email: `${username}@example.com`, name, login_type: 'oidc', site_role: 'member', status: 'active',
    suspended_reason: null, suspended_until: null, must_change_password: 0, password_hash: null, password_expires_at: null,
    oidc_issuer: null, oidc_subject: null, created_at: at, updated_at: at, last_seen_at: null, deleted_at: null,
  };
}

test('the sample keeps rows by chance, so a period in the table\'s order does not skew a word\'s share', () => {
  // Every sixth user is a Johnson. Keeping every sixth row read would keep only Johnsons, or none.
  const rows = Array.from({ length: 12_000 }, (_, i) => (i % 6 === 0 ? 'johnson' : 'smith'));
  const kept = rowsAtRandom(rows, 2_000);
  assert.ok(Math.abs(kept.length - 2_000) < 200, `${kept.length} kept`);
  const share = kept.filter((row) => row === 'johnson').length / kept.length;
  // The share's standard deviation is about 0.8 points: a quarter of 1/6 is five of them.
  assert.ok(Math.abs(share - 1 / 6) < 1 / 24, `a share of ${share}`);
  assert.deepEqual(rowsAtRandom(rows.slice(0, 10), 2_000), rows.slice(0, 10), 'fewer rows than wanted are all kept');
});

describe('the sample of users\' text [postgres]', { skip: !databaseKinds().includes('postgres') }, () => {
  let server: TestServer;
  // The sample's age is read from the clock a search passes in; this one only moves when a test moves it.
  let now = Date.now();
  before(async () => { server = await startServer('postgres'); });
  after(async () => { await server.close(); });

  const estimate = (words: string[], atMost = 1e9) => estimatedMatches(server.db.kysely, words, atMost, now);

  test('with no users there is nothing to estimate from, and the empty answer is kept only briefly', async () => {
    // The harness's own users (an admin) are set aside: the sample reads live users only.
    await server.db.kysely.updateTable('users').set({ deleted_at: now }).execute();
    assert.equal(await estimate(['johnson']), null);
    const start = now - 1_000_000;
    const rows = Array.from({ length: everyone }, (_, i) => person(i, start + i));
    for (let i = 0; i < rows.length; i += 1_000) await server.db.kysely.insertInto('users').values(rows.slice(i, i + 1_000)).execute();
    await sql`analyze users`.execute(server.db.kysely);
    now += 5_000;
    assert.equal(await estimate(['johnson']), null, 'the empty sample is still held');
    now += 6_000;
    assert.notEqual(await estimate(['johnson']), null, 'ten seconds later it is drawn again');
  });

  test('common words are estimated near their true count, rare ones near zero, and counting stops at the bound', async () => {
    // Which pages TABLESAMPLE reads is chance: the estimate of everyone ranged from 17,821 to 21,838 in 26
    // draws (about 5 % either way, one standard deviation). A quarter leaves room for that and for the
    // word's share in the kept rows (about 2 %).
    const near = (value: number | null, expected: number) =>
      assert.ok(value !== null && Math.abs(value - expected) <= expected * 0.25, `${value} is not within 25 % of ${expected}`);
    near(await estimate(['example.com']), everyone);
    near(await estimate(['johnson']), everyone / 2);
    near(await estimate(['anna', 'johnson']), everyone / 2);
    assert.equal(await estimate(['anna', 'smith']), 0, 'every word must be in one user');
    assert.ok((await estimate(['zebedee']))! < 200);
    assert.equal(await estimate(['nobody-at-all']), 0);
    assert.equal(await estimate(['johnson'], 1_000), 1_000);
  });

  test('a sample of part of the table is kept five minutes, then drawn again', async () => {
    await server.db.kysely.updateTable('users').set({ name: 'Zebedee Renamed' }).where('name', 'like', 'Bob%').execute();
    now += 60_000;
    assert.ok((await estimate(['zebedee']))! < 200, 'the old sample is still used');
    now += 5 * 60_000;
    assert.ok((await estimate(['zebedee']))! > everyone / 4, 'the new one sees the renamed half');
  });

  /** An executor that records the SQL of every query run through it. */
  function recording(): { executor: TestServer['db']['kysely']; queries: string[] } {
    const queries: string[] = [];
    const plugin: KyselyPlugin = {
      transformQuery: (args) => {
        queries.push(server.db.kysely.getExecutor().compileQuery(args.node, args.queryId).sql);
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    return { executor: server.db.kysely.withPlugin(plugin), queries };
  }

  test('rare words go straight to the trigram index; common words read the window of newest users first', async () => {
    now += 5 * 60_000; // a fresh sample, of the table as it is now
    const query = (q: string): UserListQuery => ({
      dialect: 'postgres', filter: parseUserFilter(q), sort: 'created', direction: 'desc', limit: 26, now, dormantBefore: 0,
    });
    // Even users are "Anna Johnson<i>": johnson1234 is in six of them, johnson in ten thousand.
    for (const [q, expectWindow] of [['johnson1234', false], ['johnson', true]] as const) {
      const { executor, queries } = recording();
      const rows = await listUsers(executor, query(q));
      const reads = queries.filter((text) => !/tablesample|pg_class/.test(text));
      const window = /limit 2000\b/;
      if (expectWindow) assert.match(reads[0]!, window, `${q}: the window first`);
      else {
        assert.ok(!reads.some((text) => window.test(text)), `${q}: no window in ${reads.join('\n')}`);
        assert.match(reads[0]!, /users\.username \|\| ' ' \|\| users\.email/, `${q}: the trigram index's expression`);
      }
      const plain = await listUsers(server.db.kysely, { ...query(q), fewCandidates: 0, searchWindow: 1e9 });
      assert.deepEqual(rows.map((r) => r.id), plain.map((r) => r.id), q);
    }
  });
});
