// PostgreSQL's half of the substring index (migration 0006): pg_trgm is a
// contrib extension that the database role may not be allowed to create.
// Roster then works without it (searches read the table), and tries again
// at every start, so an operator who creates the extension later gets the
// index on the next restart.
import { sql, type Kysely } from 'kysely';
import type { Db } from './dialects.js';

/** The text the index covers; user-search.ts repeats it exactly so the planner can use the index. */
export const searchHaystackSql = "lower(username || ' ' || email || ' ' || name)";

/**
 * Creates pg_trgm and the index if it can; false if it cannot. Inside a
 * transaction, a savepoint keeps a refused CREATE EXTENSION from aborting it.
 */
export async function createPostgresSearchIndex(db: Kysely<any>, inTransaction: boolean): Promise<boolean> {
  if (inTransaction) await sql`savepoint pg_trgm`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm`.execute(db);
  } catch {
    if (inTransaction) await sql`rollback to savepoint pg_trgm`.execute(db);
    return false;
  }
  await sql.raw(`create index if not exists users_search_trgm on users using gin ((${searchHaystackSql}) gin_trgm_ops) where deleted_at is null`).execute(db);
  return true;
}

/** At start-up: true when searches have their index (always on SQLite). */
export async function ensureSearchIndex(db: Db): Promise<boolean> {
  if (db.dialect !== 'postgres') return true;
  const found = await sql`select 1 from pg_indexes where indexname = 'users_search_trgm'`.execute(db.kysely);
  return found.rows.length > 0 || createPostgresSearchIndex(db.kysely, false);
}
