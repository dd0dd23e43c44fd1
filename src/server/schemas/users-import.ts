// POST /api/v1/users/import (issue 7). The body is checked for its shape only
// (types and sizes); what a row says (a valid email, a known role, a usable
// hash) is checked row by row, so one bad line is that line's error and not a
// 400 for the whole batch.
import { z } from 'zod';
import { importLimits } from '../../domain/users-import-rows.js';

const Field = z.string().max(importLimits.fieldLength);

export const ImportRow = z.strictObject({
  line: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('The source line number, echoed back in the result'),
  email: Field,
  username: Field.optional().describe('Derived from the email when absent, as at single creation'),
  name: Field.optional(),
  loginType: Field.optional().describe('oidc (default) or built-in'),
  role: Field.optional().describe('member (default), auditor or site-manager'),
  organizations: z.array(Field).max(importLimits.organizationsPerRow).optional().describe('Names or ids; none: every default organization'),
  passwordHash: Field.optional().describe('built-in only: an existing PHC-format hash (argon2, bcrypt, PBKDF2, scrypt), re-hashed to argon2id at the first sign-in'),
});

export const ImportBody = z.strictObject({
  rows: z.array(ImportRow).min(1).max(importLimits.rowsPerRequest),
  dryRun: z.boolean().optional(),
});

export const ImportResult = z.object({
  line: z.number().int(),
  status: z.enum(['created', 'exists', 'error']),
  id: z.string().optional(),
  username: z.string().optional(),
  temporaryPassword: z.string().optional(),
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), detail: z.string() })).optional(),
  }).optional(),
});

export const ImportResponse = z.object({
  results: z.array(ImportResult),
  created: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  dryRun: z.boolean(),
});
