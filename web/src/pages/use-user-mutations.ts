// The Users page's mutations: what each does to the cache and what the user is told.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { LoginType, SiteRole, User } from '../api/types';
import { loginTypeLabels, roleLabels } from '../api/types';
import {
  activateUser, createUser, deleteUser, removeCachedUser, replaceCachedUser, resetPassword, suspendUser, updateUser, usersKey,
} from '../api/users';
import type { SuspendValues } from '../views/users/SuspendDialog';
import { notifyFailure, notifySuccess } from './notify';

export type Dialog =
  | { kind: 'new' }
  | { kind: 'reset-password' | 'suspend' | 'activate' | 'delete'; user: User }
  | { kind: 'auth-type'; user: User; loginType: LoginType };

export type RowDialog = Exclude<Dialog, { kind: 'new' }>;

interface ActResult {
  user?: User;
  temporaryPassword?: string;
  deleted?: boolean;
}

async function perform(dialog: RowDialog & { suspend?: SuspendValues }): Promise<ActResult> {
  const id = dialog.user.id;
  switch (dialog.kind) {
    case 'reset-password':
      return resetPassword(id);
    case 'suspend':
      return suspendUser(id, dialog.suspend ?? {});
    case 'activate':
      return activateUser(id);
    case 'delete':
      await deleteUser(id);
      return { deleted: true };
    case 'auth-type':
      return updateUser(id, { loginType: dialog.loginType });
  }
}

function successMessage(dialog: RowDialog): string {
  const name = dialog.user.name;
  switch (dialog.kind) {
    case 'suspend': return `${name} is suspended.`;
    case 'activate': return `${name} is active again.`;
    case 'delete': return `${name} was deleted.`;
    case 'auth-type': return `${name} now signs in with ${loginTypeLabels[dialog.loginType]}.`;
    case 'reset-password': return `A new temporary password was issued for ${name}.`;
  }
}

export function useUserMutations({ onDone }: { onDone(): void }) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: usersKey });
  // A temporary password from the last action, until the next dialog opens.
  const [issued, setIssued] = useState<string | null>(null);
  // Rows whose role change is on its way: their drop-downs wait.
  const [busyIds, setBusyIds] = useState<ReadonlySet<string>>(new Set());
  const markBusy = (id: string, busy: boolean) => setBusyIds((ids) => {
    const next = new Set(ids);
    if (busy) next.add(id);
    else next.delete(id);
    return next;
  });

  const changeRole = useMutation({
    mutationFn: ({ user, siteRole }: { user: User; siteRole: SiteRole }) => updateUser(user.id, { siteRole }),
    onMutate: ({ user, siteRole }) => {
      markBusy(user.id, true);
      // Show the choice at once; the server's answer confirms or undoes it.
      replaceCachedUser(queryClient, { ...user, siteRole });
    },
    onSuccess: ({ user }) => {
      replaceCachedUser(queryClient, user);
      notifySuccess(`Role changed to ${roleLabels[user.siteRole]}.`);
    },
    onError: (error, { user }) => {
      replaceCachedUser(queryClient, user);
      notifyFailure(`The role of ${user.name} was not changed`, error);
    },
    onSettled: (_data, _error, { user }) => {
      markBusy(user.id, false);
      void refresh();
    },
  });

  const act = useMutation({
    mutationFn: perform,
    onSuccess: (result, dialog) => {
      if (result.user) replaceCachedUser(queryClient, result.user);
      if (result.deleted) removeCachedUser(queryClient, dialog.user.id);
      void refresh();
      if (result.temporaryPassword) {
        setIssued(result.temporaryPassword);
      } else {
        onDone();
        notifySuccess(successMessage(dialog));
      }
    },
  });

  const create = useMutation({
    mutationFn: createUser,
    onSuccess: ({ temporaryPassword }) => {
      void refresh();
      if (temporaryPassword) {
        setIssued(temporaryPassword);
      } else {
        onDone();
        notifySuccess('User created.');
      }
    },
  });

  return {
    changeRole,
    act,
    create,
    issued,
    busyIds,
    /** Forget the last dialog's outcome before opening the next. */
    resetDialog() {
      act.reset();
      create.reset();
      setIssued(null);
    },
  };
}
