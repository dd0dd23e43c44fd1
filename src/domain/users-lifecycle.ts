// Delete, suspend, activate and reset password (SPEC §1.3–1.5). Each ends the
// target's sessions and tokens in the same transaction as the change, so the
// next request on any instance is refused.
import type { Transaction } from 'kysely';
import { deleteApiTokensOf, deleteSessionsOf } from '../db/queries/sessions.js';
import { clearThrottle } from '../db/queries/login-throttle.js';
import { rememberDeletedIdentity } from '../db/queries/oidc.js';
import { updateUser, userById } from '../db/queries/users.js';
import type { Database, UserRow, UserUpdate } from '../db/schema.js';
import { diffOf, recordAudit } from './audit.js';
import type { Ctx } from './context.js';
import { fail } from './errors.js';
import { mutate } from './mutation.js';
import { generateTemporaryPassword, hashPassword } from './passwords.js';
import { can } from './permissions.js';
import { apiUser, assertMayManage, requireActor, visibleUser, type ManagingAction } from './user-access.js';
import { auditShape, isSuspendedAt, type ApiUser } from './user-view.js';

async function endAccess(trx: Transaction<Database>, userId: string): Promise<void> {
  await deleteSessionsOf(trx, userId);
  await deleteApiTokensOf(trx, userId);
}

/** Finds a target the actor may manage; refusals are audited by `mutate`. */
async function managedTarget(trx: Transaction<Database>, ctx: Ctx, ref: string, action: ManagingAction, note: { target?: { id: string | null; name: string | null } }): Promise<UserRow> {
  const actor = requireActor(ctx);
  const target = await visibleUser(trx, ctx, ref);
  note.target = { id: target.id, name: target.username };
  assertMayManage(actor, target, action);
  return target;
}

/** Applies `changes`, audits the difference, and returns the user as it now is. */
async function applyAndAudit(trx: Transaction<Database>, ctx: Ctx, target: UserRow, action: string, changes: UserUpdate, secret?: boolean): Promise<ApiUser> {
  const now = ctx.now();
  const before = await apiUser(trx, ctx, target);
  await updateUser(trx, target.id, { ...changes, updated_at: now });
  const after = await apiUser(trx, ctx, (await userById(trx, target.id))!);
  const diff = diffOf('user', { ...auditShape(before), ...(secret ? { password: 'old' } : {}) }, { ...auditShape(after), ...(secret ? { password: 'new' } : {}) });
  await recordAudit(trx, ctx, { action, resourceType: 'user', target: { id: target.id, name: target.username }, diff });
  return after;
}

export async function deleteUser(ctx: Ctx, ref: string): Promise<void> {
  await mutate(ctx, { action: 'delete', resourceType: 'user', targetName: ref }, async (trx, note) => {
    const target = await managedTarget(trx, ctx, ref, 'delete', note);
    const now = ctx.now();
    // Soft delete: the row stays for the audit trail; the partial unique
    // indexes only cover live rows, so username and email are free at once.
    await updateUser(trx, target.id, { deleted_at: now, updated_at: now });
    await endAccess(trx, target.id);
    // Remembered so automatic creation does not bring the user back (SPEC §1.4).
    if (target.oidc_issuer && target.oidc_subject) {
      await rememberDeletedIdentity(trx, { issuer: target.oidc_issuer, subject: target.oidc_subject, email: target.email }, now);
    }
    await recordAudit(trx, ctx, { action: 'delete', resourceType: 'user', target: { id: target.id, name: target.username } });
  });
}

export interface SuspendInput {
  reason?: string;
  until?: string;
}

export async function suspendUser(ctx: Ctx, ref: string, input: SuspendInput): Promise<ApiUser> {
  return mutate(ctx, { action: 'suspend', resourceType: 'user', targetName: ref }, async (trx, note) => {
    const target = await managedTarget(trx, ctx, ref, 'suspend', note);
    const until = input.until === undefined ? null : Date.parse(input.until);
    if (until !== null && until <= ctx.now()) fail('VALIDATION_FAILED', 'The suspension must end in the future.', [{ field: 'until', detail: 'Must be in the future.' }]);
    await endAccess(trx, target.id);
    return applyAndAudit(trx, ctx, target, 'suspend', { status: 'suspended', suspended_reason: input.reason?.trim() || null, suspended_until: until });
  });
}

export async function activateUser(ctx: Ctx, ref: string): Promise<ApiUser> {
  return mutate(ctx, { action: 'activate', resourceType: 'user', targetName: ref }, async (trx, note) => {
    const target = await managedTarget(trx, ctx, ref, 'activate', note);
    if (!isSuspendedAt(target, ctx.now()) && target.status === 'active') return apiUser(trx, ctx, target);
    return applyAndAudit(trx, ctx, target, 'activate', { status: 'active', suspended_reason: null, suspended_until: null });
  });
}

export async function resetPassword(ctx: Ctx, ref: string): Promise<{ temporaryPassword: string }> {
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await mutate(ctx, { action: 'password_reset', resourceType: 'user', targetName: ref }, async (trx, note) => {
    const actor = requireActor(ctx);
    if (!can(actor.role, 'user.reset-password')) fail('FORBIDDEN', 'You may not reset passwords.');
    const target = await managedTarget(trx, ctx, ref, 'reset the password of', note);
    if (target.login_type !== 'built-in') fail('NOT_BUILT_IN', 'This user signs in with OpenID Connect and has no password to reset.');
    await endAccess(trx, target.id);
    await applyAndAudit(trx, ctx, target, 'password_reset', {
      password_hash: passwordHash, must_change_password: 1,
      password_expires_at: ctx.now() + ctx.config.temporaryPasswordLifetime * 1000,
    }, true);
  });
  return { temporaryPassword };
}

/** Lifts a brute-force lock on the account (SPEC §3.2): a site manager's job. */
export async function unlockUser(ctx: Ctx, ref: string): Promise<ApiUser> {
  return mutate(ctx, { action: 'unlock', resourceType: 'user', targetName: ref }, async (trx, note) => {
    const target = await managedTarget(trx, ctx, ref, 'unlock', note);
    await clearThrottle(trx, `account:${target.id}`);
    await recordAudit(trx, ctx, { action: 'unlock', resourceType: 'user', target: { id: target.id, name: target.username } });
    return apiUser(trx, ctx, target);
  });
}
