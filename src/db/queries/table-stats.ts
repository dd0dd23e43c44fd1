import { sql } from 'kysely';
import type { Db } from '../dialects.js';

/**
 * Refreshes the planner's statistics on the user tables. SQLite reads at most
 * a thousand entries per index (analysis_limit), so this takes milliseconds
 * at any size; PostgreSQL samples.
 */
export async function analyzeUserTables(db: Db): Promise<void> {
  if (db.dialect === 'sqlite') {
    await sql`pragma analysis_limit = 1000`.execute(db.kysely);
    await sql`analyze users`.execute(db.kysely);
    await sql`analyze org_members`.execute(db.kysely);
    return;
  }
  await sql`analyze users, org_members`.execute(db.kysely);
}
