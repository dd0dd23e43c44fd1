// The substring index (FTS5 trigrams on SQLite, pg_trgm on PostgreSQL) may
// make a search faster but must never change its answer. A search takes one
// of three ways (the window holds a page; the window holds a few, read on;
// the words are rare, ask the index; first: the index counts (SQLite) or a
// sample estimates (PostgreSQL) few candidates, ask it at once): with small bounds each of them runs here, and
// every page must equal the plain scan's page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { listUsers, type SortField, type UserListQuery } from '../../src/db/queries/user-list.js';
import type { NewUserRow } from '../../src/db/schema.js';
import { newId } from '../../src/domain/ids.js';
import { parseUserFilter } from '../../src/domain/user-filter.js';
import { databaseKinds, startServer, type TestServer } from '../helpers/harness.js';

const parts = ['ada', 'lovelace', 'grace', 'hopper', 'Müller', 'ZOË', 'o\'brien', '50%_off', 'son', 'anderson', 'x_y', 'jörg', 'ÅSA', 'perl', 'perlman'];
const everyone = 400;

function person(i: number, at: number): NewUserRow {
  const a = parts[i % parts.length]!;
  const b = parts[(i * 7 + 3) % parts.length]!;
  const username = `${a}.${b}.${i}`.toLowerCase().replace(/[^a-z0-9._-]/g, '');
  return {
    id: newId(at), username, email: `${username}@${i % 3 ? 'example.com' : 'Corp.Example.ORG'}`, name: `${a} ${b}`,
    login_type: 'oidc', site_role: i % 10 === 0 ? 'auditor' : 'member', status: 'active', suspended_reason: null, suspended_until: null,
    must_change_password: 0, password_hash: null, password_expires_at: null, oidc_issuer: null, oidc_subject: null,
    created_at: at, updated_at: at, last_seen_at: i % 4 ? at + i : null, deleted_at: i % 37 === 0 ? at + 1 : null,
  };
}

for (const kind of databaseKinds()) {
  describe(`user search index [${kind}]`, () => {
    let server: TestServer;
    before(async () => {
      server = await startServer(kind);
      const start = Date.now() - 1_000_000;
      const rows = Array.from({ length: everyone }, (_, i) => person(i, start + i * 1000));
      for (let i = 0; i < rows.length; i += 100) await server.db.kysely.insertInto('users').values(rows.slice(i, i + 100)).execute();
      // Renames after insert: the index must follow updates too.
      await server.db.kysely.updateTable('users').set({ name: 'Renamed Hopper-Perlman' }).where('username', 'like', 'son.%').execute();
    });
    after(async () => { await server.close(); });

    /** Every page of a search, following the cursor to the end. */
    async function allPages(base: Omit<UserListQuery, 'after'>): Promise<string[]> {
      const ids: string[] = [];
      let after: UserListQuery['after'];
      for (let page = 0; page < 1000; page++) {
        const rows = await listUsers(server.db.kysely, { ...base, after });
        ids.push(...rows.map((r) => r.id));
        if (rows.length < base.limit) return ids;
        const last = rows.at(-1)!;
        const value = base.sort === 'created' ? last.created_at : base.sort === 'last_seen' ? last.last_seen_at ?? 0 : base.sort === 'username' ? last.username.toLowerCase() : last.email.toLowerCase();
        after = { value, id: last.id };
      }
      throw new Error('more than 1000 pages');
    }

    test('every page of every search is the same with the index as by a plain scan', async () => {
      const word = fc.oneof(
        fc.constantFrom(...parts, 'example', 'corp.ex', 'ller', 'zoë', 'Åsa', 'nders', '%_o', "'br", 'zzz', 'hopper-per', 'renamed'),
        fc.constantFrom(...parts).chain((p) => fc.tuple(fc.nat(p.length), fc.integer({ min: 3, max: 8 })).map(([at, n]) => p.slice(at, at + n))),
      );
      await fc.assert(fc.asyncProperty(
        fc.array(word, { minLength: 1, maxLength: 2 }), fc.constantFrom('', ' role:auditor', ' role:member'),
        fc.constantFrom<SortField>('created', 'username', 'email', 'last_seen'), fc.constantFrom('asc', 'desc' as const),
        fc.constantFrom(2, 5, 26), fc.constantFrom(3, 10, 40), fc.constantFrom(0, 5, 1000),
        async (words, role, sort, direction, limit, window, few) => {
          const q = words.map((w) => `"${w}"`).join(' ') + role;
          const base = { dialect: kind, filter: parseUserFilter(q), sort, direction: direction as 'asc' | 'desc', limit, now: Date.now(), dormantBefore: 0 };
          const plain = await allPages({ ...base, searchWindow: 1e9, fewCandidates: 0 });
          const indexed = await allPages({ ...base, searchWindow: window, fewCandidates: few });
          assert.deepEqual(indexed, plain, `search ${q} sorted ${direction} ${sort}, limit ${limit}, window ${window}, few ${few}`);
        },
      ), { numRuns: 60 });
    });

    test('a search finds renamed users by their new name only, and never deleted ones', async () => {
      const base = { dialect: kind, sort: 'created' as const, direction: 'desc' as const, limit: 26, now: Date.now(), dormantBefore: 0, searchWindow: 3, fewCandidates: 0 };
      const renamed = await allPages({ ...base, filter: parseUserFilter('renamed') });
      const expected = await server.db.kysely.selectFrom('users').select('id').where('username', 'like', 'son.%').where('deleted_at', 'is', null).execute();
      assert.ok(expected.length > 5);
      assert.deepEqual(new Set(renamed), new Set(expected.map((r) => r.id)));
      const deleted = await server.db.kysely.selectFrom('users').select('username').where('deleted_at', 'is not', null).executeTakeFirstOrThrow();
      assert.deepEqual(await allPages({ ...base, filter: parseUserFilter(`"${deleted.username}"`) }), []);
    });

    test('the index is in the database the migrations made', async () => {
      const found = kind === 'sqlite'
        ? await sql`select name from sqlite_master where name = 'users_search'`.execute(server.db.kysely)
        : await sql`select indexname from pg_indexes where indexname = 'users_search_trgm'`.execute(server.db.kysely);
      assert.equal(found.rows.length, 1);
    });
  });
}
