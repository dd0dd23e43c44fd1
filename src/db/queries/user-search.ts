// The substring index behind the Users page's free text (migration 0006).
// It only narrows the candidates: callers keep the exact LIKE conditions,
// so a search returns the same users with or without it.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../domain/context.js';
import { likePattern, rowCount, type DialectName } from '../dialects.js';
import { searchHaystackSql } from '../search-index.js';

/** Characters whose case folds one-to-one, so SQLite's trigram folding and our lower() agree on them. */
function foldsSimply(word: string): boolean {
  return [...word].every((ch) => !/\p{M}|\p{C}/u.test(ch) && ch.toLowerCase().length === ch.length && ch.toUpperCase().toLowerCase() === ch);
}

/** Words the trigram index can answer: three characters or more. */
export function indexableWords(text: readonly string[]): string[] {
  return text.filter((word) => [...word].length >= 3 && foldsSimply(word));
}

/**
 * What the substring index is asked for: for each word, trigrams that
 * together cover every one of its characters (the first three, the next
 * three… and the last three). All of a word's trigrams would narrow the
 * candidates hardly more, and each one is another long list for the index
 * to merge. At a million users, 'linus.wirth98' with its 11 trigrams took
 * FTS5 981 µs and PostgreSQL's GIN index 4.8 ms; with these 5, 433 µs and
 * 0.6 ms. Any user whose text has the word has each of them, and the exact
 * LIKE conditions are checked on the candidates anyway.
 */
export function coveringTrigrams(words: readonly string[]): string[] {
  const trigrams = new Set<string>();
  for (const word of words) {
    const chars = [...word];
    for (let i = 0; i + 3 <= chars.length; i += 3) trigrams.add(chars.slice(i, i + 3).join(''));
    trigrams.add(chars.slice(-3).join(''));
  }
  return [...trigrams];
}

/** An FTS5 query for the covering trigrams (the table has detail=none, so no phrases). */
export function ftsQuery(words: readonly string[]): string {
  return coveringTrigrams(words).map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');
}

/** A condition on `users` that the dialect's substring index serves, true for every user whose text contains all the words. */
export function searchIndexCondition(dialect: DialectName, words: readonly string[]): Expression<SqlBool> {
  if (dialect === 'sqlite') {
    return sql<SqlBool>`users.rowid in (select rowid from users_search where users_search match ${ftsQuery(words)})`;
  }
  const haystack = sql.raw(searchHaystackSql.replace(/\b(username|email|name)\b/g, 'users.$1'));
  const contains = coveringTrigrams(words).map((trigram) => sql`${haystack} like ${likePattern(trigram)} escape '\\'`);
  return sql<SqlBool>`(${sql.join(contains, sql` and `)})`;
}

/** The users the index offers for some words: how many (up to a bound), and their rowids as a JSON array. */
export interface SearchCandidates { count: number; rowids: string }

/**
 * The users the index offers for these words (SQLite rowids), no more than
 * `atMost`; null where that is not cheap to know. SQLite's FTS5 stops at the
 * bound; a GIN bitmap on PostgreSQL reads the whole posting list first, so
 * it is not asked there. One row comes back, whatever the count: for common
 * words the rowids go unused, and a row for each cost more than the lookup.
 */
export async function searchCandidates(executor: Executor, dialect: DialectName, words: readonly string[], atMost: number): Promise<SearchCandidates | null> {
  if (dialect !== 'sqlite' || atMost <= 0) return null;
  const { rows } = await sql<SearchCandidates>`select count(*) as count, json_group_array(rowid) as rowids
    from (select rowid from users_search where users_search match ${ftsQuery(words)} limit ${rowCount(atMost)})`.execute(executor);
  return rows[0]!; // a count always has its one row
}

/**
 * A condition true for the users among candidates searchCandidates found:
 * the page need not ask FTS5 the same question again (at a million users,
 * each asking costs about 1.5 ms).
 */
export function amongCandidates(candidates: SearchCandidates): Expression<SqlBool> {
  return sql<SqlBool>`users.rowid in (select value from json_each(${candidates.rowids}))`;
}
