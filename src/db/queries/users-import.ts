// The bulk import's statements (issue 7): set lookups for a whole batch and
// bulk inserts. Neither should cost a statement to build, compile and
// prepare per batch. On PostgreSQL the rows travel as one array per column,
// read with unnest: one text whatever the batch size. On SQLite they go as
// multi-row VALUES lists of a few fixed sizes (sqliteValuesInsert), each
// text prepared once; a JSON array read with json_each did the same, but
// parsed every row once per column it read.
import { CompiledQuery, sql } from 'kysely';
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
  await sqliteValuesInsert(executor, 'users', userColumns, rows);
}

/** The most rows one SQLite VALUES insert takes: 18 columns make 4,608 parameters (the limit is 32,766). */
const sqliteRowsPerInsert = 256;
const sqliteInsertTexts = new Map<string, string>();

/**
 * `insert into table (columns) values (?, …), …`. The rows go in chunks of
 * 256, and what is left in chunks of 128, 64 … 1, so a column list has at
 * most nine statement texts, each prepared once by the statement cache.
 * Table and column names are our own constants.
 */
async function sqliteValuesInsert<Row>(executor: Executor, table: string, columns: readonly (keyof Row & string)[], rows: Row[]): Promise<void> {
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  for (let at = 0; at < rows.length;) {
    let size = sqliteRowsPerInsert;
    while (size > rows.length - at) size >>= 1;
    // Keyed by the whole head, so two column lists for one table never share a text.
    const key = `${head}${size}`;
    let text = sqliteInsertTexts.get(key);
    if (text === undefined) {
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      text = head + Array.from({ length: size }, () => tuple).join(', ');
      sqliteInsertTexts.set(key, text);
    }
    const parameters: unknown[] = [];
    for (let i = at; i < at + size; i++) for (const column of columns) parameters.push(rows[i]![column] ?? null);
    await executor.executeQuery(CompiledQuery.raw(text, parameters));
    at += size;
  }
}

export interface NewMembership {
  org_id: string;
  user_id: string;
  role: OrgRole;
  created_at: number;
}

const membershipColumns = ['org_id', 'user_id', 'role', 'created_at'] as const satisfies readonly (keyof NewMembership)[];

export async function insertMemberships(executor: Executor, dialect: DialectName, rows: NewMembership[]): Promise<void> {
  if (rows.length === 0) return;
  if (dialect === 'postgres') {
    await sql`insert into org_members (org_id, user_id, role, created_at)
      select * from unnest(${rows.map((r) => r.org_id)}::text[], ${rows.map((r) => r.user_id)}::text[], ${rows.map((r) => r.role)}::text[], ${rows.map((r) => r.created_at)}::bigint[])`.execute(executor);
    return;
  }
  await sqliteValuesInsert(executor, 'org_members', membershipColumns, rows);
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
