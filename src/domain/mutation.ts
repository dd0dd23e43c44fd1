// One transaction per change, with its audit entry inside. When the change is
// refused, the transaction rolls back and a failure entry is written on its
// own, so a failed change leaves a trace too (SPEC §5).
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { recordAudit, type ResourceType } from './audit.js';
import type { Ctx } from './context.js';
import { AppError } from './errors.js';

export interface MutationTarget {
  target?: { id: string | null; name: string | null };
}

export async function mutate<T>(
  ctx: Ctx,
  what: { action: string; resourceType: ResourceType; targetName?: string },
  work: (trx: Transaction<Database>, note: MutationTarget) => Promise<T>,
): Promise<T> {
  const note: MutationTarget = what.targetName ? { target: { id: null, name: what.targetName } } : {};
  try {
    return await ctx.db.kysely.transaction().execute((trx) => work(trx, note));
  } catch (error) {
    if (error instanceof AppError) {
      await recordAudit(ctx.db.kysely, ctx, {
        action: what.action,
        resourceType: what.resourceType,
        target: note.target,
        result: 'failure',
        reason: `${error.code}: ${error.message}`,
      });
    }
    throw error;
  }
}
