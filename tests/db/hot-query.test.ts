// Hot queries (src/db/hot-query.ts) are compiled once per database, also when
// they run inside transactions, and still read what their transaction wrote.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { migrateToLatest } from '../../src/db/migrate.js';
import { hotQuery } from '../../src/db/hot-query.js';
import type { Db } from '../../src/db/dialects.js';
import type { Executor } from '../../src/domain/context.js';
import { databaseKinds, freshDatabase } from '../helpers/harness.js';

for (const kind of databaseKinds()) {
  describe(`hot queries [${kind}]`, () => {
    let db: Db;
    let drop: () => Promise<void>;
    before(async () => {
      ({ db, drop } = await freshDatabase(kind));
      await migrateToLatest(db);
    });
    after(async () => { await db.close(); await drop(); });

    let builds = 0;
    const orgByName = hotQuery((executor: Executor, name: string) => {
      builds++;
      return executor.selectFrom('orgs').select(['id', 'name']).where('name', '=', name);
    });
    const org = (id: string) => ({ id, name: `org ${id}`, description: '', is_default: 0, default_role: 'org-member' as const, created_at: 0, updated_at: 0 });

    test('a query is built once, then runs with each call\'s own arguments', async () => {
      await db.kysely.insertInto('orgs').values([org('a1'), org('a2')]).execute();
      assert.deepEqual(await orgByName(db.kysely, 'org a1'), [{ id: 'a1', name: 'org a1' }]);
      assert.deepEqual(await orgByName(db.kysely, 'org a2'), [{ id: 'a2', name: 'org a2' }]);
      assert.deepEqual(await orgByName(db.kysely, 'no such org'), []);
      assert.equal(builds, 1);
    });

    test('inside transactions it is not built again, and it reads the transaction\'s own writes', async () => {
      const before = builds;
      for (const id of ['t1', 't2', 't3']) {
        const found = await db.kysely.transaction().execute(async (trx) => {
          await trx.insertInto('orgs').values(org(id)).execute();
          return orgByName(trx, `org ${id}`);
        });
        assert.deepEqual(found, [{ id, name: `org ${id}` }]);
      }
      assert.equal(builds, before, 'each transaction is an executor of its own, but shares the compiled query');
    });

    test('a rolled-back write is not seen afterwards', async () => {
      await assert.rejects(db.kysely.transaction().execute(async (trx) => {
        await trx.insertInto('orgs').values(org('r1')).execute();
        assert.equal((await orgByName(trx, 'org r1')).length, 1);
        throw new Error('roll back');
      }), /roll back/);
      assert.deepEqual(await orgByName(db.kysely, 'org r1'), []);
    });
  });
}
