// The bulk import's statements (issue 7): set lookups for a whole batch and
// bulk inserts. A multi-row VALUES list costs a bound parameter per cell
// (SQLite takes at most 32766 a statement, PostgreSQL 65535) and a long
// statement to compile and prepare for every batch; instead the rows travel
// as a few parameters: one JSON array read with json_each on SQLite, one
// array per column read with unnest on PostgreSQL. The statement text stays
// the same whatever the batch size, and no limit is ever near.
import { sql } from 'kysely';
import type { Executor } from '../../domain/context.js';
import type { DialectName } from '../dialects.js';
import type { NewUserRow, OrgRole } from '../schema.js';

const keysPerLookup = 1000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}

/** `lower(column)` is one of these lower-cased keys, served by the column's live unique index. */
function lowerIn(dialect: DialectName, column: 'email' | 'username', keys: string[]) {
  // PostgreSQL: one array parameter, so the statement is planned the same for any number of keys.
  return dialect === 'postgres'
    ? sql<boolean>`lower(${sql.ref(column)}) = any(${keys}::text[])`
    : sql<boolean>`lower(${sql.ref(column)}) in (${sql.join(keys)})`;
}

export interface LiveUserKey {
  key: string;
  id: string;
  username: string;
}

/** Live users whose lower(email) is one of these (already lower-cased) keys. */
export async function liveUsersByEmailKeys(executor: Executor, dialect: DialectName, keys: string[]): Promise<LiveUserKey[]> {
  const found: LiveUserKey[] = [];
  for (const part of chunks([...new Set(keys)], keysPerLookup)) {
    found.push(...await executor.selectFrom('users')
      .select([sql<string>`lower(email)`.as('key'), 'id', 'username'])
      .where(lowerIn(dialect, 'email', part))
      .where('deleted_at', 'is', null)
      .execute());
  }
  return found;
}

/** Which of these (lower-case) usernames live users hold. */
export async function takenUsernameKeys(executor: Executor, dialect: DialectName, keys: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (const part of chunks([...new Set(keys)], keysPerLookup)) {
    const rows = await executor.selectFrom('users').select(sql<string>`lower(username)`.as('u'))
      .where(lowerIn(dialect, 'username', part))
      .where('deleted_at', 'is', null)
      .execute();
    for (const row of rows) taken.add(row.u);
  }
  return taken;
}

// Every column of a new user, in one order for both statements.
const userColumns = [
  'id', 'username', 'email', 'name', 'login_type', 'site_role', 'status', 'suspended_reason', 'suspended_until', 'must_change_password',
  'password_hash', 'password_expires_at', 'oidc_issuer', 'oidc_subject', 'created_at', 'updated_at', 'last_seen_at', 'deleted_at',
] as const satisfies readonly (keyof NewUserRow)[];
const numericColumns = new Set<string>(['suspended_until', 'must_change_password', 'password_expires_at', 'created_at', 'updated_at', 'last_seen_at', 'deleted_at']);
const columnList = sql.join(userColumns.map((c) => sql.ref(c)));

export async function insertUsers(executor: Executor, dialect: DialectName, rows: NewUserRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (dialect === 'postgres') {
    const arrays = userColumns.map((c) => {
      const values = rows.map((r) => r[c] ?? null);
      return numericColumns.has(c) ? sql`${values}::bigint[]` : sql`${values}::text[]`;
    });
    await sql`insert into users (${columnList}) select * from unnest(${sql.join(arrays)})`.execute(executor);
    return;
  }
  const json = JSON.stringify(rows.map((r) => userColumns.map((c) => r[c] ?? null)));
  const cells = sql.join(userColumns.map((_, i) => sql`value ->> ${sql.raw(String(i))}`));
  await sql`insert into users (${columnList}) select ${cells} from json_each(${json})`.execute(executor);
}

export interface NewMembership {
  org_id: string;
  user_id: string;
  role: OrgRole;
  created_at: number;
}

export async function insertMemberships(executor: Executor, dialect: DialectName, rows: NewMembership[]): Promise<void> {
  if (rows.length === 0) return;
  if (dialect === 'postgres') {
    await sql`insert into org_members (org_id, user_id, role, created_at)
      select * from unnest(${rows.map((r) => r.org_id)}::text[], ${rows.map((r) => r.user_id)}::text[], ${rows.map((r) => r.role)}::text[], ${rows.map((r) => r.created_at)}::bigint[])`.execute(executor);
    return;
  }
  const json = JSON.stringify(rows.map((r) => [r.org_id, r.user_id, r.role, r.created_at]));
  await sql`insert into org_members (org_id, user_id, role, created_at) select value ->> 0, value ->> 1, value ->> 2, value ->> 3 from json_each(${json})`.execute(executor);
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

/** An arbitrary constant that names the import's advisory lock ("rost"). */
const importLockKey = 0x726f7374;
