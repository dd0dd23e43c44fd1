// GET /api/v1/audit: filters, newest first, keyset pagination by id.
import { listAuditEntries } from '../db/queries/audit.js';
import type { AuditRow } from '../db/schema.js';
import type { Ctx } from './context.js';
import { fail } from './errors.js';
import { uuidPattern } from './ids.js';
import { isoTime } from './iso-time.js';

export interface AuditListInput {
  resourceType?: string;
  action?: string;
  actor?: string;
  target?: string;
  since?: string;
  until?: string;
  limit?: number;
  cursor?: string;
}

export function toApiEntry(row: AuditRow) {
  return {
    id: row.id,
    time: isoTime(row.time),
    actor: { id: row.actor_id, email: row.actor_email },
    ip: row.ip,
    userAgent: row.user_agent,
    action: row.action,
    resourceType: row.resource_type,
    target: { id: row.target_id, name: row.target_name },
    result: row.result,
    reason: row.reason,
    diff: row.diff ? (JSON.parse(row.diff) as Record<string, [unknown, unknown]>) : null,
  };
}

export async function listAudit(ctx: Ctx, input: AuditListInput) {
  let beforeId: string | undefined;
  if (input.cursor) {
    beforeId = Buffer.from(input.cursor, 'base64url').toString('utf8');
    if (!uuidPattern.test(beforeId)) fail('INVALID_CURSOR', 'The cursor is not valid; start again from the first page.', [{ field: 'cursor', detail: 'Invalid cursor.' }]);
  }
  const limit = input.limit ?? 50;
  const rows = await listAuditEntries(ctx.db.kysely, {
    resourceType: input.resourceType, action: input.action, actor: input.actor, target: input.target,
    since: input.since ? Date.parse(input.since) : undefined,
    until: input.until ? Date.parse(input.until) : undefined,
    beforeId, limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    entries: page.map(toApiEntry),
    nextCursor: rows.length > limit && last ? Buffer.from(last.id).toString('base64url') : null,
  };
}

export const auditCsvColumns = ['time', 'actor_id', 'actor_email', 'ip', 'user_agent', 'action', 'resource_type', 'target_id', 'target_name', 'result', 'reason', 'diff'];

/** Every entry matching the filters, newest first, fetched in keyset batches for the CSV export. */
export async function* auditRowsForExport(ctx: Ctx, input: Omit<AuditListInput, 'limit' | 'cursor'>) {
  let beforeId: string | undefined;
  for (;;) {
    const rows = await listAuditEntries(ctx.db.kysely, {
      resourceType: input.resourceType, action: input.action, actor: input.actor, target: input.target,
      since: input.since ? Date.parse(input.since) : undefined,
      until: input.until ? Date.parse(input.until) : undefined,
      beforeId, limit: 500,
    });
    for (const r of rows) {
      yield [isoTime(r.time), r.actor_id, r.actor_email, r.ip, r.user_agent, r.action, r.resource_type, r.target_id, r.target_name, r.result, r.reason, r.diff];
    }
    if (rows.length < 500) return;
    beforeId = rows.at(-1)!.id;
  }
}
