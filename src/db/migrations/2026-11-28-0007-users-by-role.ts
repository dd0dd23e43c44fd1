// A role filter with common words ("son role:site-manager": a few site
// managers among many matches) walked the whole created-order index past
// every member. Users of one role, newest first, now have an index of their
// own: the Users page filtered by a role costs what an unfiltered page does.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index users_role_created_live on users (site_role, created_at, id) where deleted_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index users_role_created_live`.execute(db);
}
