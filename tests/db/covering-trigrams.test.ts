// The substring index (FTS5, pg_trgm) is asked for trigrams that cover each
// word: every one must occur in its word (or a user who matches would be
// missed), and there must be few of them (each is another list to merge).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { coveringTrigrams, ftsQuery } from '../../src/db/queries/user-search.js';

/** The phrases of an FTS5 query: "…" AND "…", with " written as "". */
const trigramsOf = (query: string) => query.split(' AND ').map((phrase) => phrase.slice(1, -1).replaceAll('""', '"'));

test('each word is asked for trigrams of its own, about a third as many as its characters, covering all of them', () => {
  const word = fc.string({ minLength: 3, maxLength: 40, unit: fc.constantFrom(...'abcdefghij.-_@0123456789') });
  fc.assert(fc.property(word, (w) => {
    const trigrams = coveringTrigrams([w]);
    for (const trigram of trigrams) assert.ok(w.includes(trigram), `${trigram} is not in ${w}`);
    assert.ok(trigrams.length <= Math.ceil(w.length / 3) + 1, `${trigrams.length} trigrams for ${w}`);
    // Every character lies in a chosen trigram at a position where the word has it.
    const covered = new Array<boolean>(w.length).fill(false);
    for (let i = 0; i + 3 <= w.length; i++) if (trigrams.includes(w.slice(i, i + 3))) covered.fill(true, i, i + 3);
    assert.ok(covered.every(Boolean), `not every character of ${w} is covered`);
  }), { numRuns: 2_000 });
  assert.deepEqual(coveringTrigrams(['linus.wirth98']), ['lin', 'us.', 'wir', 'th9', 'h98']);
  assert.deepEqual(trigramsOf(ftsQuery(['son', 'son', 'a"b'])), ['son', 'a"b'], 'quotes are doubled for FTS5, repeats asked once');
});
