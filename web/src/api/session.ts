// Who is signed in and what they may do: the two queries every page reads.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Permission, Permissions, User } from './types';

export const meKey = ['me'] as const;
export const permissionsKey = ['me', 'permissions'] as const;

export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: () => api<{ user: User }>('GET', '/api/v1/users/me').then((r) => r.user),
    retry: false,
    staleTime: 30_000,
  });
}

export function usePermissions() {
  return useQuery({
    queryKey: permissionsKey,
    queryFn: () => api<Permissions>('GET', '/api/v1/users/me/permissions'),
    retry: false,
    staleTime: 30_000,
  });
}

/** True when the server says the actor may; never guessed from the role name. */
export function useCan(): (permission: Permission) => boolean {
  const { data } = usePermissions();
  return (permission) => data?.permissions[permission] === true;
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return async () => {
    try {
      await api('POST', '/api/v1/auth/logout');
    } finally {
      queryClient.clear();
    }
  };
}
