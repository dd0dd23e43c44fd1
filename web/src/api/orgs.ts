// Organizations, their members and their image catalogues (SPEC §4, §6.2).
import { useInfiniteQuery, useQuery, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Image, Member, Org, OrgRole } from './types';

/** Everything about organizations sits under this key, so one invalidation refreshes it all. */
export const orgsKey = ['orgs'] as const;
const orgListKey = [...orgsKey, 'list'] as const;
const orgKey = (ref: string) => [...orgsKey, 'one', ref] as const;
export const membersKey = (orgId: string) => [...orgsKey, 'members', orgId] as const;
export const orgImagesKey = (orgId: string) => [...orgsKey, 'images', orgId] as const;
/** The signed-in user's own catalogue. */
export const myImagesKey = ['images'] as const;

const orgPath = (ref: string) => `/api/v1/orgs/${encodeURIComponent(ref)}`;
const imagePath = (id: string) => `/api/v1/images/${encodeURIComponent(id)}`;

/** All organizations for those who may read them all; one's own otherwise. */
export function useOrgList(enabled = true) {
  return useQuery({
    queryKey: orgListKey,
    queryFn: () => api<{ orgs: Org[] }>('GET', '/api/v1/orgs').then((r) => r.orgs),
    enabled,
    staleTime: 60_000,
  });
}

/** One organization by id or name. */
export function useOrg(ref: string) {
  return useQuery({
    queryKey: orgKey(ref),
    queryFn: () => api<{ org: Org }>('GET', orgPath(ref)).then((r) => r.org),
  });
}

export interface MemberPage {
  members: Member[];
  nextCursor: string | null;
}

export const memberPageSize = 50;

export function useMembers(orgId: string | undefined) {
  return useInfiniteQuery({
    queryKey: membersKey(orgId ?? ''),
    queryFn: ({ pageParam }) => {
      const search = new URLSearchParams({ limit: String(memberPageSize) });
      if (pageParam) search.set('cursor', pageParam);
      return api<MemberPage>('GET', `${orgPath(orgId!)}/members?${search}`);
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!orgId,
  });
}

export function useOrgImages(orgId: string | undefined) {
  return useQuery({
    queryKey: orgImagesKey(orgId ?? ''),
    queryFn: () => api<{ images: Image[] }>('GET', `${orgPath(orgId!)}/images`).then((r) => r.images),
    enabled: !!orgId,
  });
}

export function useMyImages() {
  return useQuery({
    queryKey: myImagesKey,
    queryFn: () => api<{ images: Image[] }>('GET', '/api/v1/images').then((r) => r.images),
  });
}

/** Puts the server's copy of a membership into the cached member pages, or takes one out. */
export function updateCachedMembers(queryClient: QueryClient, orgId: string, userId: string, member: Member | null): void {
  queryClient.setQueryData<InfiniteData<MemberPage>>(membersKey(orgId), (data) => data && {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      members: member
        ? page.members.map((m) => (m.user.id === userId ? member : m))
        : page.members.filter((m) => m.user.id !== userId),
    })),
  });
}

export interface OrgInput {
  name: string;
  description: string;
  default: boolean;
  defaultRole: OrgRole;
}

export const createOrg = (input: OrgInput) => api<{ org: Org }>('POST', '/api/v1/orgs', input);
export const updateOrg = (id: string, patch: Partial<OrgInput>) => api<{ org: Org }>('PATCH', orgPath(id), patch);
export const deleteOrg = (id: string) => api<void>('DELETE', orgPath(id));

/** `user` is an id or a username. */
export const addMember = (orgId: string, input: { user: string; role: OrgRole }) =>
  api<{ member: Member }>('POST', `${orgPath(orgId)}/members`, input);
export const changeMemberRole = (orgId: string, userId: string, role: OrgRole) =>
  api<{ member: Member }>('PATCH', `${orgPath(orgId)}/members/${encodeURIComponent(userId)}`, { role });
export const removeMember = (orgId: string, userId: string) =>
  api<void>('DELETE', `${orgPath(orgId)}/members/${encodeURIComponent(userId)}`);

export interface ImageInput {
  name: string;
  repository: string;
  tag: string;
  description: string;
}

export const createImage = (orgId: string, input: ImageInput) => api<{ image: Image }>('POST', `${orgPath(orgId)}/images`, input);
export const updateImage = (id: string, patch: Partial<ImageInput>) => api<{ image: Image }>('PATCH', imagePath(id), patch);
export const deleteImage = (id: string) => api<void>('DELETE', imagePath(id));
