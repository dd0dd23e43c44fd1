// Finding an organization and deciding what the actor may do in it: site
// roles from the permission table, plus org roles (SPEC §4): an org manager
// manages their own organization's members and images, nothing else.
import { membership, orgByIdOrName } from '../db/queries/orgs.js';
import type { OrgRow } from '../db/schema.js';
import type { Ctx, Executor } from './context.js';
import { fail } from './errors.js';
import { can } from './permissions.js';
import { requireActor } from './user-access.js';

/** `{org}` in a path: an id or a name. Members see their own organizations only; others are "not found". */
export async function visibleOrg(executor: Executor, ctx: Ctx, ref: string): Promise<OrgRow> {
  const actor = requireActor(ctx);
  const org = await orgByIdOrName(executor, ref);
  if (org && (can(actor.role, 'org.read') || (await membership(executor, org.id, actor.id)))) return org;
  return fail('ORG_NOT_FOUND', `No organization "${ref}".`);
}

/** Site managers and up, or this organization's own managers. */
export async function assertMayManageContents(executor: Executor, ctx: Ctx, org: OrgRow, what: 'members' | 'images'): Promise<void> {
  const actor = requireActor(ctx);
  const permission = what === 'members' ? 'org-member.manage' : 'image.manage';
  if (can(actor.role, permission)) return;
  if ((await membership(executor, org.id, actor.id))?.role === 'org-manager') return;
  fail('FORBIDDEN', `Only site managers and this organization's managers can change its ${what}.`);
}
