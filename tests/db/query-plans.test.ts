// Speed designed in: the hot lookups and every Users-page order are served by
// an index on both databases (PostgreSQL is told to avoid sequential scans,
// as it would on a table large enough to matter).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql, type Compilable, type CompiledQuery } from 'kysely';
import { listUsers, type SortField } from '../../src/db/queries/user-list.js';
import { sessionActorByTokenHash } from '../../src/db/queries/sessions.js';
import { listAuditEntries } from '../../src/db/queries/audit.js';
import { parseUserFilter } from '../../src/domain/user-filter.js';
import { databaseKinds, startServer, type TestServer } from '../helpers/harness.js';

for (const kind of databaseKinds()) {
  describe(`query plans [${kind}]`, () => {
    let server: TestServer;
    before(async () => { server = await startServer(kind); });
    after(async () => { await server.close(); });

    /** The database's own plan for a query; parameters are inlined for the explanation only. */
    async function plan(query: Compilable, options: { onlySearchIndex?: boolean } = {}): Promise<string> {
      const { sql: text, parameters } = query.compile();
      let i = 0;
      const inlined = text.replace(kind === 'sqlite' ? /\?/g : /\$\d+/g, () => {
        const value = parameters[i++];
        return typeof value === 'number' ? String(value) : `'${String(value).replaceAll("'", "''")}'`;
      });
      if (kind === 'sqlite') return JSON.stringify((await sql.raw(`explain query plan ${inlined}`).execute(server.db.kysely)).rows);
      return server.db.kysely.connection().execute(async (conn) => {
        await sql`set enable_seqscan = off`.execute(conn);
        // On a small table any sort index looks cheaper than the trigram index, which pays off only at scale
        // (bench/RESULTS.md). What must hold here is that the query can use it at all: its expression matches.
        if (options.onlySearchIndex) {
          await sql`begin`.execute(conn);
          const others = await sql<{ indexname: string }>`select indexname from pg_indexes
            where tablename = 'users' and indexname not in ('users_search_trgm', 'users_pkey')`.execute(conn);
          for (const { indexname } of others.rows) await sql`drop index ${sql.id(indexname)}`.execute(conn);
        }
        const rows = await sql.raw(`explain ${inlined}`).execute(conn).then((r) => r.rows)
          .finally(() => (options.onlySearchIndex ? sql`rollback`.execute(conn) : undefined));
        await sql`reset enable_seqscan`.execute(conn);
        return JSON.stringify(rows);
      });
    }

    const usesIndex = (text: string, index: string) => assert.ok(text.includes(index), `expected ${index} in ${text}`);
    const noFullScan = (text: string) => assert.ok(!/SCAN users\b(?! USING)|Seq Scan on users/.test(text), `full scan in ${text}`);

    /**
     * Runs a query function against a database stand-in whose builders
     * compile but never execute, and returns the query it would have run.
     */
    async function capture(run: (db: TestServer['db']['kysely']) => Promise<unknown>, firstRow?: unknown, rows: unknown[] = []): Promise<Compilable> {
      let captured: Compilable | undefined;
      const intercept = (builder: object): object => new Proxy(builder, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (prop === 'execute' || prop === 'executeTakeFirst') return async () => { captured = target as Compilable; return prop === 'execute' ? rows : firstRow; };
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            const out = value.apply(target, args);
            return out && typeof out === 'object' && 'compile' in out ? intercept(out) : out;
          };
        },
      });
      const db = server.db.kysely;
      await run({
        selectFrom: (...args: unknown[]) => intercept((db.selectFrom as (...a: unknown[]) => object)(...args)),
        // Hot queries (src/db/hot-query.ts) arrive compiled.
        executeQuery: async (compiled: CompiledQuery) => { captured = { compile: () => compiled }; return { rows: [] }; },
        // Raw probes (the search's candidate count) run and find nothing; they are not what is planned here.
        getExecutor: () => {
          const real = db.getExecutor();
          return {
            adapter: real.adapter,
            transformQuery: (node: never, id: never) => real.transformQuery(node, id),
            compileQuery: (node: never, id: never) => real.compileQuery(node, id),
            executeQuery: async () => ({ rows: [{ count: 0, rowids: '[]' }] }),
          };
        },
      } as unknown as typeof db);
      return captured!;
    }

    test('the session lookup is one probe of the unique token-hash index', async () => {
      const text = await plan(await capture((db) => sessionActorByTokenHash(db, 'x')));
      usesIndex(text, kind === 'sqlite' ? 'sqlite_autoindex_sessions' : 'sessions_token_hash_key');
    });

    if (kind === 'postgres') {
      test("the session check's lookup also reads the user's memberships by user", async () => {
        const text = await plan(await capture((db) => sessionActorByTokenHash(db, 'x', true)));
        usesIndex(text, 'sessions_token_hash_key');
        usesIndex(text, 'org_members_user');
      });
    }

    for (const [sort, index] of [['created', 'users_created_live'], ['last_seen', 'users_last_seen_live'], ['username', 'users_username_live'], ['email', 'users_email_live']] as [SortField, string][]) {
      test(`the Users page sorted by ${sort} walks ${index}, first page and next`, async () => {
        for (const after of [undefined, { value: sort === 'created' || sort === 'last_seen' ? 1 : 'm', id: '0' }]) {
          const query = await capture((db) => listUsers(db, { dialect: kind, filter: parseUserFilter(''), sort, direction: 'desc', limit: 26, now: Date.now(), dormantBefore: 0, after }));
          const text = await plan(query);
          usesIndex(text, index);
          noFullScan(text);
        }
      });
    }

    test('a role filter, with or without common words, walks users_role_created_live newest first', async () => {
      const base = { sort: 'created', direction: 'desc', limit: 26, now: Date.now(), dormantBefore: 0, fewCandidates: 0 } as const;
      const alone = await capture((db) => listUsers(db, { ...base, dialect: kind, filter: parseUserFilter('role:site-manager') }));
      // Common words (the index is not asked) and a few matches in the search window: the page reads on past it.
      const fewInWindow = Array.from({ length: 5 }, () => ({}));
      const readOn = await capture((db) => listUsers(db, { ...base, dialect: kind, filter: parseUserFilter('son role:auditor') }), { value: 1, id: 'x' }, fewInWindow);
      for (const query of [alone, readOn]) {
        const text = await plan(query);
        usesIndex(text, 'users_role_created_live');
        noFullScan(text);
      }
    });

    test('a search first reads the window of newest users in index order, and sorts nothing', async () => {
      // A full page from the window: that query is the last one run.
      const fullPage = Array.from({ length: 26 }, () => ({}));
      // Newest first with a role filter, the window holds users of those roles only: their index serves it.
      for (const [q, index] of [['son', 'users_created_live'], ['son role:member', 'users_role_created_live']]) {
        const query = await capture((db) => listUsers(db, { dialect: kind, filter: parseUserFilter(q!), sort: 'created', direction: 'desc', limit: 26, now: Date.now(), dormantBefore: 0, fewCandidates: 0 }), undefined, fullPage);
        const text = await plan(query);
        usesIndex(text, index!);
        assert.doesNotMatch(text, /TEMP B-TREE|Sort\b|Seq Scan/, text);
      }
    });

    test('a search for rare words reads the candidates of the substring index (after a window of the sort index finds too few)', async () => {
      // The stand-in answers the window probe with a row and the window with none: the words are rare.
      const words = parseUserFilter('perlman.5 role:member');
      for (const sort of ['created', 'username'] as SortField[]) {
        const query = await capture((db) => listUsers(db, { dialect: kind, filter: words, sort, direction: 'desc', limit: 26, now: Date.now(), dormantBefore: 0 }), { value: 1, id: 'x' });
        const text = await plan(query, { onlySearchIndex: true });
        // SQLite's FTS5 probe has found the candidates (rowids) first; PostgreSQL asks its trigram index in the page query.
        usesIndex(text, kind === 'sqlite' ? 'USING INTEGER PRIMARY KEY (rowid=?)' : 'users_search_trgm');
        noFullScan(text);
      }
    });

    test('audit filters are served by their (column, id) indexes', async () => {
      for (const [filter, index] of [[{ action: 'login' }, 'audit_action'], [{ resourceType: 'user' }, 'audit_resource'], [{}, 'audit_log']] as const) {
        usesIndex(await plan(await capture((db) => listAuditEntries(db, { ...filter, limit: 51 }))), index);
      }
    });
  });
}
