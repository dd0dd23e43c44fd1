import type { Executor } from '../../domain/context.js';
import { userViewColumns, type SessionRow, type UserViewRow } from '../schema.js';
import { hotQuery } from '../hot-query.js';
import { membershipsJson } from './orgs.js';

/**
 * A session and its user's row as views show it: everything a request about
 * yourself needs, with the user's memberships when asked (membershipsJson).
 */
export type SessionActorRow = UserViewRow & { session_id: string; expires_at: number; organizations?: string };

/**
 * The hot path: one lookup by the unique token-hash index, joined to the
 * user by primary key. Nothing is written here.
 */
const sessionActor = (executor: Executor, tokenHash: string) => executor.selectFrom('sessions')
  .innerJoin('users', 'users.id', 'sessions.user_id')
  .select(userViewColumns.map((column) => `users.${column}` as const))
  .select(['sessions.id as session_id', 'sessions.expires_at'])
  .where('sessions.token_hash', '=', tokenHash)
  .where('users.deleted_at', 'is', null);
const sessionActorQuery = hotQuery(sessionActor);
const sessionActorWithMembershipsQuery = hotQuery((executor: Executor, tokenHash: string) => sessionActor(executor, tokenHash)
  .select(membershipsJson.as('organizations')));

/**
 * `withMemberships` (PostgreSQL only: membershipsJson is its SQL) makes the
 * session check, `GET /users/me`, one round trip instead of two. SQLite
 * answers the second query in-process, without a round trip.
 */
export async function sessionActorByTokenHash(executor: Executor, tokenHash: string, withMemberships = false): Promise<SessionActorRow | undefined> {
  return (await (withMemberships ? sessionActorWithMembershipsQuery : sessionActorQuery)(executor, tokenHash))[0];
}

export async function insertSession(executor: Executor, row: SessionRow): Promise<void> {
  await executor.insertInto('sessions').values(row).execute();
}

export async function deleteSession(executor: Executor, id: string): Promise<void> {
  await executor.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of the user, except `keep` when given. */
export async function deleteSessionsOf(executor: Executor, userId: string, keep?: string): Promise<void> {
  let query = executor.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) query = query.where('id', '!=', keep);
  await query.execute();
}

export async function deleteApiTokensOf(executor: Executor, userId: string): Promise<void> {
  await executor.deleteFrom('api_tokens').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(executor: Executor, now: number): Promise<void> {
  await executor.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}
