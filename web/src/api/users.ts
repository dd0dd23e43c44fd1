// Manage > Users: the list query and every call that changes a user (SPEC §6.2).
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { LoginType, SiteRole, User } from './types';

export type UserSort = '-created' | 'created' | 'username' | '-username' | 'email' | '-email' | '-last_seen' | 'last_seen';

export const sortOptions: { value: UserSort; label: string }[] = [
  { value: '-created', label: 'Newest first' },
  { value: 'created', label: 'Oldest first' },
  { value: 'username', label: 'Username A–Z' },
  { value: '-username', label: 'Username Z–A' },
  { value: 'email', label: 'Email A–Z' },
  { value: '-email', label: 'Email Z–A' },
  { value: '-last_seen', label: 'Recently seen' },
  { value: 'last_seen', label: 'Least recently seen' },
];
export const defaultSort: UserSort = '-created';
export const pageSizes = [10, 25, 50, 100] as const;
export const defaultPageSize = 25;

export interface UserListParams {
  q: string;
  sort: UserSort;
  limit: number;
  cursor?: string;
}

export interface UserPage {
  users: User[];
  nextCursor: string | null;
}

export const usersKey = ['users'] as const;

export function useUserList(params: UserListParams) {
  return useQuery({
    queryKey: [...usersKey, params],
    queryFn: () => {
      const search = new URLSearchParams({ sort: params.sort, limit: String(params.limit) });
      if (params.q.trim()) search.set('q', params.q.trim());
      if (params.cursor) search.set('cursor', params.cursor);
      return api<UserPage>('GET', `/api/v1/users?${search}`);
    },
    // Typing a search or turning a page keeps the rows on screen until the next ones arrive.
    placeholderData: keepPreviousData,
  });
}

/** Up to ten users matching a few typed letters, for pickers; empty text asks for nothing. */
export function useUserSearch(text: string, enabled: boolean) {
  // Each word quoted, so a typed "org:" or "role:" stays a word; every word must match.
  const q = text.replace(/"/g, ' ').split(/\s+/).filter(Boolean).map((word) => `"${word}"`).join(' ');
  return useQuery({
    // Not under usersKey: those hold whole pages, which the cache helpers below rewrite.
    queryKey: ['user-search', q],
    queryFn: () => api<UserPage>('GET', `/api/v1/users?${new URLSearchParams({ q, limit: '10', sort: 'username' })}`)
      .then((r) => r.users),
    enabled: enabled && q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

/** Puts the server's copy of a user into every cached page that shows it. */
export function replaceCachedUser(queryClient: QueryClient, user: User): void {
  queryClient.setQueriesData<UserPage>({ queryKey: usersKey }, (page) =>
    page && { ...page, users: page.users.map((u) => (u.id === user.id ? user : u)) });
}

export function removeCachedUser(queryClient: QueryClient, id: string): void {
  queryClient.setQueriesData<UserPage>({ queryKey: usersKey }, (page) =>
    page && { ...page, users: page.users.filter((u) => u.id !== id) });
}

export interface NewUser {
  name?: string;
  email: string;
  username?: string;
  loginType: LoginType;
  organizations?: string[];
  siteRole?: SiteRole;
}

export interface UserWithPassword {
  user: User;
  temporaryPassword?: string;
}

const userPath = (id: string) => `/api/v1/users/${encodeURIComponent(id)}`;

export const createUser = (input: NewUser) => api<UserWithPassword>('POST', '/api/v1/users', input);

export const updateUser = (id: string, patch: { siteRole?: SiteRole; loginType?: LoginType }) =>
  api<UserWithPassword>('PATCH', userPath(id), patch);

export const deleteUser = (id: string) => api<void>('DELETE', userPath(id));

export const resetPassword = (id: string) =>
  api<{ temporaryPassword: string }>('POST', `${userPath(id)}/reset-password`, {});

export const suspendUser = (id: string, input: { reason?: string; until?: string }) =>
  api<{ user: User }>('POST', `${userPath(id)}/suspend`, input);

export const activateUser = (id: string) => api<{ user: User }>('POST', `${userPath(id)}/activate`, {});
