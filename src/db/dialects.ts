// The only file that knows which database it is talking to.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Expression, type RawBuilder } from 'kysely';
import { createRequire } from 'node:module';
import type pgTypes from 'pg';
import type { Database } from './schema.js';
import { statementCache } from './sqlite-statements.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
}

// pg is loaded only when PostgreSQL is used: an SQLite instance saves its memory.
let pgModule: typeof pgTypes | undefined;
function loadPg(): typeof pgTypes {
  if (!pgModule) {
    pgModule = createRequire(import.meta.url)('pg') as typeof pgTypes;
    // COUNT(*) and BIGINT columns (our epoch-millisecond times) come back as
    // strings from pg by default; they all fit in a double.
    pgModule.types.setTypeParser(20, Number);
  }
  return pgModule;
}

export function openSqlite(file: string): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  // SQLite's own lower() folds ASCII only; searches that need more use this.
  database.function('unicode_lower', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : text));
  const statements = statementCache(database);
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
  directReaders.set(kysely, (source, _name, parameters) => (database.inTransaction ? undefined : statements.prepare(source).all(parameters)));
  directTransactions.set(kysely, (body) => {
    if (database.inTransaction) return undefined;
    const run = (source: string, parameters: unknown[]) => {
      const statement = statements.prepare(source);
      if (statement.reader) return statement.all(parameters);
      statement.run(parameters);
      return [];
    };
    return { result: database.transaction(() => body(run))() };
  });
  return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
}

/**
 * Reads on the hot path may skip Kysely (src/db/hot-query.ts). On SQLite,
 * Kysely queues every statement for the one connection behind a lock, which
 * costs a few turns of the event loop per query; a read may skip the queue
 * when no transaction is open: better-sqlite3 runs it to the end at once,
 * so it sees committed data only (with a transaction open it must wait its
 * turn, or it would read that transaction's uncommitted writes). On
 * PostgreSQL, the read becomes a named prepared statement, parsed and
 * planned once per connection instead of on every request.
 */
type DirectReader = (source: string, name: string, parameters: unknown[]) => unknown[] | Promise<unknown[]> | undefined;
const directReaders = new WeakMap<object, DirectReader>();

/** The rows of a read outside any transaction, or undefined when it must go through Kysely. */
export function directRead<Row>(executor: object, source: string, name: string, parameters: unknown[]): Row[] | Promise<Row[]> | undefined {
  return directReaders.get(executor)?.(source, name, parameters) as Row[] | Promise<Row[]> | undefined;
}

/**
 * A short transaction run at once, outside Kysely: SQLite only, and only
 * when no transaction is open on its connection. better-sqlite3 runs it
 * synchronously from BEGIN to COMMIT, so nothing else can interleave; a
 * throw rolls it back. Kysely's transaction costs a lock and several turns
 * of the event loop per statement. Undefined when it must go through Kysely.
 */
type StatementRunner = (source: string, parameters: unknown[]) => unknown[];
const directTransactions = new WeakMap<object, <T>(body: (run: StatementRunner) => T) => { result: T } | undefined>();

export function directTransaction<T>(executor: object, body: (run: StatementRunner) => T): { result: T } | undefined {
  return directTransactions.get(executor)?.(body);
}

/**
 * PostgreSQL's default random_page_cost (4) prices an index's reads as if
 * from a spinning disk. Roster's tables are small and hot, and at that price
 * the planner would sort all of a role's users rather than walk the role's
 * index to the page's last match: a search among 3,103 site managers at
 * 100,000 users took 8.7 ms instead of 1.3. Roster's sessions use 1.1, the
 * usual value for SSDs and cached data, unless the administrator chose a
 * value for the server, database or role: that one is kept.
 */
const indexFriendlyPlanning = `select set_config('random_page_cost', '1.1', false)
  from pg_settings where name = 'random_page_cost' and source = 'default'`;

export function openPostgres(url: string, poolSize = 10): Db {
  const pool = new (loadPg().Pool)({ connectionString: url, max: poolSize });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => {});
  // Queued ahead of the connection's first query, so it plans every one.
  pool.on('connect', (client) => { client.query(indexFriendlyPlanning).catch(() => {}); });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  directReaders.set(kysely, async (text, name, values) => (await pool.query({ name, text, values })).rows);
  return { kysely, dialect: 'postgres', close: () => kysely.destroy() };
}

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/**
 * A row count written into the SQL text instead of bound. SQLite plans with
 * a bound LIMIT or OFFSET, so it prepares such a statement again each time
 * it runs: about 20 µs, a third of a Users page's query. Only a checked
 * integer is ever written, so the text stays safe.
 */
export function rowCount(n: number): RawBuilder<number> {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a row count: ${n}`);
  return sql.lit(n);
}

/** Escapes LIKE wildcards so user text matches literally (ESCAPE '\'). */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Case-insensitive substring match of an already lower-cased pattern.
 * PostgreSQL's lower() folds all of Unicode. SQLite's LIKE already ignores
 * case in ASCII, which is all its lower() folds, so an ASCII pattern needs no
 * lower(): that saves a copy of each text on every row a search reads (a
 * quarter of its page). A pattern beyond ASCII takes the slower
 * Unicode-aware function there.
 */
export function containsInsensitive(dialect: DialectName, column: Expression<string>, pattern: string): RawBuilder<boolean> {
  if (dialect === 'postgres') return sql<boolean>`lower(${column}) like ${pattern} escape '\\'`;
  if (/[^\x00-\x7f]/.test(pattern)) return sql<boolean>`unicode_lower(${column}) like ${pattern} escape '\\'`;
  return sql<boolean>`${column} like ${pattern} escape '\\'`;
}
