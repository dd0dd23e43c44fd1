import { z } from 'zod';
import { Cursor, IsoTime, Limit } from './common.js';

export const AuditQuery = z.strictObject({
  resourceType: z.string().max(32).optional(),
  action: z.string().max(32).optional(),
  actor: z.string().max(254).optional(),
  target: z.string().max(320).optional(),
  since: IsoTime.optional(),
  until: IsoTime.optional(),
  limit: Limit.optional(),
  cursor: Cursor.optional(),
});

export const AuditExportQuery = AuditQuery.omit({ limit: true, cursor: true });

export const AuditEntry = z.object({
  id: z.string(),
  time: z.string(),
  actor: z.object({ id: z.string().nullable(), email: z.string().nullable() }),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
  target: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  result: z.enum(['success', 'failure']),
  reason: z.string().nullable(),
  diff: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).nullable(),
});

export const AuditPage = z.object({ entries: z.array(AuditEntry), nextCursor: z.string().nullable() });
