import { sql } from 'kysely';
import type { Db } from '../dialects.js';

/**
 * Refreshes the planner's statistics on the user tables. SQLite reads at most
 * a thousand entries per index (analysis_limit), so this takes milliseconds
 * at any size; PostgreSQL samples. With `vacuum`, PostgreSQL also marks the
 * new rows' pages all-visible: until autovacuum does (after a fifth of the
 * table is new), an index-only scan over the newest users, such as the
 * search window's, reads every row's page as well (7 ms instead of 1 at a
 * million users). Vacuuming reads only the pages written since the last one.
 */
export async function analyzeUserTables(db: Db, { vacuum = false } = {}): Promise<void> {
  if (db.dialect === 'sqlite') {
    await sql`pragma analysis_limit = 1000`.execute(db.kysely);
    await sql`analyze users`.execute(db.kysely);
    await sql`analyze org_members`.execute(db.kysely);
    return;
  }
  if (vacuum) await sql`vacuum (analyze, skip_locked) users, org_members`.execute(db.kysely);
  else await sql`analyze users, org_members`.execute(db.kysely);
}

/**
 * PostgreSQL plans the batch lookups from table statistics, which a bulk
 * load outdates faster than autovacuum refreshes them: on a fresh database
 * the planner believes `users` holds a few hundred rows and scans all of it
 * for every batch. Once the live rows are more than twice what the planner
 * last counted, analyze (a sample of 30,000 rows, so a fraction of a second
 * even at a million users; about ten times over a million-user import).
 * SQLite's planner uses the unique indexes without statistics.
 */
export async function refreshStatisticsIfStale(db: Db): Promise<void> {
  if (db.dialect !== 'postgres') return;
  const { rows } = await sql<{ planned: number; live: number }>`
    select greatest(c.reltuples, 0)::bigint as planned, coalesce(s.n_live_tup, 0)::bigint as live
    from pg_class c left join pg_stat_user_tables s on s.relid = c.oid
    where c.oid = 'users'::regclass`.execute(db.kysely);
  const { planned, live } = rows[0] ?? { planned: 0, live: 0 };
  if (live > 2 * Math.max(Number(planned), 1000)) await sql`analyze (skip_locked) users`.execute(db.kysely);
}
