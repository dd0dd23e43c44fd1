// The hand-written ISO formatter must write exactly what Date#toISOString writes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isoTime, isoTimeOrNull } from '../../src/domain/iso-time.js';

const maxDateMs = 8.64e15; // the largest time a Date holds

test('every time a Date can hold is written as toISOString writes it', () => {
  // Mostly the four-digit years the formatter writes itself; the rest go to toISOString.
  const fourDigitYears = fc.integer({ min: Date.parse('0000-01-01T00:00:00.000Z'), max: Date.parse('9999-12-31T23:59:59.999Z') });
  fc.assert(fc.property(fc.oneof({ arbitrary: fourDigitYears, weight: 9 }, { arbitrary: fc.integer({ min: -maxDateMs, max: maxDateMs }), weight: 1 }), (ms) => {
    assert.equal(isoTime(ms), new Date(ms).toISOString());
  }), { numRuns: 20_000 });
});

test('the edges: years 0 to 999 padded, 9999 and 10000, the epoch, a leap day, each field at its widest', () => {
  for (const text of [
    '0000-01-01T00:00:00.000Z', '0999-12-31T23:59:59.999Z', '1000-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z',
    '2024-02-29T12:05:09.007Z', '2026-11-28T23:59:59.090Z', '9999-12-31T23:59:59.999Z', '+010000-01-01T00:00:00.000Z', '-000001-12-31T23:59:59.999Z',
  ]) {
    const ms = Date.parse(text);
    assert.equal(isoTime(ms), text);
  }
  assert.equal(isoTimeOrNull(null), null);
  assert.throws(() => isoTime(maxDateMs + 1), RangeError);
});
