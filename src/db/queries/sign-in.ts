import { sql, type QueryCreator } from 'kysely';
import type { Executor } from '../../domain/context.js';
import { directTransaction, type DialectName } from '../dialects.js';
import { hotCompiled, hotQuery } from '../hot-query.js';
import type { Database, NewAuditRow, SessionRow, UserRow, UserUpdate } from '../schema.js';
import { insertAuditEntry } from './audit.js';
import { membershipsJson } from './orgs.js';
import { insertSession } from './sessions.js';

// A sign-in writes three things (src/domain/sessions.ts): the user's last
// seen, which is the new session's creation time (and, after a lapsed
// suspension, its end), the session, and the audit entry. Three ways to
// write them, one per situation: one PostgreSQL statement, one SQLite
// transaction outside Kysely, and statements inside a caller's transaction.

/** What a sign-in writes: the session (its user and time say whose last seen, and when) and the audit entry. */
export interface SignInRows {
  session: SessionRow;
  audit: NewAuditRow;
  /** The user's suspension has lapsed: signing in is activity, so it ends. */
  endsSuspension: boolean;
}

/** A user as a sign-in left it; on PostgreSQL with its memberships (membershipsJson). */
export type SignedInRow = UserRow & { organizations?: string };

// The columns the statements insert, in the order of their parameters.
const sessionColumns = ['id', 'token_hash', 'user_id', 'created_at', 'expires_at', 'ip', 'user_agent'] as const;
const auditColumns = ['id', 'time', 'actor_id', 'actor_email', 'ip', 'user_agent', 'action', 'resource_type', 'target_id', 'target_name', 'result', 'reason', 'diff'] as const;
// Compile-time proof that the lists name every column: a new column must be added here.
const everySessionColumn: Exclude<keyof SessionRow, (typeof sessionColumns)[number]> extends never ? true : never = true;
const everyAuditColumn: Exclude<keyof NewAuditRow, (typeof auditColumns)[number]> extends never ? true : never = true;
void everySessionColumn; void everyAuditColumn;

// Values selected into an INSERT are typed by the SELECT, not by the column
// they land in: an untyped parameter there is text, so the bigint columns
// (epoch milliseconds) are cast. Every other column of these tables is text.
const bigintColumns: ReadonlySet<string> = new Set(['created_at', 'expires_at', 'time']);
const selected = (columns: readonly string[], values: unknown[]) =>
  sql.join(columns.map((column, i) => (bigintColumns.has(column) ? sql`cast(${values[i]} as bigint)` : sql`${values[i]}`)));

const suspensionEnded = { status: 'active', suspended_reason: null, suspended_until: null } as const satisfies UserUpdate;

/** The user's update: last seen, and a lapsed suspension ended in the second shape. */
const userUpdate = (db: QueryCreator<Database>, endsSuspension: boolean, userId: string, lastSeenAt: number) => db.updateTable('users')
  .set({ last_seen_at: lastSeenAt, ...(endsSuspension ? suspensionEnded : {}) })
  .where('id', '=', userId).where('deleted_at', 'is', null)
  .returningAll();

// Two shapes: a sign-in that also ends a lapsed suspension, and one that does not.
const statement = (endsSuspension: boolean) => hotQuery((executor: Executor, userId: string, lastSeenAt: number, ...values: unknown[]) => {
  const sessionValues = values.slice(0, sessionColumns.length);
  const auditValues = values.slice(sessionColumns.length);
  return executor
    .with('signed_in', (db) => userUpdate(db, endsSuspension, userId, lastSeenAt).returning(membershipsJson.as('organizations')))
    .with('new_session', (db) => db.insertInto('sessions').columns(sessionColumns)
      .expression(sql`select ${selected(sessionColumns, sessionValues)} from signed_in`))
    .with('new_audit_entry', (db) => db.insertInto('audit_log').columns(auditColumns)
      .expression(sql`select ${selected(auditColumns, auditValues)} from signed_in`))
    .selectFrom('signed_in').selectAll();
});
const signInWithoutSuspension = statement(false);
const signInEndingSuspension = statement(true);

const sessionParameters = (session: SessionRow) => sessionColumns.map((column) => session[column]);
const auditParameters = (audit: NewAuditRow) => auditColumns.map((column) => audit[column] ?? null);

/**
 * A sign-in's writes as one PostgreSQL statement: the user's update
 * returning the row and its memberships, and the session and the audit
 * entry inserted only if that update found a live user. One statement is
 * atomic on its own, so this replaces five round trips (BEGIN, three
 * writes, COMMIT), and it is prepared once per connection. Undefined when
 * the user is gone (deleted since the sign-in read it): then nothing was
 * written. PostgreSQL only: SQLite has no writes inside WITH.
 */
export async function signInStatement(executor: Executor, { session, audit, endsSuspension }: SignInRows): Promise<SignedInRow | undefined> {
  const query = endsSuspension ? signInEndingSuspension : signInWithoutSuspension;
  return (await query(executor, session.user_id, session.created_at, ...sessionParameters(session), ...auditParameters(audit)))[0];
}

// SQLite's three statements, compiled once: the update's two shapes, and the inserts.
const sqliteUserUpdate = [false, true].map((endsSuspension) =>
  hotCompiled((executor: Executor, userId: string, lastSeenAt: number) => userUpdate(executor, endsSuspension, userId, lastSeenAt)));
const sqliteSessionInsert = hotCompiled((executor: Executor, ...values: unknown[]) =>
  executor.insertInto('sessions').values(Object.fromEntries(sessionColumns.map((column, i) => [column, values[i]])) as SessionRow));
const sqliteAuditInsert = hotCompiled((executor: Executor, ...values: unknown[]) =>
  executor.insertInto('audit_log').values(Object.fromEntries(auditColumns.map((column, i) => [column, values[i]])) as NewAuditRow));

/**
 * The same writes on SQLite, as one transaction run at once outside Kysely
 * (directTransaction): `{ user }`, with undefined when the user is gone and
 * nothing was written. Undefined when another transaction is open on the
 * connection; the caller then writes through Kysely.
 */
export function sqliteSignInTransaction(executor: Executor, { session, audit, endsSuspension }: SignInRows): { user: SignedInRow | undefined } | undefined {
  const update = sqliteUserUpdate[endsSuspension ? 1 : 0]!(executor, session.user_id, session.created_at);
  const sessionInsert = sqliteSessionInsert(executor, ...sessionParameters(session));
  const auditInsert = sqliteAuditInsert(executor, ...auditParameters(audit));
  const done = directTransaction(executor, (run) => {
    const user = run(update.sql, update.values)[0] as UserRow | undefined;
    if (user) {
      run(sessionInsert.sql, sessionInsert.values);
      run(auditInsert.sql, auditInsert.values);
    }
    return user;
  });
  return done && { user: done.result };
}

/**
 * The same writes inside a caller's transaction, which writes more (an
 * identity link, a new hash), or on SQLite when another transaction holds
 * the connection. Undefined, with nothing written, when the user is gone.
 */
export async function signInWritesIn(trx: Executor, dialect: DialectName, { session, audit, endsSuspension }: SignInRows): Promise<SignedInRow | undefined> {
  const update = userUpdate(trx, endsSuspension, session.user_id, session.created_at);
  const user = dialect === 'postgres'
    ? await update.returning(membershipsJson.as('organizations')).executeTakeFirst()
    : await update.executeTakeFirst();
  if (user) {
    await insertSession(trx, session);
    await insertAuditEntry(trx, audit);
  }
  return user;
}
