// Rows become API users here, at the domain boundary. The password hash is
// never part of what leaves.
import type { MembershipRow } from '../db/queries/orgs.js';
import type { LoginType, OrgRole, SiteRole, UserViewRow } from '../db/schema.js';
import type { ViewTime } from './dormancy.js';
import type { UserStatus } from './user-filter.js';
import { isoTime, isoTimeOrNull } from './iso-time.js';

export interface ApiUser {
  id: string;
  username: string;
  email: string;
  name: string;
  loginType: LoginType;
  siteRole: SiteRole;
  status: UserStatus;
  suspendedReason: string | null;
  suspendedUntil: string | null;
  mustChangePassword: boolean;
  organizations: { id: string; name: string; role: OrgRole }[];
  createdAt: string;
  updatedAt: string;
  lastSeenAt: string | null;
}

export function isSuspendedAt(row: Pick<UserViewRow, 'status' | 'suspended_until'>, now: number): boolean {
  return row.status === 'suspended' && (row.suspended_until === null || row.suspended_until > now);
}

export function effectiveStatus(row: UserViewRow, at: ViewTime): UserStatus {
  if (isSuspendedAt(row, at.now)) return 'suspended';
  return (row.last_seen_at ?? row.created_at) < at.dormantBefore ? 'dormant' : 'active';
}

export function toApiUser(row: UserViewRow, memberships: MembershipRow[], at: ViewTime): ApiUser {
  const now = at.now;
  const suspended = isSuspendedAt(row, now);
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    name: row.name,
    loginType: row.login_type,
    siteRole: row.site_role,
    status: effectiveStatus(row, at),
    suspendedReason: suspended ? row.suspended_reason : null,
    suspendedUntil: suspended ? isoTimeOrNull(row.suspended_until) : null,
    mustChangePassword: row.must_change_password === 1,
    organizations: memberships.filter((m) => m.user_id === row.id).map((m) => ({ id: m.id, name: m.name, role: m.role })),
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
    lastSeenAt: isoTimeOrNull(row.last_seen_at),
  };
}

/** The audited shape of a user: what the diff of a change compares. */
export function auditShape(user: ApiUser): Record<string, unknown> {
  const { id: _id, createdAt: _c, updatedAt: _u, lastSeenAt: _l, organizations, ...rest } = user;
  return { ...rest, organizations: organizations.map((o) => `${o.name} (${o.role})`) };
}
