// What each confirmation dialog says: the consequences, in plain words, before they happen.
import { List, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { LoginType, User } from '../../api/types';
import { loginTypeLabels } from '../../api/types';

export type ConfirmKind = 'reset-password' | 'activate' | 'delete' | 'auth-type';

export interface Confirmation {
  title: string;
  confirmLabel: string;
  danger: boolean;
  body: ReactNode;
}

export function confirmationFor(kind: ConfirmKind, user: User, loginType?: LoginType): Confirmation {
  const name = user.name;
  switch (kind) {
    case 'reset-password':
      return {
        title: `Reset password for ${name}?`,
        confirmLabel: 'Reset password',
        danger: false,
        body: (
          <Text size="sm">
            A new temporary password replaces the current one. {name} is signed out everywhere, their API tokens are
            revoked, and they must choose a new password when they next sign in.
          </Text>
        ),
      };
    case 'activate':
      return {
        title: `Activate ${name}?`,
        confirmLabel: 'Activate',
        danger: false,
        body: (
          <Text size="sm">
            {name} can sign in again at once{user.suspendedReason ? ` (suspended for: ${user.suspendedReason})` : ''}.
          </Text>
        ),
      };
    case 'delete':
      return {
        title: `Delete ${name}?`,
        confirmLabel: 'Delete',
        danger: true,
        body: (
          <>
            <Text size="sm">
              {name} ({user.email}) loses access at once: every session and API token ends now, and the user disappears
              from the list. Their username and email become free to use again.
            </Text>
            {user.loginType === 'oidc' && (
              <Text size="sm">
                Their account at the identity provider is not touched: this only revokes their access to Roster.
              </Text>
            )}
          </>
        ),
      };
    case 'auth-type': {
      const to = loginType ?? 'built-in';
      return {
        title: `Switch ${name} to ${loginTypeLabels[to]}?`,
        confirmLabel: `Switch to ${loginTypeLabels[to]}`,
        danger: to === 'oidc',
        body: to === 'oidc' ? (
          <List size="sm" spacing={4}>
            <List.Item>{name} will sign in through your identity provider.</List.Item>
            <List.Item>Their password is removed, and they are signed out everywhere at once.</List.Item>
          </List>
        ) : (
          <List size="sm" spacing={4}>
            <List.Item>{name} will sign in with a password instead of your identity provider.</List.Item>
            <List.Item>A temporary password is issued and shown once; they choose their own at first sign-in.</List.Item>
            <List.Item>They are signed out everywhere at once.</List.Item>
          </List>
        ),
      };
    }
  }
}
