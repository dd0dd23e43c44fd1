import { z } from 'zod';

export const Org = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  default: z.boolean(),
  defaultRole: z.enum(['org-manager', 'org-member']),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const OrgList = z.object({ orgs: z.array(Org) });
