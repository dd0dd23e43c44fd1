// Manage > Audit: the entries, their filters and the CSV export (SPEC §5, §6.2).
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from './client';

export interface AuditEntry {
  id: string;
  time: string;
  actor: { id: string | null; email: string | null };
  ip: string | null;
  userAgent: string | null;
  action: string;
  resourceType: string;
  target: { id: string | null; name: string | null };
  result: 'success' | 'failure';
  reason: string | null;
  /** field → [before, after]; secrets arrive as "******". */
  diff: Record<string, [unknown, unknown]> | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

/** What the filters hold, as the URL keeps them; times are local "YYYY-MM-DDTHH:mm". */
export interface AuditFilters {
  resourceType: string;
  action: string;
  actor: string;
  target: string;
  since: string;
  until: string;
}

export const auditFilterKeys = ['resourceType', 'action', 'actor', 'target', 'since', 'until'] as const;

export const resourceTypes = ['user', 'session', 'org', 'org_member', 'image', 'api_token', 'settings'];
export const auditActions = [
  'create', 'write', 'delete', 'login', 'logout', 'login_failed', 'password_change', 'password_reset',
  'suspend', 'activate', 'unlock', 'import',
];

export const auditPageSize = 50;

/** A local date-time as the server wants it (an ISO instant); '' when it is not one. */
function isoInstant(local: string): string {
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? local : new Date(ms).toISOString();
}

/** The filters as query parameters: only those set, times as instants. */
export function auditSearch(filters: AuditFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of auditFilterKeys) {
    const value = filters[key].trim();
    if (value) search.set(key, key === 'since' || key === 'until' ? isoInstant(value) : value);
  }
  return search;
}

export function auditExportUrl(filters: AuditFilters): string {
  const search = auditSearch(filters).toString();
  return `/api/v1/audit/export.csv${search ? `?${search}` : ''}`;
}

export function useAuditList(filters: AuditFilters) {
  const search = auditSearch(filters);
  return useInfiniteQuery({
    queryKey: ['audit', search.toString()],
    queryFn: ({ pageParam }) => {
      const page = new URLSearchParams(search);
      page.set('limit', String(auditPageSize));
      if (pageParam) page.set('cursor', pageParam);
      return api<AuditPage>('GET', `/api/v1/audit?${page}`);
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // New filters keep the rows on screen until the next ones arrive.
    placeholderData: keepPreviousData,
    retry: false,
  });
}
