// The substring index behind the Users page's free text (migration 0006).
// It only narrows the candidates: callers keep the exact LIKE conditions,
// so a search returns the same users with or without it.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../domain/context.js';
import { likePattern, rowCount, type DialectName } from '../dialects.js';
import { searchHaystackSql } from '../search-index.js';
import { estimatedMatches } from './search-sample.js';

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

/**
 * The users the index offers for some words: how many (up to a bound), and
 * on SQLite their rowids as a JSON array.
 */
export interface SearchCandidates { count: number; rowids?: string }

/**
 * How many users the index offers for these words, no more than `atMost`;
 * null where that is not known. SQLite's FTS5 counts, and stops at the
 * bound; a GIN bitmap on PostgreSQL reads every posting list first, so there
 * the number is estimated from a sample of users' text (search-sample.ts).
 * On SQLite one row comes back, whatever the count: for common words the
 * rowids go unused, and a row for each cost more than the lookup.
 */
export async function searchCandidates(executor: Executor, dialect: DialectName, words: readonly string[], atMost: number, now: number): Promise<SearchCandidates | null> {
  if (atMost <= 0) return null;
  if (dialect === 'postgres') {
    const count = await estimatedMatches(executor, words, atMost, now);
    return count === null ? null : { count };
  }
  const { rows } = await sql<Required<SearchCandidates>>`select count(*) as count, json_group_array(rowid) as rowids
    from (select rowid from users_search where users_search match ${ftsQuery(words)} limit ${rowCount(atMost)})`.execute(executor);
  return rows[0]!; // a count always has its one row
}

/**
 * A condition true for the users among candidates searchCandidates found:
 * the page need not ask FTS5 the same question again (at a million users,
 * each asking costs about 1.5 ms).
 */
export function amongCandidates(rowids: string): Expression<SqlBool> {
  return sql<SqlBool>`users.rowid in (select value from json_each(${rowids}))`;
}
