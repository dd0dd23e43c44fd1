// The API's shapes as the UI uses them (SPEC §6.2).
export type SiteRole = 'site-admin' | 'site-manager' | 'auditor' | 'member';
export type LoginType = 'built-in' | 'oidc';
export type UserStatus = 'active' | 'suspended' | 'dormant';

export interface User {
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

export type OrgRole = 'org-manager' | 'org-member';

export interface Org {
  id: string;
  name: string;
  description: string;
  default: boolean;
  defaultRole: OrgRole;
  createdAt: string;
  updatedAt: string;
}

export interface Member {
  user: Pick<User, 'id' | 'username' | 'email' | 'name'>;
  role: OrgRole;
  joinedAt: string;
}

export interface Image {
  id: string;
  orgId: string;
  /** Present in the signed-in user's own catalogue (GET /api/v1/images). */
  orgName?: string;
  name: string;
  repository: string;
  tag: string;
  description: string;
  createdAt: string;
  updatedAt: string;
}

export type Permission =
  | 'user.read.own' | 'user.update.own' | 'user.list' | 'user.read' | 'user.create' | 'user.update'
  | 'user.delete' | 'user.suspend' | 'user.reset-password' | 'user.assign-role'
  | 'org.read.own' | 'org.read' | 'org.create' | 'org.update' | 'org.delete'
  | 'org-member.list.own' | 'org-member.read' | 'org-member.manage'
  | 'image.read.own' | 'image.read' | 'image.manage'
  | 'audit.read' | 'audit.export' | 'token.manage.own' | 'token.manage.any'
  | 'settings.read' | 'settings.update';

export interface Permissions {
  siteRole: SiteRole;
  permissions: Record<Permission, boolean>;
}

export const roleLabels: Record<SiteRole, string> = {
  'site-admin': 'Site Admin',
  'site-manager': 'Site Manager',
  auditor: 'Auditor',
  member: 'Member',
};

export const orgRoleLabels: Record<OrgRole, string> = { 'org-manager': 'Org manager', 'org-member': 'Org member' };

export const loginTypeLabels: Record<LoginType, string> = { 'built-in': 'Built-In', oidc: 'OpenID Connect' };
