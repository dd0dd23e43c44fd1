// Bulk actions on users (issue 9): by ids, or by a filter one page at a time
// (the caller follows nextCursor, and shows progress as it goes). Each user is
// changed in a transaction of its own through the same function a single
// change uses, so guardrails, audit entries and refusals are exactly those of
// one-by-one work, and no write lock is held across the batch. A dry run asks
// the same questions and changes nothing.
import { listUsers } from '../db/queries/user-list.js';
import type { SiteRole, UserRow } from '../db/schema.js';
import type { Actor, Ctx } from './context.js';
import { viewTime } from './dormancy.js';
import { AppError, fail } from './errors.js';
import { can, mayAssign, type Permission } from './permissions.js';
import { assertMayManage, requireActor, type ManagingAction } from './user-access.js';
import { parseUserFilter } from './user-filter.js';
import { isSuspendedAt } from './user-view.js';
import { activateUser, deleteUser, resetPassword, suspendUser } from './users-lifecycle.js';
import { updateUserProfile } from './users-update.js';

export type BulkAction = 'suspend' | 'activate' | 'change-role' | 'delete' | 'reset-password';

export interface BulkInput {
  action: BulkAction;
  ids?: string[];
  q?: string;
  cursor?: string;
  dryRun: boolean;
  role?: SiteRole;
  reason?: string;
}

export interface BulkResult {
  id: string;
  username: string;
  email: string;
  outcome: 'done' | 'would-do' | 'skipped' | 'refused';
  reason?: string;
  temporaryPassword?: string;
}

const permissionFor: Record<BulkAction, Permission> = {
  suspend: 'user.suspend', activate: 'user.suspend', 'change-role': 'user.assign-role', delete: 'user.delete', 'reset-password': 'user.reset-password',
};
const verbFor: Record<BulkAction, ManagingAction> = {
  suspend: 'suspend', activate: 'activate', 'change-role': 'change the role of', delete: 'delete', 'reset-password': 'reset the password of',
};
export const bulkPageSize = 200;

/** Why this user would be left alone, or null when the action applies. Shared by the dry run and the real one. */
function precheck(actor: Actor, target: UserRow, input: BulkInput, now: number): Pick<BulkResult, 'outcome' | 'reason'> | null {
  try {
    assertMayManage(actor, target, verbFor[input.action]);
  } catch (error) {
    if (error instanceof AppError) return { outcome: 'refused', reason: error.message };
    throw error;
  }
  const suspended = isSuspendedAt(target, now);
  switch (input.action) {
    case 'suspend': return suspended ? { outcome: 'skipped', reason: 'Already suspended.' } : null;
    case 'activate': return suspended ? null : { outcome: 'skipped', reason: 'Not suspended.' };
    case 'reset-password': return target.login_type === 'built-in' ? null : { outcome: 'skipped', reason: 'Signs in with OpenID Connect: no password to reset.' };
    case 'change-role':
      if (!mayAssign(actor.role, input.role!)) return { outcome: 'refused', reason: `You cannot grant the ${input.role} role.` };
      return target.site_role === input.role ? { outcome: 'skipped', reason: `Already ${input.role}.` } : null;
    case 'delete': return null;
  }
}

async function apply(ctx: Ctx, target: UserRow, input: BulkInput): Promise<Partial<BulkResult>> {
  switch (input.action) {
    case 'suspend': await suspendUser(ctx, target.id, { reason: input.reason }); return {};
    case 'activate': await activateUser(ctx, target.id); return {};
    case 'change-role': await updateUserProfile(ctx, target.id, { siteRole: input.role }); return {};
    case 'delete': await deleteUser(ctx, target.id); return {};
    case 'reset-password': return { temporaryPassword: (await resetPassword(ctx, target.id)).temporaryPassword };
  }
}

/** The live users among `ids`, whole, in the order of `ids`. */
async function liveUsersByIds(ctx: Ctx, ids: string[]): Promise<UserRow[]> {
  if (!ids.length) return [];
  const rows = await ctx.db.kysely.selectFrom('users').selectAll().where('id', 'in', ids).where('deleted_at', 'is', null).execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row): row is UserRow => row !== undefined);
}

export async function bulkUsers(ctx: Ctx, input: BulkInput): Promise<{ results: BulkResult[]; nextCursor: string | null }> {
  const actor = requireActor(ctx);
  if (!can(actor.role, permissionFor[input.action])) fail('FORBIDDEN', `You may not ${verbFor[input.action]} users.`);
  if (input.action === 'change-role' && !input.role) fail('VALIDATION_FAILED', 'Say which role to give.', [{ field: 'role', detail: 'Required for change-role.' }]);
  if (!input.ids === (input.q === undefined)) fail('VALIDATION_FAILED', 'Give either ids or a filter (q).', [{ field: 'ids', detail: 'Either ids or q.' }]);

  const at = await viewTime(ctx);
  let targets: UserRow[];
  let nextCursor: string | null = null;
  if (input.ids) {
    targets = await liveUsersByIds(ctx, input.ids);
  } else {
    let after: { value: number; id: string } | undefined;
    if (input.cursor) {
      const [value, id] = Buffer.from(input.cursor, 'base64url').toString('utf8').split('|');
      if (!id || !Number.isSafeInteger(Number(value))) fail('INVALID_CURSOR', 'The cursor is not valid; start again.', [{ field: 'cursor', detail: 'Invalid cursor.' }]);
      after = { value: Number(value), id };
    }
    const listed = await listUsers(ctx.db.kysely, {
      dialect: ctx.db.dialect, filter: parseUserFilter(input.q ?? ''), sort: 'created', direction: 'desc',
      limit: bulkPageSize, now: at.now, dormantBefore: at.dormantBefore, after,
    });
    // A list reads what a view shows; the changes below need whole rows.
    targets = await liveUsersByIds(ctx, listed.map((row) => row.id));
    const last = targets.at(-1);
    if (targets.length === bulkPageSize && last) nextCursor = Buffer.from(`${last.created_at}|${last.id}`).toString('base64url');
  }

  const results: BulkResult[] = [];
  for (const target of targets) {
    const base = { id: target.id, username: target.username, email: target.email };
    const left = precheck(actor, target, input, at.now);
    if (left) { results.push({ ...base, ...left }); continue; }
    if (input.dryRun) { results.push({ ...base, outcome: 'would-do' }); continue; }
    try {
      results.push({ ...base, outcome: 'done', ...(await apply(ctx, target, input)) });
    } catch (error) {
      // Refused after all (a concurrent change): reported for this user, the rest go on.
      if (!(error instanceof AppError)) throw error;
      results.push({ ...base, outcome: 'refused', reason: error.message });
    }
  }
  if (input.ids) {
    for (const id of input.ids) if (!targets.some((t) => t.id === id)) results.push({ id, username: '', email: '', outcome: 'refused', reason: 'No such user.' });
  }
  return { results, nextCursor };
}
