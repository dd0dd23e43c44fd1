// A bulk import can grow the user tables a hundredfold in a minute, and the
// query planner then still believes them empty: PostgreSQL sorts whole
// tables where it should walk an index (autovacuum catches up only after a
// minute or more), and SQLite never gathers statistics by itself. So bulk
// writers report what they wrote, and the statistics are refreshed once the
// writes pause, or every half minute while they go on.
import type { Db } from '../db/dialects.js';
import { analyzeUserTables } from '../db/queries/table-stats.js';

const quietMs = 1_000;
const atLeastEveryMs = 30_000;

interface Pending { timer: NodeJS.Timeout; firstAt: number }
const pending = new WeakMap<Db, Pending>();

function run(db: Db): void {
  pending.delete(db);
  // Statistics are an optimisation: failing to refresh them (say, the database closed meanwhile) fails nothing.
  analyzeUserTables(db).catch(() => {});
}

/** Called after a bulk write of `rows` users: schedules a refresh of the planner's statistics. */
export function noteBulkUserWrite(db: Db, rows: number): void {
  if (rows <= 0) return;
  const now = Date.now();
  const entry = pending.get(db);
  if (entry) {
    clearTimeout(entry.timer);
    if (now - entry.firstAt >= atLeastEveryMs) return run(db);
  }
  const timer = setTimeout(() => run(db), quietMs);
  timer.unref();
  pending.set(db, { timer, firstAt: entry?.firstAt ?? now });
}
