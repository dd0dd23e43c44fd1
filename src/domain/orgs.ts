// Organizations (SPEC §4): at least one is always a default one; deleting
// one keeps its users (those left with none join the defaults) and drops its
// images, all in one transaction.
import { deleteImagesOfOrg } from '../db/queries/images.js';
import {
  addMemberships, allOrgs, countDefaultOrgs, defaultOrgs, deleteMembershipsOfOrg, deleteOrgRow, insertOrg,
  membersWithNoOtherOrg, orgByName, orgsOfUser, updateOrg,
} from '../db/queries/orgs.js';
import type { OrgRole, OrgRow } from '../db/schema.js';
import { isUniqueViolation } from '../db/dialects.js';
import { diffOf, recordAudit } from './audit.js';
import type { Ctx, Executor } from './context.js';
import { fail } from './errors.js';
import { newId } from './ids.js';
import { mutate } from './mutation.js';
import { visibleOrg } from './org-access.js';
import { can } from './permissions.js';
import { requireActor } from './user-access.js';
import { isoTime } from './iso-time.js';

export function toApiOrg(row: OrgRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    default: row.is_default === 1,
    defaultRole: row.default_role,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
  };
}
export type ApiOrg = ReturnType<typeof toApiOrg>;

/** Everyone who may read all organizations sees them all; a member sees their own. */
export async function listOrgs(ctx: Ctx): Promise<ApiOrg[]> {
  const actor = requireActor(ctx);
  const rows = can(actor.role, 'org.read') ? await allOrgs(ctx.db.kysely) : await orgsOfUser(ctx.db.kysely, actor.id);
  return rows.map(toApiOrg);
}

export async function getOrg(ctx: Ctx, ref: string): Promise<ApiOrg> {
  return toApiOrg(await visibleOrg(ctx.db.kysely, ctx, ref));
}

async function assertNameFree(executor: Executor, name: string, exceptId?: string): Promise<void> {
  const owner = await orgByName(executor, name);
  if (owner && owner.id !== exceptId) fail('ORG_NAME_TAKEN', 'Another organization already has this name.', [{ field: 'name', detail: 'Already in use.' }]);
}

function nameTakenOnRace(error: unknown): never {
  if (isUniqueViolation(error)) fail('ORG_NAME_TAKEN', 'Another organization already has this name.', [{ field: 'name', detail: 'Already in use.' }]);
  throw error;
}

const auditShape = (org: ApiOrg) => ({ name: org.name, description: org.description, default: org.default, defaultRole: org.defaultRole });

export interface OrgInput {
  name: string;
  description?: string;
  default?: boolean;
  defaultRole?: OrgRole;
}

export async function createOrg(ctx: Ctx, input: OrgInput): Promise<ApiOrg> {
  return mutate(ctx, { action: 'create', resourceType: 'org', targetName: input.name }, async (trx) => {
    const name = input.name.trim();
    await assertNameFree(trx, name);
    const now = ctx.now();
    const row: OrgRow = {
      id: newId(now), name, description: input.description?.trim() ?? '', is_default: input.default ? 1 : 0,
      default_role: input.defaultRole ?? 'org-member', created_at: now, updated_at: now,
    };
    try {
      await insertOrg(trx, row);
    } catch (error) {
      nameTakenOnRace(error);
    }
    const org = toApiOrg(row);
    await recordAudit(trx, ctx, { action: 'create', resourceType: 'org', target: { id: row.id, name }, diff: diffOf('org', null, auditShape(org)) });
    return org;
  });
}

export async function updateOrgDetails(ctx: Ctx, ref: string, patch: Partial<OrgInput>): Promise<ApiOrg> {
  return mutate(ctx, { action: 'write', resourceType: 'org', targetName: ref }, async (trx, note) => {
    const org = await visibleOrg(trx, ctx, ref);
    note.target = { id: org.id, name: org.name };
    const changes: Partial<OrgRow> = {};
    if (patch.name !== undefined && patch.name.trim() !== org.name) {
      await assertNameFree(trx, patch.name.trim(), org.id);
      changes.name = patch.name.trim();
    }
    if (patch.description !== undefined) changes.description = patch.description.trim();
    if (patch.defaultRole !== undefined) changes.default_role = patch.defaultRole;
    if (patch.default !== undefined && patch.default !== (org.is_default === 1)) {
      if (!patch.default && (await countDefaultOrgs(trx)) <= 1) {
        fail('LAST_DEFAULT_ORG', 'At least one organization must stay a default one; make another default first.', [{ field: 'default', detail: 'This is the last default organization.' }]);
      }
      changes.is_default = patch.default ? 1 : 0;
    }
    const before = toApiOrg(org);
    if (Object.keys(changes).length === 0) return before;
    changes.updated_at = ctx.now();
    try {
      await updateOrg(trx, org.id, changes);
    } catch (error) {
      nameTakenOnRace(error);
    }
    const after = toApiOrg({ ...org, ...changes });
    await recordAudit(trx, ctx, { action: 'write', resourceType: 'org', target: { id: org.id, name: after.name }, diff: diffOf('org', auditShape(before), auditShape(after)) });
    return after;
  });
}

export async function deleteOrg(ctx: Ctx, ref: string): Promise<void> {
  await mutate(ctx, { action: 'delete', resourceType: 'org', targetName: ref }, async (trx, note) => {
    const org = await visibleOrg(trx, ctx, ref);
    note.target = { id: org.id, name: org.name };
    if (org.is_default === 1 && (await countDefaultOrgs(trx)) <= 1) {
      fail('LAST_DEFAULT_ORG', 'The last default organization cannot be deleted; make another default first.');
    }
    const now = ctx.now();
    const stranded = await membersWithNoOtherOrg(trx, org.id);
    await deleteImagesOfOrg(trx, org.id);
    await deleteMembershipsOfOrg(trx, org.id);
    await deleteOrgRow(trx, org.id);
    // Users are kept: those it leaves with no organization join the default ones.
    const defaults = (await defaultOrgs(trx)).map((o) => ({ id: o.id, role: o.default_role }));
    for (const userId of stranded) await addMemberships(trx, userId, defaults, now);
    await recordAudit(trx, ctx, {
      action: 'delete', resourceType: 'org', target: { id: org.id, name: org.name },
      reason: stranded.length ? `${stranded.length} user(s) moved to the default organizations` : undefined,
    });
  });
}

