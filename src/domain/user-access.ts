// Finding the target of a request and deciding whether the actor may act on
// it: the guardrails of SPEC §2, whatever the UI shows.
import { decodeMemberships, membershipsOf } from '../db/queries/orgs.js';
import { userById, userByUsername } from '../db/queries/users.js';
import type { UserRow, UserViewRow } from '../db/schema.js';
import type { Actor, Ctx, Executor } from './context.js';
import { fail } from './errors.js';
import { uuidPattern } from './ids.js';
import { can } from './permissions.js';
import { viewTime } from './dormancy.js';
import { toApiUser, type ApiUser } from './user-view.js';

export function requireActor(ctx: Ctx): Actor {
  return ctx.actor ?? fail('UNAUTHENTICATED', 'Sign in first.');
}

/** `{user}` in a path: an id, a username, or `me`. */
export async function findUser(executor: Executor, ctx: Ctx, ref: string): Promise<UserRow | undefined> {
  if (ref === 'me') return userById(executor, requireActor(ctx).id);
  return uuidPattern.test(ref) ? userById(executor, ref) : userByUsername(executor, ref);
}

/**
 * The target user, if the actor may see it. Someone who may not even list
 * users is told the user does not exist, so probing reveals nothing.
 */
export async function visibleUser(executor: Executor, ctx: Ctx, ref: string): Promise<UserRow> {
  const actor = requireActor(ctx);
  const target = await findUser(executor, ctx, ref);
  if (target && (target.id === actor.id || can(actor.role, 'user.read'))) return target;
  if (target && can(actor.role, 'user.list')) fail('FORBIDDEN', 'You may only view your own account.');
  return fail('USER_NOT_FOUND', `No user "${ref}".`);
}

export type ManagingAction = 'change the role of' | 'reset the password of' | 'suspend' | 'activate' | 'delete' | 'edit' | 'change the auth type of' | 'unlock';

/**
 * Nobody acts on themselves this way; the site admin is untouchable; only the
 * site admin acts on a site manager.
 */
export function assertMayManage(actor: Actor, target: UserRow, action: ManagingAction): void {
  if (target.id === actor.id) fail('FORBIDDEN', `You cannot ${action} yourself.`);
  if (target.site_role === 'site-admin') fail('FORBIDDEN', `Nobody can ${action} the site admin.`);
  if (target.site_role === 'site-manager' && actor.role !== 'site-admin') {
    fail('FORBIDDEN', `Only the site admin can ${action} a site manager.`);
  }
}

/** One user as the API shows it, with its memberships: those already read with the session (Actor.rowMemberships), or read now. */
export async function apiUser(executor: Executor, ctx: Ctx, row: UserViewRow, rowMemberships?: string): Promise<ApiUser> {
  const memberships = rowMemberships === undefined ? await membershipsOf(executor, [row.id]) : decodeMemberships(row.id, rowMemberships);
  return toApiUser(row, memberships, await viewTime(ctx, executor));
}
