import type { Executor } from '../../domain/context.js';
import type { OrgRole, OrgRow } from '../schema.js';

export function defaultOrgs(executor: Executor): Promise<OrgRow[]> {
  return executor.selectFrom('orgs').selectAll().where('is_default', '=', 1).orderBy('name').execute();
}

export async function orgsByIdsOrNames(executor: Executor, refs: string[]): Promise<OrgRow[]> {
  if (refs.length === 0) return [];
  const lowered = refs.map((r) => r.toLowerCase());
  return executor.selectFrom('orgs').selectAll()
    .where((eb) => eb.or([eb('id', 'in', refs), eb(eb.fn('lower', ['name']), 'in', lowered)]))
    .execute();
}

export async function insertOrg(executor: Executor, row: OrgRow): Promise<void> {
  await executor.insertInto('orgs').values(row).execute();
}

export async function addMemberships(executor: Executor, userId: string, orgs: { id: string; role: OrgRole }[], now: number): Promise<void> {
  if (orgs.length === 0) return;
  await executor.insertInto('org_members')
    .values(orgs.map((o) => ({ org_id: o.id, user_id: userId, role: o.role, created_at: now })))
    .execute();
}

export interface MembershipRow {
  user_id: string;
  id: string;
  name: string;
  role: OrgRole;
}

/** Memberships of many users in one query, for a page of users. */
export async function membershipsOf(executor: Executor, userIds: string[]): Promise<MembershipRow[]> {
  if (userIds.length === 0) return [];
  return executor.selectFrom('org_members')
    .innerJoin('orgs', 'orgs.id', 'org_members.org_id')
    .select(['org_members.user_id', 'orgs.id', 'orgs.name', 'org_members.role'])
    .where('org_members.user_id', 'in', userIds)
    .orderBy('orgs.name')
    .execute();
}

export function allOrgs(executor: Executor): Promise<OrgRow[]> {
  return executor.selectFrom('orgs').selectAll().orderBy('name').execute();
}

export function orgsOfUser(executor: Executor, userId: string): Promise<OrgRow[]> {
  return executor.selectFrom('orgs')
    .innerJoin('org_members', 'org_members.org_id', 'orgs.id')
    .selectAll('orgs')
    .where('org_members.user_id', '=', userId)
    .orderBy('orgs.name')
    .execute();
}
