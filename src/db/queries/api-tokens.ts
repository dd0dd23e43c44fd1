import type { Executor } from '../../domain/context.js';
import type { Selectable } from 'kysely';
import type { ApiTokensTable, SiteRole, StoredStatus } from '../schema.js';

export type ApiTokenRow = Selectable<ApiTokensTable>;

export function tokensOf(executor: Executor, userId: string) {
  return executor.selectFrom('api_tokens').select(['id', 'name', 'created_at', 'last_used_at', 'expires_at'])
    .where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}

export function tokenOf(executor: Executor, userId: string, idOrName: string) {
  return executor.selectFrom('api_tokens').selectAll().where('user_id', '=', userId)
    .where((eb) => eb.or([eb('id', '=', idOrName), eb(eb.fn('lower', ['name']), '=', idOrName.toLowerCase())]))
    .executeTakeFirst();
}

export async function insertToken(executor: Executor, row: ApiTokenRow): Promise<void> {
  await executor.insertInto('api_tokens').values(row).execute();
}

export async function deleteToken(executor: Executor, id: string): Promise<void> {
  await executor.deleteFrom('api_tokens').where('id', '=', id).execute();
}

export interface TokenActorRow {
  token_id: string;
  expires_at: number | null;
  last_used_at: number | null;
  user_id: string;
  email: string;
  username: string;
  site_role: SiteRole;
  status: StoredStatus;
  suspended_until: number | null;
  must_change_password: number;
}

/** The hot path for scripts: one probe of the unique token-hash index, joined to the owner. */
export function tokenActorByHash(executor: Executor, tokenHash: string): Promise<TokenActorRow | undefined> {
  return executor.selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id as token_id', 'api_tokens.expires_at', 'api_tokens.last_used_at', 'users.id as user_id', 'users.email', 'users.username',
      'users.site_role', 'users.status', 'users.suspended_until', 'users.must_change_password',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function touchTokenUse(executor: Executor, id: string, now: number): Promise<void> {
  await executor.updateTable('api_tokens').set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', now - 60_000)]))
    .execute();
}
