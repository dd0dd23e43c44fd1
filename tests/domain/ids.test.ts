// Ids are UUIDv7 (RFC 9562): the time in front so they sort by creation, the
// version and variant bits set, and random bits that never repeat.
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

test('the random bits do not repeat, across many refills of the random pool', () => {
  const ids = Array.from({ length: 50_000 }, () => newId(1_700_000_000_000));
  assert.equal(new Set(ids).size, ids.length);
  // every one of the 74 random bits' hex digits takes many values: nothing is stuck
  for (const at of [15, 16, 17, 20, 21, 22, 24, 30, 35]) assert.ok(new Set(ids.map((id) => id[at])).size >= 15, `position ${at}`);
});

test('a time a UUIDv7 cannot hold is refused, not wrapped', () => {
  for (const bad of [-1, 2 ** 48, Number.NaN]) assert.throws(() => newId(bad), RangeError);
});
