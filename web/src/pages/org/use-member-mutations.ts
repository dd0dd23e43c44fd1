// The Members tab's mutations: what each does to the cache and what the user is told.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { addMember, changeMemberRole, membersKey, myImagesKey, removeMember, updateCachedMembers } from '../../api/orgs';
import { meKey } from '../../api/session';
import type { Member, Org, OrgRole } from '../../api/types';
import { orgRoleLabels } from '../../api/types';
import { usersKey } from '../../api/users';
import { notifyFailure, notifySuccess } from '../notify';

export function useMemberMutations(org: Org, { onDone }: { onDone(): void }) {
  const queryClient = useQueryClient();
  // Memberships show on the Users page, in the actor's own permissions here, and in their images.
  const refresh = () => Promise.all([membersKey(org.id), usersKey, meKey, myImagesKey].map((queryKey) =>
    queryClient.invalidateQueries({ queryKey })));
  // Rows whose change is on its way: their controls wait.
  const [busyIds, setBusyIds] = useState<ReadonlySet<string>>(new Set());
  const markBusy = (id: string, busy: boolean) => setBusyIds((ids) => {
    const next = new Set(ids);
    if (busy) next.add(id);
    else next.delete(id);
    return next;
  });

  const add = useMutation({
    mutationFn: (values: { user: string; role: OrgRole }) => addMember(org.id, values),
    onSuccess: ({ member }) => {
      void refresh();
      onDone();
      notifySuccess(`${member.user.name} joined ${org.name} as ${orgRoleLabels[member.role].toLowerCase()}.`);
    },
  });

  const changeRole = useMutation({
    mutationFn: ({ member, role }: { member: Member; role: OrgRole }) => changeMemberRole(org.id, member.user.id, role),
    onMutate: ({ member, role }) => {
      markBusy(member.user.id, true);
      // Show the choice at once; the server's answer confirms or undoes it.
      updateCachedMembers(queryClient, org.id, member.user.id, { ...member, role });
    },
    onSuccess: ({ member }) => {
      updateCachedMembers(queryClient, org.id, member.user.id, member);
      notifySuccess(`${member.user.name} is now ${orgRoleLabels[member.role].toLowerCase()} of ${org.name}.`);
    },
    onError: (error, { member }) => {
      updateCachedMembers(queryClient, org.id, member.user.id, member);
      notifyFailure(`The org role of ${member.user.name} was not changed`, error);
    },
    onSettled: (_data, _error, { member }) => {
      markBusy(member.user.id, false);
      void refresh();
    },
  });

  const remove = useMutation({
    mutationFn: (member: Member) => removeMember(org.id, member.user.id),
    onMutate: (member) => markBusy(member.user.id, true),
    onSuccess: (_, member) => {
      updateCachedMembers(queryClient, org.id, member.user.id, null);
      void refresh();
      onDone();
      notifySuccess(`${member.user.name} was removed from ${org.name}.`);
    },
    onSettled: (_data, _error, member) => markBusy(member.user.id, false),
  });

  return {
    add,
    changeRole,
    remove,
    busyIds,
    /** Forget the last dialog's outcome before opening the next. */
    resetDialog() {
      add.reset();
      remove.reset();
    },
  };
}
