// A substring index for the Users page's free text (issue 7): without it a
// rare term scans every user. SQLite gets an FTS5 trigram table kept in step
// by triggers; PostgreSQL a pg_trgm GIN index over the same three columns.
// Both only narrow the candidates: the query still checks each candidate
// with the exact LIKE, so the index can never change what a search returns.
import { SqliteAdapter, sql, type Kysely } from 'kysely';
import { createPostgresSearchIndex } from '../search-index.js';

async function upSqlite(db: Kysely<any>): Promise<void> {
  // External content: the index stores trigrams only and reads nothing back.
  // Users are never hard-deleted, so their rowids stay put.
  await sql`create virtual table users_search using fts5(
    username, email, name, content = 'users', content_rowid = 'rowid', tokenize = 'trigram', detail = 'none'
  )`.execute(db);
  await sql`create trigger users_search_insert after insert on users begin
    insert into users_search (rowid, username, email, name) values (new.rowid, new.username, new.email, new.name);
  end`.execute(db);
  await sql`create trigger users_search_update after update of username, email, name on users begin
    insert into users_search (users_search, rowid, username, email, name) values ('delete', old.rowid, old.username, old.email, old.name);
    insert into users_search (rowid, username, email, name) values (new.rowid, new.username, new.email, new.name);
  end`.execute(db);
  await sql`create trigger users_search_delete after delete on users begin
    insert into users_search (users_search, rowid, username, email, name) values ('delete', old.rowid, old.username, old.email, old.name);
  end`.execute(db);
  await sql`insert into users_search (users_search) values ('rebuild')`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return upSqlite(db);
  // Without pg_trgm the migration still succeeds; start-up tries again (src/db/search-index.ts).
  await createPostgresSearchIndex(db, true);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    await sql`drop index if exists users_search_trgm`.execute(db);
    return;
  }
  for (const trigger of ['users_search_insert', 'users_search_update', 'users_search_delete']) {
    await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
  }
  await sql`drop table if exists users_search`.execute(db);
}
