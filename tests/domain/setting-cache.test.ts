// The cache behind settings that nearly every request consults (the dormancy
// threshold, whether password sign-in is off): read at most every five
// seconds per instance, forgotten at once by this instance's writer, never
// kept from inside a transaction. The reader here counts its reads; the
// clock is node's mock, so five seconds pass at once.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import type { Ctx, Executor } from '../../src/domain/context.js';
import { cachedSetting } from '../../src/domain/setting-cache.js';

const root = { name: 'the database' } as unknown as Executor;
const transaction = { name: 'a transaction' } as unknown as Executor;
const ctx = { db: { kysely: root } } as unknown as Ctx;

function countingSetting() {
  const reads: string[] = [];
  let value = 'first';
  const setting = cachedSetting(async (_ctx, executor) => {
    reads.push((executor as unknown as { name: string }).name);
    return value;
  });
  return { setting, reads, change: (next: string) => { value = next; } };
}

beforeEach(() => mock.timers.enable({ apis: ['Date'], now: 1_000_000 }));
afterEach(() => mock.timers.reset());

test('read once, then kept for five seconds, then read again', async () => {
  const { setting, reads, change } = countingSetting();
  assert.equal(await setting.get(ctx), 'first');
  change('second');
  mock.timers.tick(4_999);
  assert.equal(await setting.get(ctx), 'first', 'another instance changed it: this one follows later');
  assert.equal(reads.length, 1);
  mock.timers.tick(1);
  assert.equal(await setting.get(ctx), 'second', 'five seconds on, it is read again');
  assert.deepEqual(reads, ['the database', 'the database']);
});

test('the writer forgets it, so the next request reads the new value at once', async () => {
  const { setting, reads, change } = countingSetting();
  await setting.get(ctx);
  change('second');
  setting.forget(ctx);
  assert.equal(await setting.get(ctx), 'second');
  assert.equal(reads.length, 2);
});

test('inside a transaction: the fresh cached value, else a read through the transaction that is not kept', async () => {
  const { setting, reads, change } = countingSetting();
  assert.equal(await setting.get(ctx, transaction), 'first', 'nothing cached: read through the transaction');
  assert.deepEqual(reads, ['a transaction']);
  change('second');
  assert.equal(await setting.get(ctx), 'second', 'what the transaction read was not kept');
  change('third');
  assert.equal(await setting.get(ctx, transaction), 'second', 'a fresh cached value serves the transaction too');
  assert.deepEqual(reads, ['a transaction', 'the database']);
});

test('each database has its own cache', async () => {
  const { setting, reads } = countingSetting();
  const other = { db: { kysely: transaction } } as unknown as Ctx;
  await setting.get(ctx);
  await setting.get(other);
  assert.equal(reads.length, 2);
});
