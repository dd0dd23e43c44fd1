// Dormancy (SPEC §1.6): a user with no authenticated activity for the
// threshold (default 90 days) shows as dormant; optionally, after a further
// N days, the system deletes them. Both numbers are settings.
import { readSetting, writeSetting } from '../db/queries/settings.js';
import { diffOf, recordAudit } from './audit.js';
import type { Ctx, Executor } from './context.js';
import { fail } from './errors.js';
import { mutate } from './mutation.js';
import { cachedSetting } from './setting-cache.js';

export interface DormancySettings {
  thresholdDays: number;
  /** Days after becoming dormant that the user is deleted; null: never. */
  deleteAfterDays: number | null;
}

export const dormancyDefaults: DormancySettings = { thresholdDays: 90, deleteAfterDays: null };
const key = 'dormancy';
const day = 86_400_000;

export async function dormancySettings(executor: Executor): Promise<DormancySettings> {
  const text = await readSetting(executor, key);
  return { ...dormancyDefaults, ...(text ? (JSON.parse(text) as Partial<DormancySettings>) : {}) };
}

/** The moment a view of users is taken: now, and before when last activity means dormant. */
export interface ViewTime {
  now: number;
  dormantBefore: number;
}

// Every view of a user needs the threshold (see setting-cache.ts).
const threshold = cachedSetting(async (_ctx, executor) => (await dormancySettings(executor)).thresholdDays);

/** `executor`: a transaction that wants a view reads through it, not beside it. */
export async function viewTime(ctx: Ctx, executor: Executor = ctx.db.kysely): Promise<ViewTime> {
  const now = ctx.now();
  return { now, dormantBefore: now - (await threshold.get(ctx, executor)) * day };
}

export async function updateDormancySettings(ctx: Ctx, patch: Partial<DormancySettings>): Promise<DormancySettings> {
  const updated = await mutate(ctx, { action: 'write', resourceType: 'settings', targetName: 'dormancy' }, async (trx, note) => {
    note.target = { id: key, name: 'dormancy' };
    const before = await dormancySettings(trx);
    const after = { ...before, ...patch };
    if (after.deleteAfterDays !== null && (after.deleteAfterDays < 1 || after.deleteAfterDays > 365)) {
      fail('VALIDATION_FAILED', 'Automatic deletion comes 1 to 365 days after a user becomes dormant.', [{ field: 'deleteAfterDays', detail: 'From 1 to 365, or null for never.' }]);
    }
    await writeSetting(trx, key, JSON.stringify(after), ctx.now());
    await recordAudit(trx, ctx, { action: 'write', resourceType: 'settings', target: note.target, diff: diffOf('settings', before as never, after as never) });
    return after;
  });
  threshold.forget(ctx);
  return updated;
}
