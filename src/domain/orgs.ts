// Organizations as far as users need them today: listing them (SPEC §4).
// Creating and managing organizations arrives with its own issue.
import { allOrgs, orgsOfUser } from '../db/queries/orgs.js';
import type { OrgRow } from '../db/schema.js';
import type { Ctx } from './context.js';
import { can } from './permissions.js';
import { requireActor } from './user-access.js';

export function toApiOrg(row: OrgRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    default: row.is_default === 1,
    defaultRole: row.default_role,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Everyone who may read all organizations sees them all; a member sees their own. */
export async function listOrgs(ctx: Ctx) {
  const actor = requireActor(ctx);
  const rows = can(actor.role, 'org.read') ? await allOrgs(ctx.db.kysely) : await orgsOfUser(ctx.db.kysely, actor.id);
  return rows.map(toApiOrg);
}
