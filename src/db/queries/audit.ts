import { rowCount } from '../dialects.js';
import type { Executor } from '../../domain/context.js';
import type { NewAuditRow } from '../schema.js';

export async function insertAuditEntry(executor: Executor, row: NewAuditRow): Promise<void> {
  await executor.insertInto('audit_log').values(row).execute();
}

export interface AuditQuery {
  resourceType?: string;
  action?: string;
  actor?: string;
  target?: string;
  since?: number;
  until?: number;
  /** Entries older than this id (keyset, newest first). */
  beforeId?: string;
  limit: number;
}

/** Newest first; every filter is served by a (column, id) index. */
export function listAuditEntries(executor: Executor, q: AuditQuery) {
  let query = executor.selectFrom('audit_log').selectAll();
  if (q.resourceType) query = query.where('resource_type', '=', q.resourceType);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.actor) {
    const actor = q.actor;
    query = query.where((eb) => eb.or([eb('actor_id', '=', actor), eb('actor_email', '=', actor)]));
  }
  if (q.target) {
    const target = q.target;
    query = query.where((eb) => eb.or([eb('target_id', '=', target), eb('target_name', '=', target)]));
  }
  if (q.since !== undefined) query = query.where('time', '>=', q.since);
  if (q.until !== undefined) query = query.where('time', '<', q.until);
  if (q.beforeId) query = query.where('id', '<', q.beforeId);
  return query.orderBy('id', 'desc').limit(rowCount(q.limit)).execute();
}
