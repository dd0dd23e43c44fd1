// Ids are UUIDv7 (RFC 9562): the time in front so they sort by creation, the
// version and variant bits set, a counter within the millisecond, and random
// bits that never repeat.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { newId, uuidPattern } from '../../src/domain/ids.js';

test('an id is a UUIDv7 whose first 48 bits are the milliseconds it was made at', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), (ms) => {
    const id = newId(ms);
    assert.match(id, uuidPattern);
    assert.equal(parseInt(id.slice(0, 8) + id.slice(9, 13), 16), ms);
    assert.equal(id[14], '7', 'version 7');
    assert.ok('89ab'.includes(id[19]!), `variant 10xx: ${id}`);
  }), { numRuns: 5_000 });
});

test('ids sort in the order of their times', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 48 - 2 }), fc.integer({ min: 1, max: 2 ** 20 }), (earlier, gap) => {
    const later = Math.min(earlier + gap, 2 ** 48 - 1);
    assert.ok(newId(earlier) < newId(later));
  }));
});

test('ids do not repeat, across many refills of the random pool', () => {
  const ids = Array.from({ length: 50_000 }, () => newId(1_700_000_000_000));
  assert.equal(new Set(ids).size, ids.length);
  // every hex digit after the version (the counter, then 62 random bits) takes many values: nothing is stuck
  for (const at of [15, 16, 17, 20, 21, 22, 24, 30, 35]) assert.ok(new Set(ids.map((id) => id[at])).size >= 15, `position ${at}`);
});

test('ids made one after another in the same millisecond sort in the order they were made', () => {
  // Audit entries written in sequence must list in sequence, even within one millisecond. Each
  // millisecond here is a new one for the counter (the one before differs), so 2,048 always fit.
  newId(1);
  for (let ms = 1_650_000_000_000; ms < 1_650_000_000_050; ms++) {
    const ids = Array.from({ length: 2_048 }, () => newId(ms));
    assert.deepEqual([...ids].sort(), ids, `at ${ms}`);
  }
  // A millisecond met again later starts over: only the time in front orders those.
  const [a, b, c] = [newId(10), newId(11), newId(10)];
  assert.ok(a < b && c < b);
});

test('a time a UUIDv7 cannot hold is refused, not wrapped', () => {
  for (const bad of [-1, 2 ** 48, Number.NaN]) assert.throws(() => newId(bad), RangeError);
});
