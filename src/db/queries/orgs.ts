import { sql } from 'kysely';
import { rowCount } from '../dialects.js';
import { hotQuery } from '../hot-query.js';
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
function membershipsQuery(executor: Executor, userIds: string[]) {
  return executor.selectFrom('org_members')
    .innerJoin('orgs', 'orgs.id', 'org_members.org_id')
    .select(['org_members.user_id', 'orgs.id', 'orgs.name', 'org_members.role'])
    .where('org_members.user_id', 'in', userIds)
    .orderBy('orgs.name');
}

/**
 * PostgreSQL only: the memberships of the row's `users.id` as JSON text,
 * [[org id, org name, role], …] ordered by name as membershipsOf orders them.
 * Selected with a user's row, it saves the round trip of a second query.
 */
export const membershipsJson = sql<string>`(select coalesce(json_agg(json_build_array(orgs.id, orgs.name, org_members.role) order by orgs.name), '[]')::text
  from org_members inner join orgs on orgs.id = org_members.org_id where org_members.user_id = users.id)`;

/** The memberships membershipsJson wrote for one user. */
export function decodeMemberships(userId: string, json: string): MembershipRow[] {
  return (JSON.parse(json) as [string, string, OrgRole][]).map(([id, name, role]) => ({ user_id: userId, id, name, role }));
}

// Every view of a user reads its memberships: one user's, or a page's. Each
// number of users up to a page's largest is its own query shape, compiled once.
const hotMembershipsUpTo = 100;
const membershipsByCount = new Map<number, (executor: Executor, ...userIds: string[]) => Promise<MembershipRow[]>>();

export async function membershipsOf(executor: Executor, userIds: string[]): Promise<MembershipRow[]> {
  if (userIds.length === 0) return [];
  if (userIds.length > hotMembershipsUpTo) return membershipsQuery(executor, userIds).execute();
  let query = membershipsByCount.get(userIds.length);
  if (!query) {
    query = hotQuery((ex: Executor, ...ids: string[]) => membershipsQuery(ex, ids));
    membershipsByCount.set(userIds.length, query);
  }
  return query(executor, ...userIds);
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

export function orgByIdOrName(executor: Executor, ref: string): Promise<OrgRow | undefined> {
  return executor.selectFrom('orgs').selectAll()
    .where((eb) => eb.or([eb('id', '=', ref), eb(eb.fn('lower', ['name']), '=', ref.toLowerCase())]))
    .executeTakeFirst();
}

export function orgByName(executor: Executor, name: string): Promise<OrgRow | undefined> {
  return executor.selectFrom('orgs').selectAll().where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase())).executeTakeFirst();
}

export async function updateOrg(executor: Executor, id: string, changes: Partial<Omit<OrgRow, 'id'>>): Promise<void> {
  await executor.updateTable('orgs').set(changes).where('id', '=', id).execute();
}

export async function deleteOrgRow(executor: Executor, id: string): Promise<void> {
  await executor.deleteFrom('orgs').where('id', '=', id).execute();
}

export async function countDefaultOrgs(executor: Executor): Promise<number> {
  const row = await executor.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).where('is_default', '=', 1).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function membership(executor: Executor, orgId: string, userId: string) {
  return executor.selectFrom('org_members').selectAll().where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
}

export async function countMembershipsOf(executor: Executor, userId: string): Promise<number> {
  const row = await executor.selectFrom('org_members').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setMemberRole(executor: Executor, orgId: string, userId: string, role: OrgRole): Promise<void> {
  await executor.updateTable('org_members').set({ role }).where('org_id', '=', orgId).where('user_id', '=', userId).execute();
}

export async function removeMembership(executor: Executor, orgId: string, userId: string): Promise<void> {
  await executor.deleteFrom('org_members').where('org_id', '=', orgId).where('user_id', '=', userId).execute();
}

export interface MemberRow {
  user_id: string;
  username: string;
  email: string;
  name: string;
  role: OrgRole;
  created_at: number;
}

/** A page of an organization's live members, by user id (the primary key's order). */
export function membersOf(executor: Executor, orgId: string, afterUserId: string | undefined, limit: number): Promise<MemberRow[]> {
  let query = executor.selectFrom('org_members')
    .innerJoin('users', 'users.id', 'org_members.user_id')
    .select(['org_members.user_id', 'users.username', 'users.email', 'users.name', 'org_members.role', 'org_members.created_at'])
    .where('org_members.org_id', '=', orgId)
    .where('users.deleted_at', 'is', null);
  if (afterUserId) query = query.where('org_members.user_id', '>', afterUserId);
  return query.orderBy('org_members.user_id').limit(rowCount(limit)).execute();
}

/** Users of the org who belong to no other organization: they must land somewhere when it goes. */
export async function membersWithNoOtherOrg(executor: Executor, orgId: string): Promise<string[]> {
  const rows = await executor.selectFrom('org_members as m')
    .select('m.user_id')
    .where('m.org_id', '=', orgId)
    .where(({ not, exists, selectFrom }) => not(exists(
      selectFrom('org_members as other').select('other.user_id').whereRef('other.user_id', '=', 'm.user_id').where('other.org_id', '!=', orgId),
    )))
    .execute();
  return rows.map((r) => r.user_id);
}

export async function deleteMembershipsOfOrg(executor: Executor, orgId: string): Promise<void> {
  await executor.deleteFrom('org_members').where('org_id', '=', orgId).execute();
}
