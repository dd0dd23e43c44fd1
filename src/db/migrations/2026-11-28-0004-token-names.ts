// A token's name identifies it to its owner (Account > API tokens, `roster
// tokens rm NAME`), so each user's token names are unique.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create unique index api_tokens_user_name on api_tokens (user_id, lower(name))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index api_tokens_user_name`.execute(db);
}
