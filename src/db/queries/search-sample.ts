// How common are a search's words? SQLite's FTS5 counts a word's candidates
// up to a bound at once (searchCandidates), but PostgreSQL's trigram index
// cannot say without reading them all: a GIN bitmap takes 20 ms for "son"
// at a million users. So on PostgreSQL a search asks a sample of users'
// text, kept in memory. The answer only chooses where a search starts;
// every path returns the same users, so a stale or unlucky sample costs
// time, never results.
import { sql, type DialectAdapter } from 'kysely';
import type { Executor } from '../../domain/context.js';

// Whole table pages are sampled (TABLESAMPLE SYSTEM reads only those), so
// the sample is spread over this many places in the table: users imported
// side by side (a department, a domain) share pages. About 7 ms at a
// million users (46 users to a page).
const pagesSampled = 200;
// Rows kept in memory (about 60 bytes each); more pages than rows matter.
const rowsKept = 2_000;
// Users come and go; a sample this old is drawn again. One that read the
// whole table (fewer pages than pagesSampled) is cheap to draw again, and
// the table may be about to grow by an import: it is kept only briefly.
const maxAgeMs = 5 * 60_000;
const wholeTableMaxAgeMs = 10_000;

interface TextSample {
  /** The kept rows' text, lower-cased, one row per line. */
  text: string;
  rows: number;
  /** How many live users the sample stands for. */
  population: number;
  /** How long the sample may be used. */
  maxAgeMs: number;
}

const samples = new WeakMap<DialectAdapter, { drawnAt: number; sample: Promise<TextSample | null>; maxAgeMs: number }>();

/**
 * About `atMost` of the rows, each kept by chance; all of them if there are
 * no more. Not every nth row: a stride aliases with any period in the
 * table's order (users written alternately of two kinds), and a word's
 * share in the sample is then off by as much as the kinds differ.
 */
export function rowsAtRandom<T>(rows: readonly T[], atMost: number): T[] {
  if (rows.length <= atMost) return [...rows];
  const keep = atMost / rows.length;
  return rows.filter(() => Math.random() < keep);
}

async function drawSample(executor: Executor): Promise<TextSample | null> {
  const { rows: [table] } = await sql<{ pages: number }>`select relpages as pages from pg_class where oid = 'users'::regclass`.execute(executor);
  const percent = Math.min(100, (100 * pagesSampled) / Math.max(1, table?.pages ?? 0));
  // The cap bounds a table whose page count is not known yet (never vacuumed or analyzed).
  const { rows } = await sql<{ text: string }>`select username || ' ' || email || ' ' || name as text
    from users tablesample system (${percent}) where deleted_at is null limit ${rowsKept * 25}`.execute(executor);
  if (!rows.length) return null; // no live users: nothing to estimate from
  // Words never hold whitespace, so a line break cannot be part of a match.
  const kept = rowsAtRandom(rows, rowsKept).map((row) => row.text.toLowerCase().replaceAll('\n', ' '));
  return { text: kept.join('\n'), rows: kept.length, population: rows.length * (100 / percent), maxAgeMs: percent < 100 ? maxAgeMs : wholeTableMaxAgeMs };
}

/** The database's sample (one per database: transactions share their database's adapter). */
function currentSample(executor: Executor, now: number): Promise<TextSample | null> {
  const adapter = executor.getExecutor().adapter;
  let held = samples.get(adapter);
  if (!held || now - held.drawnAt >= held.maxAgeMs) {
    // Concurrent searches share one draw. No sample (no users yet, or a failed draw) is kept briefly too.
    const entry = { drawnAt: now, maxAgeMs: wholeTableMaxAgeMs, sample: drawSample(executor).catch(() => null) };
    void entry.sample.then((sample) => { if (sample) entry.maxAgeMs = sample.maxAgeMs; });
    held = entry;
    samples.set(adapter, held);
  }
  return held.sample;
}

/** How many sampled rows hold every word, counting no further than `atMost`. */
function rowsWithAll(text: string, words: readonly string[], atMost: number): number {
  const [first, ...rest] = words;
  let count = 0;
  for (let at = text.indexOf(first!); at !== -1 && count < atMost;) {
    const start = text.lastIndexOf('\n', at) + 1;
    const found = text.indexOf('\n', at);
    const end = found === -1 ? text.length : found;
    const row = text.slice(start, end);
    if (rest.every((word) => row.includes(word))) count += 1;
    at = text.indexOf(first!, end);
  }
  return count;
}

/**
 * About how many live users hold every one of the (lower-case) words, up to
 * `atMost` (which means at least that many); null when there is no sample
 * (no users yet, or the draw failed). `now` tells whether the sample is too
 * old.
 */
export async function estimatedMatches(executor: Executor, words: readonly string[], atMost: number, now: number): Promise<number | null> {
  const sample = await currentSample(executor, now);
  if (!sample || !words.length) return null;
  const perRow = sample.population / sample.rows;
  // The fewest sampled rows that stand for atMost users: counting can stop there.
  const enough = Math.ceil(atMost / perRow);
  const rows = rowsWithAll(sample.text, words, enough);
  return rows >= enough ? atMost : Math.round(rows * perRow);
}
