// PostgreSQL without pg_trgm (a role that may not create extensions, or no
// contrib modules): Roster still migrates, starts and finds users, and gets
// its index at the next start once the extension exists.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { openPostgres, type Db } from '../../src/db/dialects.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { listUsers } from '../../src/db/queries/user-list.js';
import { ensureSearchIndex } from '../../src/db/search-index.js';
import { newId } from '../../src/domain/ids.js';
import { parseUserFilter } from '../../src/domain/user-filter.js';
import { databaseKinds } from '../helpers/harness.js';

const base = process.env.ROSTER_TEST_DATABASE_URL;

describe('PostgreSQL without pg_trgm', { skip: !databaseKinds().includes('postgres') || !base }, () => {
  const suffix = randomBytes(5).toString('hex');
  const role = `roster_limited_${suffix}`;
  const database = `roster_t_trgm_${suffix}`;
  let db: Db;

  async function asSuperuser(statements: string[], inDatabase?: string): Promise<void> {
    const url = new URL(base!);
    if (inDatabase) url.pathname = `/${inDatabase}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  }

  before(async () => {
    // May use and create in its schema, but may not CREATE in the database: no extensions.
    await asSuperuser([`create role ${role} login`, `create database ${database}`]);
    await asSuperuser([`grant usage, create on schema public to ${role}`], database);
    const url = new URL(base!);
    url.username = role;
    url.pathname = `/${database}`;
    db = openPostgres(url.toString());
  });

  after(async () => {
    await db?.close();
    await asSuperuser([`drop database if exists ${database} with (force)`, `drop role if exists ${role}`]);
  });

  test('the migrations succeed, searches work, and the index arrives at the first start after the extension does', async () => {
    await migrateToLatest(db);
    assert.equal(await ensureSearchIndex(db), false);
    const now = Date.now();
    await db.kysely.insertInto('users').values(['ada.lovelace', 'grace.hopper'].map((username, i) => ({
      id: newId(now + i), username, email: `${username}@example.com`, name: username.replace('.', ' '), login_type: 'oidc' as const,
      site_role: 'member' as const, status: 'active' as const, must_change_password: 0, created_at: now + i, updated_at: now + i,
    }))).execute();
    const search = async () => (await listUsers(db.kysely, {
      dialect: 'postgres', filter: parseUserFilter('lovelace'), sort: 'created', direction: 'desc', limit: 26, now, dormantBefore: 0, searchWindow: 1,
    })).map((u) => u.username);
    assert.deepEqual(await search(), ['ada.lovelace']);

    await asSuperuser(['create extension pg_trgm'], database);
    assert.equal(await ensureSearchIndex(db), true);
    const index = await db.kysely.selectFrom('pg_indexes' as never).select('indexname' as never).where('indexname' as never, '=', 'users_search_trgm' as never).execute();
    assert.equal(index.length, 1);
    assert.deepEqual(await search(), ['ada.lovelace']);
  });
});
