import { sql } from 'kysely';
import type { Executor } from '../../domain/context.js';
import { hotQuery } from '../hot-query.js';
import type { NewUserRow, UserRow, UserUpdate } from '../schema.js';

// Lookups by username or email go through lower(...), so they hit the
// live-user unique indexes; deleted users are never found. The three lookups
// by a key are compiled once (src/db/hot-query.ts): every sign-in makes one
// of them, and every change to a user re-reads it.
const userByIdQuery = hotQuery((executor: Executor, id: string) => executor.selectFrom('users').selectAll()
  .where('id', '=', id).where('deleted_at', 'is', null));
const userByUsernameQuery = hotQuery((executor: Executor, usernameKey: string) => executor.selectFrom('users').selectAll()
  .where(sql`lower(username)`, '=', usernameKey).where('deleted_at', 'is', null));
const userByEmailQuery = hotQuery((executor: Executor, emailKey: string) => executor.selectFrom('users').selectAll()
  .where(sql`lower(email)`, '=', emailKey).where('deleted_at', 'is', null));

export async function userById(executor: Executor, id: string): Promise<UserRow | undefined> {
  return (await userByIdQuery(executor, id))[0];
}

export async function userByUsername(executor: Executor, username: string): Promise<UserRow | undefined> {
  return (await userByUsernameQuery(executor, username.toLowerCase()))[0];
}

export async function userByEmail(executor: Executor, email: string): Promise<UserRow | undefined> {
  return (await userByEmailQuery(executor, email.toLowerCase()))[0];
}

export function siteAdmin(executor: Executor): Promise<UserRow | undefined> {
  return executor.selectFrom('users').selectAll()
    .where('site_role', '=', 'site-admin')
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Which of these (lower-case) usernames live users already hold. */
export async function takenUsernames(executor: Executor, candidates: string[]): Promise<Set<string>> {
  const rows = await executor.selectFrom('users').select(sql<string>`lower(username)`.as('u'))
    .where(sql`lower(username)`, 'in', candidates)
    .where('deleted_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.u));
}

export async function insertUser(executor: Executor, row: NewUserRow): Promise<void> {
  await executor.insertInto('users').values(row).execute();
}

export async function updateUser(executor: Executor, id: string, changes: UserUpdate): Promise<void> {
  await executor.updateTable('users').set(changes).where('id', '=', id).execute();
}

/** Marks seen at most once a minute: the WHERE makes most calls write nothing. */
export async function touchLastSeen(executor: Executor, id: string, now: number): Promise<void> {
  await executor.updateTable('users').set({ last_seen_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', now - 60_000)]))
    .execute();
}
