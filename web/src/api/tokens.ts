// API tokens (SPEC §3.4): the signed-in user's own, listed, created and deleted.
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

/** The secret comes back only here, once. */
export interface CreatedToken {
  token: string;
  id: string;
  name: string;
  expiresAt: string;
}

export const myTokensKey = ['tokens', 'me'] as const;

export function useMyTokens() {
  return useQuery({
    queryKey: myTokensKey,
    queryFn: () => api<{ tokens: ApiToken[] }>('GET', '/api/v1/users/me/tokens').then((r) => r.tokens),
  });
}

export const createToken = (input: { name: string; lifetimeSeconds?: number }) =>
  api<CreatedToken>('POST', '/api/v1/users/me/tokens', input);
export const deleteToken = (id: string) => api<void>('DELETE', `/api/v1/users/me/tokens/${encodeURIComponent(id)}`);

const day = 24 * 3600;
export const tokenLifetimes = [
  { value: String(7 * day), label: '7 days' },
  { value: String(30 * day), label: '30 days' },
  { value: String(90 * day), label: '90 days' },
  { value: String(365 * day), label: '1 year' },
];
export const defaultLifetime = String(30 * day);
