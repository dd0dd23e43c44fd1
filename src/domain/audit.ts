// The audit trail (SPEC §5). Entries are written with the executor of the
// change they record, so both commit or neither does. Each audited entity
// declares its fields as tracked or secret; anything undeclared is ignored.
import { insertAuditEntry } from '../db/queries/audit.js';
import type { NewAuditRow } from '../db/schema.js';
import type { Ctx, Executor } from './context.js';
import { newId } from './ids.js';

export const secretMask = '******';

export type ResourceType = 'user' | 'session' | 'org' | 'org_member' | 'image' | 'api_token' | 'settings';

interface FieldDeclaration {
  tracked: readonly string[];
  secret: readonly string[];
}

export const auditedFields: Partial<Record<ResourceType, FieldDeclaration>> = {
  user: {
    tracked: ['username', 'email', 'name', 'loginType', 'siteRole', 'status', 'suspendedReason', 'suspendedUntil', 'mustChangePassword', 'organizations'],
    secret: ['password'],
  },
  org: { tracked: ['name', 'description', 'default', 'defaultRole'], secret: [] },
  org_member: { tracked: ['role'], secret: [] },
  image: { tracked: ['name', 'repository', 'tag', 'description'], secret: [] },
  settings: {
    tracked: ['issuer', 'clientId', 'scopes', 'emailClaim', 'usernameClaim', 'nameClaim', 'requireEmailVerified', 'buttonLabel', 'autoCreate', 'disableBuiltin', 'thresholdDays', 'deleteAfterDays'],
    secret: ['clientSecret'],
  },
};

export type Diff = Record<string, [unknown, unknown]>;

/** Old → new for the declared fields that changed; secrets appear only as masks. */
export function diffOf(type: ResourceType, before: Record<string, unknown> | null, after: Record<string, unknown> | null): Diff {
  const declaration = auditedFields[type];
  if (!declaration) return {};
  const diff: Diff = {};
  for (const field of declaration.tracked) {
    const old = before?.[field] ?? null;
    const next = after?.[field] ?? null;
    if (JSON.stringify(old) !== JSON.stringify(next)) diff[field] = [old, next];
  }
  for (const field of declaration.secret) {
    const old = before?.[field];
    const next = after?.[field];
    if (old !== next && (old !== undefined || next !== undefined)) {
      diff[field] = [old === undefined || old === null ? null : secretMask, next === undefined || next === null ? null : secretMask];
    }
  }
  return diff;
}

export interface AuditEvent {
  action: string;
  resourceType: ResourceType;
  target?: { id: string | null; name: string | null };
  result?: 'success' | 'failure';
  reason?: string;
  diff?: Diff;
  /** Overrides ctx.actor, e.g. for a sign-in where the actor is the user signing in. */
  actor?: { id: string | null; email: string | null };
}

export async function recordAudit(executor: Executor, ctx: Ctx, event: AuditEvent): Promise<void> {
  await insertAuditEntry(executor, auditRow(ctx, event));
}

/** The row an event becomes, for writers that insert it themselves (a PostgreSQL sign-in's one statement). */
export function auditRow(ctx: Ctx, event: AuditEvent): NewAuditRow {
  const now = ctx.now();
  const actor = event.actor ?? (ctx.actor ? { id: ctx.actor.id, email: ctx.actor.email } : { id: null, email: null });
  const diff = event.diff && Object.keys(event.diff).length > 0 ? JSON.stringify(event.diff) : null;
  return {
    id: newId(now),
    time: now,
    actor_id: actor.id,
    actor_email: actor.email,
    ip: ctx.client.ip,
    user_agent: ctx.client.userAgent?.slice(0, 512) ?? null,
    action: event.action,
    resource_type: event.resourceType,
    target_id: event.target?.id ?? null,
    target_name: event.target?.name?.slice(0, 320) ?? null,
    result: event.result ?? 'success',
    reason: event.reason ?? null,
    diff,
  };
}
