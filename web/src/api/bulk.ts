// Bulk actions on users (issue 9): POST /api/v1/users/bulk by ids (one call per
// 500) or by a filter, one page of 200 per call, following nextCursor; and the
// count of users a filter matches, for "Select all N users matching this filter".
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Permission, SiteRole } from './types';
import { usersKey, type UserPage } from './users';

export type BulkAction = 'suspend' | 'activate' | 'change-role' | 'delete' | 'reset-password';

export const bulkActions: { action: BulkAction; label: string; permission: Permission }[] = [
  { action: 'suspend', label: 'Suspend', permission: 'user.suspend' },
  { action: 'activate', label: 'Activate', permission: 'user.suspend' },
  { action: 'change-role', label: 'Change role', permission: 'user.assign-role' },
  { action: 'delete', label: 'Delete', permission: 'user.delete' },
  { action: 'reset-password', label: 'Reset password', permission: 'user.reset-password' },
];

export interface BulkResult {
  id: string;
  username: string;
  email: string;
  outcome: 'done' | 'would-do' | 'skipped' | 'refused';
  reason?: string;
  temporaryPassword?: string;
}

/** Whom a bulk action is for: chosen rows, or everyone a filter matches. */
export type BulkTarget = { ids: string[] } | { q: string };

export interface BulkOptions {
  role?: SiteRole;
  reason?: string;
}

const idsPerCall = 500;

/**
 * Runs one bulk action to the end, call after call, reporting every page's
 * results as they come; stops early (between calls) when `stopped()` says so.
 */
export async function runBulk(
  action: BulkAction, target: BulkTarget, dryRun: boolean, options: BulkOptions,
  onPage: (results: BulkResult[]) => void, stopped: () => boolean,
): Promise<void> {
  const body = { action, dryRun, ...(action === 'change-role' ? { role: options.role } : {}), ...(action === 'suspend' && options.reason?.trim() ? { reason: options.reason.trim() } : {}) };
  if ('ids' in target) {
    for (let start = 0; start < target.ids.length && !stopped(); start += idsPerCall) {
      const page = await api<{ results: BulkResult[] }>('POST', '/api/v1/users/bulk', { ...body, ids: target.ids.slice(start, start + idsPerCall) });
      if (!stopped()) onPage(page.results);
    }
    return;
  }
  let cursor: string | undefined;
  do {
    const page = await api<{ results: BulkResult[]; nextCursor: string | null }>(
      'POST', '/api/v1/users/bulk', { ...body, q: target.q.trim(), ...(cursor ? { cursor } : {}) },
    );
    if (stopped()) return;
    onPage(page.results);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** How many users the filter matches (asked only when `enabled`). */
export function useUserCount(q: string, enabled: boolean) {
  return useQuery({
    // Under usersKey, so whatever refreshes the list refreshes the count; the
    // cache keeps the whole page, as the helpers that rewrite usersKey expect.
    queryKey: [...usersKey, 'count', q.trim()],
    queryFn: () => {
      const search = new URLSearchParams({ limit: '1', count: 'true' });
      if (q.trim()) search.set('q', q.trim());
      return api<UserPage & { total: number }>('GET', `/api/v1/users?${search}`);
    },
    select: (page) => page.total,
    enabled,
  });
}

export function exportCsvUrl(q: string): string {
  return q.trim() ? `/api/v1/users/export.csv?${new URLSearchParams({ q: q.trim() })}` : '/api/v1/users/export.csv';
}
