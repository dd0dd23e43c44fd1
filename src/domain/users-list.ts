// Manage > Users: filter, sort and keyset pagination (SPEC §1.7).
import { countUsers, listUsers, organizationsOfListed, sortValueOf, type SortDirection, type SortField } from '../db/queries/user-list.js';
import type { Ctx } from './context.js';
import { fail } from './errors.js';
import { parseUserFilter } from './user-filter.js';
import { viewTime } from './dormancy.js';
import { toApiUser, type ApiUser } from './user-view.js';

export const sortFields: readonly SortField[] = ['username', 'email', 'created', 'last_seen'];

export interface ListInput {
  q?: string;
  /** A field name, `-` in front for descending: `-created` (the default), `username`… */
  sort?: string;
  limit?: number;
  cursor?: string;
  count?: 'true' | 'false';
}

interface Cursor {
  s: string;
  v: string | number;
  id: string;
}

function parseSort(sort: string): { field: SortField; direction: SortDirection } {
  const field = sort.replace(/^-/, '') as SortField;
  if (!sortFields.includes(field)) {
    fail('VALIDATION_FAILED', `Cannot sort by "${sort}".`, [{ field: 'sort', detail: `Use one of ${sortFields.join(', ')}, with - in front for descending.` }]);
  }
  return { field, direction: sort.startsWith('-') ? 'desc' : 'asc' };
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string, sort: string, field: SortField): Cursor {
  const bad = () => fail('INVALID_CURSOR', 'The cursor is not valid for this list; start again from the first page.', [{ field: 'cursor', detail: 'Invalid or from another sort order.' }]);
  let cursor: Cursor;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
  } catch {
    return bad();
  }
  const numeric = field === 'created' || field === 'last_seen';
  if (typeof cursor !== 'object' || cursor === null || cursor.s !== sort || typeof cursor.id !== 'string' || cursor.id.length > 64
    || (numeric ? !Number.isSafeInteger(cursor.v) : typeof cursor.v !== 'string' || cursor.v.length > 320)) {
    return bad();
  }
  return cursor;
}

export async function listUsersPage(ctx: Ctx, input: ListInput): Promise<{ users: ApiUser[]; nextCursor: string | null; total?: number }> {
  const sort = input.sort ?? '-created';
  const { field, direction } = parseSort(sort);
  const filter = parseUserFilter(input.q ?? '');
  const cursor = input.cursor ? decodeCursor(input.cursor, sort, field) : undefined;
  const limit = input.limit ?? 25;
  const executor = ctx.db.kysely;
  const at = await viewTime(ctx);
  // One row more than asked tells whether another page exists, without a COUNT.
  const rows = await listUsers(executor, {
    dialect: ctx.db.dialect, filter, sort: field, direction, limit: limit + 1, now: at.now, dormantBefore: at.dormantBefore,
    after: cursor ? { value: cursor.v, id: cursor.id } : undefined, withOrganizations: true,
  });
  const page = rows.slice(0, limit);
  const memberships = await organizationsOfListed(executor, page);
  const last = page.at(-1);
  return {
    users: page.map((row) => toApiUser(row, memberships, at)),
    nextCursor: rows.length > limit && last ? encodeCursor({ s: sort, v: sortValueOf(last, field), id: last.id }) : null,
    ...(input.count === 'true' ? { total: await countUsers(executor, { dialect: ctx.db.dialect, filter, now: at.now, dormantBefore: at.dormantBefore }) } : {}),
  };
}

export const userCsvColumns = ['id', 'username', 'email', 'name', 'login_type', 'site_role', 'status', 'organizations', 'created_at', 'last_seen_at'];

/** Every user the filter matches, newest first, in keyset batches: the CSV export streams these. */
export async function* userRowsForExport(ctx: Ctx, q: string | undefined) {
  const filter = parseUserFilter(q ?? '');
  const executor = ctx.db.kysely;
  let after: { value: string | number; id: string } | undefined;
  for (;;) {
    const at = await viewTime(ctx);
    const rows = await listUsers(executor, {
      dialect: ctx.db.dialect, filter, sort: 'created', direction: 'desc', limit: 500, now: at.now, dormantBefore: at.dormantBefore, after, withOrganizations: true,
    });
    const memberships = await organizationsOfListed(executor, rows);
    for (const row of rows) {
      const user = toApiUser(row, memberships, at);
      yield [user.id, user.username, user.email, user.name, user.loginType, user.siteRole, user.status,
        user.organizations.map((o) => o.name).join('; '), user.createdAt, user.lastSeenAt];
    }
    if (rows.length < 500) return;
    const last = rows.at(-1)!;
    after = { value: last.created_at, id: last.id };
  }
}
