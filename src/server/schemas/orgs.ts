import { z } from 'zod';
import { Cursor, Limit } from './common.js';

export const OrgRole = z.enum(['org-manager', 'org-member']);

export const Org = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  default: z.boolean(),
  defaultRole: OrgRole,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const OrgList = z.object({ orgs: z.array(Org) });
export const OrgEnvelope = z.object({ org: Org });
export const OrgRefParams = z.strictObject({ org: z.string().min(1).max(128) });
export const OrgMemberParams = z.strictObject({ org: z.string().min(1).max(128), user: z.string().min(1).max(64) });

const OrgName = z.string().trim().min(1).max(64);
export const CreateOrgBody = z.strictObject({
  name: OrgName,
  description: z.string().max(512).optional(),
  default: z.boolean().optional(),
  defaultRole: OrgRole.optional(),
});
export const UpdateOrgBody = z.strictObject({
  name: OrgName.optional(),
  description: z.string().max(512).optional(),
  default: z.boolean().optional(),
  defaultRole: OrgRole.optional(),
});

export const Member = z.object({
  user: z.object({ id: z.string(), username: z.string(), email: z.string(), name: z.string() }),
  role: OrgRole,
  joinedAt: z.string(),
});
export const MemberPage = z.object({ members: z.array(Member), nextCursor: z.string().nullable() });
export const MemberEnvelope = z.object({ member: Member });
export const MembersQuery = z.strictObject({ limit: Limit.optional(), cursor: Cursor.optional() });
export const AddMemberBody = z.strictObject({ user: z.string().min(1).max(254), role: OrgRole.optional() });
export const UpdateMemberBody = z.strictObject({ role: OrgRole });

export const Image = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string().optional(),
  name: z.string(),
  repository: z.string(),
  tag: z.string(),
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ImageList = z.object({ images: z.array(Image) });
export const ImageEnvelope = z.object({ image: Image });
export const ImageParams = z.strictObject({ id: z.string().min(1).max(64) });
const ImageFields = {
  name: z.string().trim().min(1).max(64),
  repository: z.string().trim().min(1).max(255).regex(/^[a-z0-9]+(?:[._\/:-][a-z0-9]+)*$/, 'Lower-case letters, digits and . _ / : - (an image repository such as registry.example.com/team/python).'),
  tag: z.string().trim().min(1).max(128).regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, 'Letters, digits and _ . - (a tag such as 3.12 or latest).'),
  description: z.string().max(512),
};
export const CreateImageBody = z.strictObject({ ...ImageFields, description: ImageFields.description.optional() });
export const UpdateImageBody = z.strictObject({
  name: ImageFields.name.optional(), repository: ImageFields.repository.optional(), tag: ImageFields.tag.optional(), description: ImageFields.description.optional(),
});
