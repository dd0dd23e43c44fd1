// An organization's members (SPEC §4): added, re-roled and removed from the
// org's Members tab. Every user keeps at least one membership (SPEC §1.1).
import {
  addMemberships, countMembershipsOf, membersOf, membership, removeMembership, setMemberRole, type MemberRow,
} from '../db/queries/orgs.js';
import type { Transaction } from 'kysely';
import type { Database, OrgRole } from '../db/schema.js';
import { diffOf, recordAudit } from './audit.js';
import type { Ctx } from './context.js';
import { fail } from './errors.js';
import { mutate } from './mutation.js';
import { assertMayManageContents, visibleOrg } from './org-access.js';
import { findUser } from './user-access.js';
import { uuidPattern } from './ids.js';
import { isoTime } from './iso-time.js';

export function toApiMember(row: MemberRow) {
  return {
    user: { id: row.user_id, username: row.username, email: row.email, name: row.name },
    role: row.role,
    joinedAt: isoTime(row.created_at),
  };
}

export async function listMembers(ctx: Ctx, orgRef: string, page: { limit?: number; cursor?: string }) {
  // A member lists the members of their own organizations only: visibleOrg sees to that.
  const org = await visibleOrg(ctx.db.kysely, ctx, orgRef);
  const after = page.cursor ? Buffer.from(page.cursor, 'base64url').toString('utf8') : undefined;
  if (after !== undefined && !uuidPattern.test(after)) fail('INVALID_CURSOR', 'The cursor is not valid; start again from the first page.', [{ field: 'cursor', detail: 'Invalid cursor.' }]);
  const limit = page.limit ?? 100;
  const rows = await membersOf(ctx.db.kysely, org.id, after, limit + 1);
  const shown = rows.slice(0, limit);
  return {
    members: shown.map(toApiMember),
    nextCursor: rows.length > limit ? Buffer.from(shown.at(-1)!.user_id).toString('base64url') : null,
  };
}

async function memberTarget(ctx: Ctx, trx: Transaction<Database>, orgRef: string, userRef: string) {
  const org = await visibleOrg(trx, ctx, orgRef);
  await assertMayManageContents(trx, ctx, org, 'members');
  const user = (await findUser(trx, ctx, userRef)) ?? fail('USER_NOT_FOUND', `No user "${userRef}".`, [{ field: 'user', detail: 'No such user.' }]);
  return { org, user };
}

export async function addMember(ctx: Ctx, orgRef: string, input: { user: string; role?: OrgRole }) {
  return mutate(ctx, { action: 'create', resourceType: 'org_member', targetName: `${input.user} in ${orgRef}` }, async (trx, note) => {
    const { org, user } = await memberTarget(ctx, trx, orgRef, input.user);
    note.target = { id: user.id, name: `${user.username} in ${org.name}` };
    if (await membership(trx, org.id, user.id)) fail('ALREADY_MEMBER', `${user.username} is already a member of ${org.name}.`, [{ field: 'user', detail: 'Already a member.' }]);
    const role = input.role ?? org.default_role;
    const now = ctx.now();
    await addMemberships(trx, user.id, [{ id: org.id, role }], now);
    await recordAudit(trx, ctx, { action: 'create', resourceType: 'org_member', target: note.target, diff: diffOf('org_member', null, { role }) });
    return toApiMember({ user_id: user.id, username: user.username, email: user.email, name: user.name, role, created_at: now });
  });
}

export async function changeMemberRole(ctx: Ctx, orgRef: string, userRef: string, role: OrgRole) {
  return mutate(ctx, { action: 'write', resourceType: 'org_member', targetName: `${userRef} in ${orgRef}` }, async (trx, note) => {
    const { org, user } = await memberTarget(ctx, trx, orgRef, userRef);
    note.target = { id: user.id, name: `${user.username} in ${org.name}` };
    const current = (await membership(trx, org.id, user.id)) ?? fail('NOT_FOUND', `${user.username} is not a member of ${org.name}.`);
    if (current.role !== role) {
      await setMemberRole(trx, org.id, user.id, role);
      await recordAudit(trx, ctx, { action: 'write', resourceType: 'org_member', target: note.target, diff: diffOf('org_member', { role: current.role }, { role }) });
    }
    return toApiMember({ user_id: user.id, username: user.username, email: user.email, name: user.name, role, created_at: current.created_at });
  });
}

export async function removeMember(ctx: Ctx, orgRef: string, userRef: string): Promise<void> {
  await mutate(ctx, { action: 'delete', resourceType: 'org_member', targetName: `${userRef} in ${orgRef}` }, async (trx, note) => {
    const { org, user } = await memberTarget(ctx, trx, orgRef, userRef);
    note.target = { id: user.id, name: `${user.username} in ${org.name}` };
    const current = (await membership(trx, org.id, user.id)) ?? fail('NOT_FOUND', `${user.username} is not a member of ${org.name}.`);
    if ((await countMembershipsOf(trx, user.id)) <= 1) {
      fail('LAST_MEMBERSHIP', `${org.name} is ${user.username}'s only organization; add them to another one first.`);
    }
    await removeMembership(trx, org.id, user.id);
    await recordAudit(trx, ctx, { action: 'delete', resourceType: 'org_member', target: note.target, diff: diffOf('org_member', { role: current.role }, null) });
  });
}
