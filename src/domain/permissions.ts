// The one table of who may do what (SPEC §2). Every route names one of these
// permissions; `can` answers from the table; the UI reads the same answers
// from GET /api/v1/users/me/permissions and never looks at role names.
import type { SiteRole } from '../db/schema.js';

export const allPermissions = [
  'user.read.own', 'user.update.own', 'user.list', 'user.read', 'user.create', 'user.update',
  'user.delete', 'user.suspend', 'user.reset-password', 'user.assign-role',
  'org.read.own', 'org.read', 'org.create', 'org.update', 'org.delete',
  'org-member.list.own', 'org-member.read', 'org-member.manage',
  'image.read.own', 'image.read', 'image.manage',
  'audit.read', 'audit.export',
  'token.manage.own', 'token.manage.any',
  'settings.read', 'settings.update',
] as const;

export type Permission = (typeof allPermissions)[number];

interface RoleGrants {
  inherits?: SiteRole;
  grants: readonly Permission[];
}

// Roles are additive: each inherits everything of the one below it.
export const roleTable = {
  member: {
    grants: ['user.read.own', 'user.update.own', 'org.read.own', 'org-member.list.own', 'image.read.own', 'token.manage.own'],
  },
  auditor: {
    inherits: 'member',
    grants: ['user.list', 'org.read', 'org-member.read', 'image.read', 'audit.read', 'audit.export', 'settings.read'],
  },
  'site-manager': {
    inherits: 'auditor',
    grants: [
      'user.read', 'user.create', 'user.update', 'user.delete', 'user.suspend', 'user.reset-password', 'user.assign-role',
      'org.create', 'org.update', 'org.delete', 'org-member.manage', 'image.manage', 'settings.update',
    ],
  },
  'site-admin': {
    inherits: 'site-manager',
    grants: ['token.manage.any'],
  },
} as const satisfies Record<SiteRole, RoleGrants>;

/** Which site roles each role may hand out (SPEC §2, "site roles" row). */
export const assignableRoles = {
  'site-admin': ['member', 'auditor', 'site-manager'],
  'site-manager': ['member', 'auditor'],
  auditor: [],
  member: [],
} as const satisfies Record<SiteRole, readonly SiteRole[]>;

export const siteRoles: readonly SiteRole[] = ['member', 'auditor', 'site-manager', 'site-admin'];

const granted = new Map<SiteRole, ReadonlySet<Permission>>();
for (const role of siteRoles) {
  const set = new Set<Permission>();
  for (let r: SiteRole | undefined = role; r; r = (roleTable[r] as RoleGrants).inherits) {
    for (const permission of roleTable[r].grants) set.add(permission);
  }
  granted.set(role, set);
}

export function can(role: SiteRole, permission: Permission): boolean {
  return granted.get(role)!.has(permission);
}

export function mayAssign(actorRole: SiteRole, role: SiteRole): boolean {
  return (assignableRoles[actorRole] as readonly SiteRole[]).includes(role);
}

/** Everything the role may do, as booleans, for the UI. */
export function permissionsOf(role: SiteRole): Record<Permission, boolean> {
  return Object.fromEntries(allPermissions.map((p) => [p, can(role, p)])) as Record<Permission, boolean>;
}
