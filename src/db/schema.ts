// One Database interface for both dialects. Times are epoch milliseconds and
// flags are 0/1 integers in both databases, so no value needs a dialect switch.
import type { Insertable, Selectable, Updateable } from 'kysely';

export type SiteRole = 'site-admin' | 'site-manager' | 'auditor' | 'member';
export type LoginType = 'built-in' | 'oidc';
export type StoredStatus = 'active' | 'suspended';
export type OrgRole = 'org-manager' | 'org-member';

export interface UsersTable {
  id: string;
  username: string;
  email: string;
  name: string;
  login_type: LoginType;
  site_role: SiteRole;
  status: StoredStatus;
  suspended_reason: string | null;
  suspended_until: number | null;
  must_change_password: number;
  password_hash: string | null;
  /** When the current temporary password stops working (null: not temporary). */
  password_expires_at: number | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  created_at: number;
  updated_at: number;
  last_seen_at: number | null;
  deleted_at: number | null;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
  expires_at: number | null;
}

export interface OrgsTable {
  id: string;
  name: string;
  description: string;
  is_default: number;
  default_role: OrgRole;
  created_at: number;
  updated_at: number;
}

export interface OrgMembersTable {
  org_id: string;
  user_id: string;
  role: OrgRole;
  created_at: number;
}

export interface AuditLogTable {
  id: string;
  time: number;
  actor_id: string | null;
  actor_email: string | null;
  ip: string | null;
  user_agent: string | null;
  action: string;
  resource_type: string;
  target_id: string | null;
  target_name: string | null;
  result: 'success' | 'failure';
  reason: string | null;
  /** JSON: { field: [old, new] }. */
  diff: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface OidcLoginStatesTable {
  state_hash: string;
  /** Hash of the cookie that ties the attempt to the browser that started it. */
  browser_hash: string;
  code_verifier: string;
  nonce: string;
  return_to: string;
  expires_at: number;
}

export interface DeletedOidcIdentitiesTable {
  issuer: string;
  subject: string;
  email: string | null;
  deleted_at: number;
}

export interface ImagesTable {
  id: string;
  org_id: string;
  name: string;
  repository: string;
  tag: string;
  description: string;
  created_at: number;
  updated_at: number;
}

export interface LoginThrottleTable {
  /** `account:<user id or login>` or `address:<client address>`. */
  key: string;
  failures: number;
  window_started_at: number;
  locked_until: number | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  orgs: OrgsTable;
  org_members: OrgMembersTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  oidc_login_states: OidcLoginStatesTable;
  deleted_oidc_identities: DeletedOidcIdentitiesTable;
  images: ImagesTable;
  login_throttle: LoginThrottleTable;
}

export type ImageRow = Selectable<ImagesTable>;

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;

/**
 * The columns a view of a user needs (src/domain/user-view.ts): lists read
 * these only. The password hash and the identity-provider subject never
 * leave the database for a list, and a page of 25 reads a quarter less.
 */
export const userViewColumns = [
  'id', 'username', 'email', 'name', 'login_type', 'site_role', 'status', 'suspended_reason', 'suspended_until',
  'must_change_password', 'created_at', 'updated_at', 'last_seen_at',
] as const satisfies readonly (keyof UsersTable)[];
export type UserViewRow = Pick<UserRow, (typeof userViewColumns)[number]>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type OrgRow = Selectable<OrgsTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type NewAuditRow = Insertable<AuditLogTable>;
