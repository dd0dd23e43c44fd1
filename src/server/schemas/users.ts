import { z } from 'zod';
import { allPermissions, siteRoles } from '../../domain/permissions.js';
import { Cursor, Email, IsoTime, Limit } from './common.js';

export const SiteRole = z.enum(siteRoles as ['member', 'auditor', 'site-manager', 'site-admin']);
export const LoginType = z.enum(['built-in', 'oidc']);
const Username = z.string().min(1).max(39);
const Name = z.string().max(128);

export const User = z.object({
  id: z.string(),
  username: z.string(),
  email: z.string(),
  name: z.string(),
  loginType: LoginType,
  siteRole: SiteRole,
  status: z.enum(['active', 'suspended', 'dormant']),
  suspendedReason: z.string().nullable(),
  suspendedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  organizations: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(['org-manager', 'org-member']) })),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastSeenAt: z.string().nullable(),
});

export const UserEnvelope = z.object({ user: User });

/** What a user may do: every permission, true or false. */
export const Permissions = z.object({
  siteRole: z.string(),
  permissions: z.object(Object.fromEntries(allPermissions.map((p) => [p, z.boolean()]))),
});
export const UserWithPassword = z.object({ user: User, temporaryPassword: z.string().optional() });

export const ListUsersQuery = z.strictObject({
  q: z.string().max(512).optional(),
  sort: z.string().max(20).optional(),
  limit: Limit.optional(),
  cursor: Cursor.optional(),
  /** `true` adds `total`: how many users match (counted only when asked). */
  count: z.enum(['true', 'false']).optional(),
});
export const UserPage = z.object({ users: z.array(User), nextCursor: z.string().nullable(), total: z.number().int().optional() });

export const BulkBody = z.strictObject({
  action: z.enum(['suspend', 'activate', 'change-role', 'delete', 'reset-password']),
  ids: z.array(z.string().min(1).max(64)).min(1).max(500).optional(),
  q: z.string().max(512).optional(),
  cursor: Cursor.optional(),
  dryRun: z.boolean(),
  role: SiteRole.optional(),
  reason: z.string().max(256).optional(),
});
export const BulkResponse = z.object({
  results: z.array(z.object({
    id: z.string(), username: z.string(), email: z.string(),
    outcome: z.enum(['done', 'would-do', 'skipped', 'refused']), reason: z.string().optional(), temporaryPassword: z.string().optional(),
  })),
  nextCursor: z.string().nullable(),
});

export const CreateUserBody = z.strictObject({
  email: Email,
  name: Name.optional(),
  username: Username.optional(),
  loginType: LoginType,
  organizations: z.array(z.string().min(1).max(128)).max(50).optional(),
  siteRole: SiteRole.optional(),
});

export const UpdateUserBody = z.strictObject({
  name: Name.optional(),
  email: Email.optional(),
  username: Username.optional(),
  siteRole: SiteRole.optional(),
  loginType: LoginType.optional(),
});

export const SuspendBody = z.strictObject({
  reason: z.string().max(256).optional(),
  until: IsoTime.optional(),
}).nullish();

export const TemporaryPassword = z.object({ temporaryPassword: z.string() });

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});
