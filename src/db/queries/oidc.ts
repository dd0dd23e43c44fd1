import type { Executor } from '../../domain/context.js';
import type { UserRow } from '../schema.js';

export function userByOidcIdentity(executor: Executor, issuer: string, subject: string): Promise<UserRow | undefined> {
  return executor.selectFrom('users').selectAll()
    .where('oidc_issuer', '=', issuer).where('oidc_subject', '=', subject).where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function isDeletedIdentity(executor: Executor, issuer: string, subject: string): Promise<boolean> {
  const row = await executor.selectFrom('deleted_oidc_identities').select('subject')
    .where('issuer', '=', issuer).where('subject', '=', subject).executeTakeFirst();
  return row !== undefined;
}

export async function rememberDeletedIdentity(executor: Executor, identity: { issuer: string; subject: string; email: string }, now: number): Promise<void> {
  await executor.insertInto('deleted_oidc_identities')
    .values({ issuer: identity.issuer, subject: identity.subject, email: identity.email, deleted_at: now })
    .onConflict((oc) => oc.columns(['issuer', 'subject']).doUpdateSet({ deleted_at: now, email: identity.email }))
    .execute();
}

export async function forgetDeletedIdentity(executor: Executor, issuer: string, subject: string): Promise<void> {
  await executor.deleteFrom('deleted_oidc_identities').where('issuer', '=', issuer).where('subject', '=', subject).execute();
}

export async function insertLoginState(executor: Executor, row: { state_hash: string; browser_hash: string; code_verifier: string; nonce: string; return_to: string; expires_at: number }): Promise<void> {
  await executor.insertInto('oidc_login_states').values(row).execute();
}

/** Takes the attempt out in one statement, so it can be finished once, on any instance. */
export function takeLoginState(executor: Executor, stateHash: string) {
  return executor.deleteFrom('oidc_login_states').where('state_hash', '=', stateHash).returningAll().executeTakeFirst();
}

export async function deleteExpiredLoginStates(executor: Executor, now: number): Promise<void> {
  await executor.deleteFrom('oidc_login_states').where('expires_at', '<=', now).execute();
}
