// The Users page query: filters of the §1.7 grammar, one of four sort orders,
// keyset pagination. Each order is served by a live-user index (see the
// initial migration), so a page costs the same at any depth.
import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../domain/context.js';
import type { TimeBound, UserFilter, UserStatus } from '../../domain/user-filter.js';
import { containsInsensitive, likePattern, rowCount, type DialectName } from '../dialects.js';
import { hotQuery } from '../hot-query.js';
import { userViewColumns, type Database, type UserViewRow } from '../schema.js';
import { decodeMemberships, membershipsJson, membershipsOf, type MembershipRow } from './orgs.js';
import { amongCandidates, indexableWords, searchCandidates, searchIndexCondition } from './user-search.js';

export type SortField = 'username' | 'email' | 'created' | 'last_seen';
export type SortDirection = 'asc' | 'desc';

type Eb = ExpressionBuilder<Database, 'users'>;

// username and email are unique among live users, so they need no tie-break
// (and are text; the other two are numbers).
const sortExpressions: Record<SortField, { expr: RawBuilder<string | number>; unique: boolean }> = {
  username: { expr: sql<string>`lower(users.username)`, unique: true },
  email: { expr: sql<string>`lower(users.email)`, unique: true },
  created: { expr: sql<number>`users.created_at`, unique: false },
  last_seen: { expr: sql<number>`coalesce(users.last_seen_at, 0)`, unique: false },
};

type SortKey = { value: string | number; id: string };

/** The users whose sort key compares to `key` by `op`: the cursor's start and the search window's end. */
function sortKeyCondition(sort: SortField, op: '<' | '>' | '<=' | '>=', key: SortKey): RawBuilder<SqlBool> {
  const { expr, unique } = sortExpressions[sort];
  return unique ? sql<SqlBool>`${expr} ${sql.raw(op)} ${key.value}` : sql<SqlBool>`(${expr}, users.id) ${sql.raw(op)} (${key.value}, ${key.id})`;
}

/** The value a row sorts by, as stored in its cursor. */
export function sortValueOf(row: UserViewRow, field: SortField): string | number {
  switch (field) {
    case 'username': return row.username.toLowerCase();
    case 'email': return row.email.toLowerCase();
    case 'created': return row.created_at;
    case 'last_seen': return row.last_seen_at ?? 0;
  }
}

/** A suspension whose end has passed has lifted itself. */
function suspendedNow(eb: Eb, now: number): Expression<SqlBool> {
  return eb.and([
    eb('users.status', '=', 'suspended'),
    eb.or([eb('users.suspended_until', 'is', null), eb('users.suspended_until', '>', now)]),
  ]);
}

function statusCondition(eb: Eb, status: UserStatus, now: number, dormantBefore: number): Expression<SqlBool> {
  if (status === 'suspended') return suspendedNow(eb, now);
  const lastActivity = sql<number>`coalesce(users.last_seen_at, users.created_at)`;
  return eb.and([
    eb.not(suspendedNow(eb, now)),
    status === 'dormant' ? eb(lastActivity, '<', dormantBefore) : eb(lastActivity, '>=', dormantBefore),
  ]);
}

function timeCondition(eb: Eb, bound: TimeBound): Expression<SqlBool> {
  const column = bound.column === 'created' ? sql<number>`users.created_at` : sql<number>`coalesce(users.last_seen_at, 0)`;
  return eb(column, bound.op, bound.at);
}

export interface UserListQuery {
  /** Free text beyond ASCII needs it on SQLite (see containsInsensitive). */
  dialect: DialectName;
  filter: UserFilter;
  sort: SortField;
  direction: SortDirection;
  after?: SortKey;
  limit: number;
  now: number;
  dormantBefore: number;
  /** How many users a text search reads before it turns to the substring index (tests make it small). */
  searchWindow?: number;
  /** Up to how many index candidates words count as rare (tests vary it; 0 never asks). */
  fewCandidates?: number;
  /** The rows are to be shown with their organizations (see organizationsOfListed). */
  withOrganizations?: boolean;
}

/** A listed user; on PostgreSQL, when asked for, with its memberships as JSON text: [[org id, org name, role], …]. */
export type ListedUserRow = UserViewRow & { organizations?: string };

type MatchQuery = Pick<UserListQuery, 'dialect' | 'filter' | 'now' | 'dormantBefore'>;

/**
 * Whether words of free text are also looked up in the substring index,
 * which pays off when they are rare (see listUsers): not at all, by the
 * words, or as the candidates the index already gave for them.
 */
type IndexUse = false | 'words' | { rowids: string };

type UsersSource = SelectQueryBuilder<Database, 'users', object>;

/** Live users matching the filter: the base both the page and the count build on. */
function matching(executor: Executor, q: MatchQuery, index: IndexUse = false, from: UsersSource = executor.selectFrom('users')) {
  let query = from.where('users.deleted_at', 'is', null);
  if (typeof index === 'object') {
    query = query.where(amongCandidates(index.rowids));
  } else if (index === 'words') {
    const indexed = indexableWords(q.filter.text);
    if (indexed.length) query = query.where(searchIndexCondition(q.dialect, indexed));
  }
  for (const word of q.filter.text) {
    const pattern = likePattern(word);
    query = query.where((eb) => eb.or([
      containsInsensitive(q.dialect, sql`users.username`, pattern),
      containsInsensitive(q.dialect, sql`users.email`, pattern),
      containsInsensitive(q.dialect, sql`users.name`, pattern),
    ]));
  }
  if (q.filter.roles.length) {
    // When the substring index found the few candidates, they are where to start: the role index must not look
    // cheaper (SQLite without statistics thinks it is, and would walk every member of a role).
    const role = index ? sql<string>`users.site_role || ''` : sql<string>`users.site_role`;
    query = query.where(role, 'in', q.filter.roles);
  }
  if (q.filter.loginTypes.length) query = query.where('users.login_type', 'in', q.filter.loginTypes);
  if (q.filter.statuses.length) {
    query = query.where((eb) => eb.or(q.filter.statuses.map((s) => statusCondition(eb, s, q.now, q.dormantBefore))));
  }
  for (const bound of q.filter.times) query = query.where((eb) => timeCondition(eb, bound));
  if (q.filter.orgs.length) {
    const names = q.filter.orgs.map((o) => o.toLowerCase());
    const ids = q.filter.orgs;
    query = query.where((eb) => eb.exists(
      eb.selectFrom('org_members')
        .innerJoin('orgs', 'orgs.id', 'org_members.org_id')
        .select(sql`1`.as('one'))
        .whereRef('org_members.user_id', '=', 'users.id')
        .where((inner) => inner.or([inner('orgs.id', 'in', ids), inner(sql`lower(orgs.name)`, 'in', names)])),
    ));
  }

  return query;
}

// How many users, in sort order, a search first looks through without the
// substring index (see windowUsers), in one pass that stops at the page's
// last match. If they hold a full page, the words are common and that page
// is the answer at once; if not, the words are rare and the index finds
// their few users faster than reading on. A page costs about the same
// whether the words match half the users or three of a million. Rare words
// that the count below misses pay for the whole window (PostgreSQL: 7 ms for
// 5,000 users, with three LIKEs each), so it is short.
const searchWindow = 2_000;
const keepReadingAfter = 4;
// Fewer candidates than this (counted by SQLite's index, estimated from a
// sample on PostgreSQL) means rare words: the index answers at once,
// without the window.
const fewCandidates = 1_000;

const listedColumns = userViewColumns.map((column) => `users.${column}` as const);

/**
 * The users a search window counts, in sort order after the cursor: every
 * live user, or in newest-first order only those of the filter's roles,
 * since each role has its own index in that order. A window of a rare role
 * then holds as many candidates as one of a common role.
 */
function windowUsers(executor: Executor, q: UserListQuery) {
  const { expr, unique } = sortExpressions[q.sort];
  let query = executor.selectFrom('users').where('users.deleted_at', 'is', null);
  if (q.sort === 'created' && q.filter.roles.length) query = query.where('users.site_role', 'in', q.filter.roles);
  if (q.after) query = query.where(sortKeyCondition(q.sort, q.direction === 'asc' ? '>' : '<', q.after));
  query = query.orderBy(expr, q.direction);
  return unique ? query : query.orderBy('users.id', q.direction);
}

/**
 * The search window as a table named `users`: it has every column the page
 * and the filters read, so the same conditions apply to it as to the table
 * it stands for.
 */
function searchWindowTable(executor: Executor, q: UserListQuery): UsersSource {
  const window = windowUsers(executor, q).select([...listedColumns, 'users.deleted_at']).limit(rowCount(q.searchWindow ?? searchWindow));
  return executor.selectFrom(window.as('users')) as unknown as UsersSource;
}

/** A page of matches: among all live users after the cursor, or only among the search window's. */
function paged(executor: Executor, q: UserListQuery, index: IndexUse, inWindow = false) {
  const { expr, unique } = sortExpressions[q.sort];
  let query = matching(executor, q, index, inWindow ? searchWindowTable(executor, q) : undefined)
    .select(listedColumns) as SelectQueryBuilder<Database, 'users', ListedUserRow>;
  // On PostgreSQL each query is a round trip: the memberships of the
  // unfiltered page, a prepared statement, come with its rows. SQLite would
  // evaluate the subquery for every row it sorts, and a second query there
  // costs no round trip.
  if (q.withOrganizations && q.dialect === 'postgres') query = query.select(membershipsJson.as('organizations'));
  if (q.after && !inWindow) query = query.where(sortKeyCondition(q.sort, q.direction === 'asc' ? '>' : '<', q.after));
  // Through the index, the few matches are sorted afterwards. An order no
  // index serves keeps PostgreSQL from walking the sort index instead, which
  // it would choose when it misjudges how rare the words are.
  const order = index ? (unique ? sql`${expr} || ''` : sql`${expr} + 0`) : expr;
  query = query.orderBy(order, q.direction);
  if (!unique) query = query.orderBy('users.id', q.direction);
  return query.limit(rowCount(q.limit));
}

/** The sort key of the last user in the window that starts after the cursor, or undefined when fewer users remain. */
async function searchWindowEnd(executor: Executor, q: UserListQuery): Promise<SortKey | undefined> {
  const { expr } = sortExpressions[q.sort];
  const row = await windowUsers(executor, q).select([expr.as('value'), 'users.id as id'])
    .limit(rowCount(1)).offset(rowCount((q.searchWindow ?? searchWindow) - 1)).executeTakeFirst();
  return row ? { value: row.value as string | number, id: row.id } : undefined;
}

/** No term of any kind: every key of the filter is an empty list. */
const isUnfiltered = (f: UserFilter) => Object.values(f).every((terms: readonly unknown[]) => terms.length === 0);

type PageQuery = (executor: Executor, ...after: (string | number)[]) => Promise<ListedUserRow[]>;
const unfilteredPageQueries = new Map<string, PageQuery>();

/**
 * The Users page as everyone first opens it, and each next page of it: no
 * filter, so one shape per sort order, compiled once (src/db/hot-query.ts).
 */
function unfilteredPage(executor: Executor, q: UserListQuery): Promise<ListedUserRow[]> {
  const { unique } = sortExpressions[q.sort];
  // The page size is part of the text (see rowCount), so part of the key: at most 100 sizes.
  const key = `${q.dialect} ${q.sort} ${q.direction} ${q.after ? 'after' : 'first'} ${q.limit} ${q.withOrganizations ? 'orgs' : ''}`;
  let query = unfilteredPageQueries.get(key);
  if (!query) {
    // A unique sort key needs no id to break ties, so its cursor passes only the value.
    query = hotQuery((ex: Executor, value?: string | number, id?: string) => paged(ex, {
      ...q, after: q.after ? { value: value!, id: unique ? '' : id! } : undefined,
    }, false)) as PageQuery;
    unfilteredPageQueries.set(key, query);
  }
  if (!q.after) return query(executor);
  return unique ? query(executor, q.after.value) : query(executor, q.after.value, q.after.id);
}

export async function listUsers(executor: Executor, query: UserListQuery): Promise<ListedUserRow[]> {
  if (isUnfiltered(query.filter)) return unfilteredPage(executor, query);
  // A search's statement is planned on every run, and planning the
  // memberships subquery (0.3-0.5 ms on PostgreSQL at 100k users, plus 0.5 ms
  // to run it) costs more than the round trip it saves: its memberships come
  // in a query of their own.
  const q = { ...query, withOrganizations: false };
  const words = indexableWords(q.filter.text);
  if (!words.length) return paged(executor, q, false).execute();
  const few = q.fewCandidates ?? fewCandidates;
  const candidates = await searchCandidates(executor, q.dialect, words, few, q.now);
  if (candidates !== null && candidates.count < few) {
    // On PostgreSQL the count was only estimated: the page asks the index itself.
    return paged(executor, q, candidates.rowids === undefined ? 'words' : { rowids: candidates.rowids }).execute();
  }
  // One pass through the window, which stops at the page's last match: common words need only a few hundred users.
  const inWindow = await paged(executor, q, false, true).execute();
  if (inWindow.length >= q.limit) return inWindow;
  const windowEnd = await searchWindowEnd(executor, q);
  // Fewer users than the window remained: it held them all.
  if (!windowEnd) return inWindow;
  // A few matches in the window: common words with a rare filter term. The
  // index would hand over every user with those words; reading on past the
  // window finds the rest of the page sooner.
  if (inWindow.length >= keepReadingAfter || readOnAnyway(q, candidates !== null, inWindow.length)) {
    const rest = await paged(executor, { ...q, after: windowEnd, limit: q.limit - inWindow.length }, false).execute();
    return [...inWindow, ...rest];
  }
  return paged(executor, q, 'words').execute();
}

/**
 * Where the index (or PostgreSQL's sample) has already said the words are common,
 * handing over their candidates means tens of thousands of users: at a
 * million, "son role:site-manager" found only 3 in the window about half the
 * time, and the index's 100,000 candidates cost 70 ms a page. Reading on is
 * then the better bet after a single match, and always when a role narrows
 * the newest-first order, since each role has its own index in that order.
 */
function readOnAnyway(q: UserListQuery, wordsAreCommon: boolean, inWindow: number): boolean {
  return wordsAreCommon && (inWindow > 0 || (q.filter.roles.length > 0 && q.sort === 'created'));
}

/** The memberships of listed users: those read with them, or else one query for them all. */
export async function organizationsOfListed(executor: Executor, rows: ListedUserRow[]): Promise<MembershipRow[]> {
  if (rows.length === 0 || rows[0]!.organizations === undefined) return membershipsOf(executor, rows.map((r) => r.id));
  return rows.flatMap((row) => decodeMemberships(row.id, row.organizations!));
}

/** How many live users the filter matches (on demand, never on a page load). */
export async function countUsers(executor: Executor, q: MatchQuery): Promise<number> {
  const row = await matching(executor, q, 'words').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
