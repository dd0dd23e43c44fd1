import { z } from 'zod';

const ClaimName = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'Letters, digits and _ . : - only.');

export const AuthSettingsView = z.object({
  issuer: z.string().nullable(),
  clientId: z.string().nullable(),
  clientSecretSet: z.boolean(),
  scopes: z.array(z.string()),
  emailClaim: z.string(),
  usernameClaim: z.string(),
  nameClaim: z.string(),
  requireEmailVerified: z.boolean(),
  buttonLabel: z.string(),
  autoCreate: z.boolean(),
  disableBuiltin: z.boolean(),
  environmentFields: z.array(z.string()),
});

export const AuthSettingsBody = z.strictObject({
  issuer: z.url({ protocol: /^https?$/ }).max(512).nullable().optional(),
  clientId: z.string().trim().max(256).nullable().optional(),
  clientSecret: z.string().min(1).max(1024).nullable().optional(),
  scopes: z.array(z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'Not a valid scope.').max(128)).max(20).optional(),
  emailClaim: ClaimName.optional(),
  usernameClaim: ClaimName.optional(),
  nameClaim: ClaimName.optional(),
  requireEmailVerified: z.boolean().optional(),
  buttonLabel: z.string().trim().min(1).max(64).optional(),
  autoCreate: z.boolean().optional(),
  disableBuiltin: z.boolean().optional(),
});

export const DormancySettings = z.object({ thresholdDays: z.number().int(), deleteAfterDays: z.number().int().nullable() });
export const DormancyBody = z.strictObject({
  thresholdDays: z.number().int().min(1).max(3650).optional(),
  deleteAfterDays: z.number().int().min(1).max(365).nullable().optional(),
});
