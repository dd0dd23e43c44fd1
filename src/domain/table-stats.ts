// A bulk import can grow the user tables a hundredfold in a minute, and the
// query planner then still believes them empty: PostgreSQL sorts whole
// tables where it should walk an index (autovacuum catches up only after a
// minute or more), and SQLite never gathers statistics by itself. So bulk
// writers report what they wrote: on PostgreSQL the statistics are refreshed
// at once when the table has outgrown them (the import's own lookups need
// it), and on both once the writes pause, or every half minute while they go on.
// When they pause, PostgreSQL also vacuums the new rows (see analyzeUserTables).
import type { Db } from '../db/dialects.js';
import { analyzeUserTables, refreshStatisticsIfStale } from '../db/queries/table-stats.js';

const quietMs = 1_000;
const atLeastEveryMs = 30_000;

interface Pending { timer: NodeJS.Timeout; firstAt: number }
const pending = new WeakMap<Db, Pending>();

function run(db: Db, writesPaused: boolean): void {
  pending.delete(db);
  // Statistics are an optimisation: failing to refresh them (say, the database closed meanwhile) fails nothing.
  analyzeUserTables(db, { vacuum: writesPaused }).catch(() => {});
}

/** Called after a bulk write of `rows` users (a committed import batch). */
export async function afterBulkUserWrite(db: Db, rows: number): Promise<void> {
  if (rows <= 0) return;
  await refreshStatisticsIfStale(db);
  scheduleAnalyze(db);
}

function scheduleAnalyze(db: Db): void {
  const now = Date.now();
  const entry = pending.get(db);
  if (entry) {
    clearTimeout(entry.timer);
    if (now - entry.firstAt >= atLeastEveryMs) return run(db, false);
  }
  const timer = setTimeout(() => run(db, true), quietMs);
  timer.unref();
  pending.set(db, { timer, firstAt: entry?.firstAt ?? now });
}
