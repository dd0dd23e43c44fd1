// The bulk import's statements (issue 7): set lookups for a whole batch and
// multi-row inserts, chunked below each database's bound-parameter limit.
import { sql } from 'kysely';
import type { Executor } from '../../domain/context.js';
import type { DialectName } from '../dialects.js';
import type { NewUserRow, OrgRole } from '../schema.js';

// SQLite binds at most 32766 parameters a statement, PostgreSQL 65535; a
// user row has 19 columns. 500 rows (9500 parameters) stays well below both
// and keeps each statement's text small enough to prepare quickly.
const rowsPerInsert = 500;
const keysPerLookup = 1000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}

export interface LiveUserKey {
  key: string;
  id: string;
  username: string;
}

/** Live users whose lower(email) is one of these (already lower-cased) keys: served by the users_email_live index. */
export async function liveUsersByEmailKeys(executor: Executor, keys: string[]): Promise<LiveUserKey[]> {
  const found: LiveUserKey[] = [];
  for (const part of chunks([...new Set(keys)], keysPerLookup)) {
    found.push(...await executor.selectFrom('users')
      .select([sql<string>`lower(email)`.as('key'), 'id', 'username'])
      .where(sql`lower(email)`, 'in', part)
      .where('deleted_at', 'is', null)
      .execute());
  }
  return found;
}

/** Which of these (lower-case) usernames live users hold: served by the users_username_live index. */
export async function takenUsernameKeys(executor: Executor, keys: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (const part of chunks([...new Set(keys)], keysPerLookup)) {
    const rows = await executor.selectFrom('users').select(sql<string>`lower(username)`.as('u'))
      .where(sql`lower(username)`, 'in', part)
      .where('deleted_at', 'is', null)
      .execute();
    for (const row of rows) taken.add(row.u);
  }
  return taken;
}

export async function insertUsers(executor: Executor, rows: NewUserRow[]): Promise<void> {
  for (const part of chunks(rows, rowsPerInsert)) await executor.insertInto('users').values(part).execute();
}

export interface NewMembership {
  org_id: string;
  user_id: string;
  role: OrgRole;
  created_at: number;
}

export async function insertMemberships(executor: Executor, rows: NewMembership[]): Promise<void> {
  // Four columns a row: far from either limit even at 2000 rows.
  for (const part of chunks(rows, rowsPerInsert * 4)) await executor.insertInto('org_members').values(part).execute();
}

/**
 * Imports take turns inside the database: two batches in flight (or two
 * server instances) could otherwise derive the same username at once and
 * fall back to row-by-row work. SQLite has one writer and one connection
 * already; PostgreSQL takes a transaction-scoped advisory lock.
 */
export async function takeImportTurn(executor: Executor, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${importLockKey})`.execute(executor);
}

/** An arbitrary constant that names the import's advisory lock ("roster-import"). */
const importLockKey = 0x726f7374;
