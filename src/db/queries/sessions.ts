import type { Executor } from '../../domain/context.js';
import type { SessionRow, SiteRole, StoredStatus } from '../schema.js';

export interface SessionActorRow {
  session_id: string;
  expires_at: number;
  user_id: string;
  email: string;
  username: string;
  site_role: SiteRole;
  status: StoredStatus;
  suspended_until: number | null;
  must_change_password: number;
  last_seen_at: number | null;
}

/**
 * The hot path: one lookup by the unique token-hash index, joined to the
 * user by primary key. Nothing is written here.
 */
export function sessionActorByTokenHash(executor: Executor, tokenHash: string): Promise<SessionActorRow | undefined> {
  return executor.selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id', 'sessions.expires_at', 'users.id as user_id', 'users.email', 'users.username',
      'users.site_role', 'users.status', 'users.suspended_until', 'users.must_change_password', 'users.last_seen_at',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
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
