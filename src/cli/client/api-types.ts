// The API objects the CLI reads, typed from the server's own response schemas
// (type-only imports: nothing of the server is loaded at run time).
import type { z } from 'zod';
import type { AuditEntry as AuditEntrySchema } from '../../server/schemas/audit.js';
import type { Image as ImageSchema, Member as MemberSchema, Org as OrgSchema } from '../../server/schemas/orgs.js';
import type { CreatedToken as CreatedTokenSchema, TokenInfo as TokenInfoSchema } from '../../server/schemas/tokens.js';
import type { BulkBody as BulkBodySchema, BulkResponse as BulkResponseSchema, User as UserSchema } from '../../server/schemas/users.js';
import type { ImportRow as ImportRowSchema } from '../../server/schemas/users-import.js';

export type User = z.infer<typeof UserSchema>;
/** A row as POST /api/v1/users/import takes it. */
export type ImportRow = z.infer<typeof ImportRowSchema>;
export type Org = z.infer<typeof OrgSchema>;
export type Member = z.infer<typeof MemberSchema>;
export type Image = z.infer<typeof ImageSchema>;
export type TokenInfo = z.infer<typeof TokenInfoSchema>;
export type CreatedToken = z.infer<typeof CreatedTokenSchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type BulkRequest = z.infer<typeof BulkBodySchema>;
export type BulkPage = z.infer<typeof BulkResponseSchema>;
export type BulkResult = BulkPage['results'][number];

/** A user together with the temporary password a create (or a switch to built-in) issued. */
export interface UserWithPassword {
  user: User;
  temporaryPassword?: string;
}

export const siteRoles = ['member', 'auditor', 'site-manager', 'site-admin'] as const;
export const loginTypes = ['built-in', 'oidc'] as const;
export const bulkActions = ['suspend', 'activate', 'change-role', 'delete', 'reset-password'] as const;
export const orgRoles = ['org-manager', 'org-member'] as const;
