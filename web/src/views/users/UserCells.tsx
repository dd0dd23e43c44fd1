// The cells of one Users row. Each shows a control only when the row's
// abilities allow it, static text otherwise.
import { ActionIcon, Avatar, Badge, Group, Menu, Select, Stack, Text, Tooltip } from '@mantine/core';
import { IconDotsVertical, IconKey, IconTrash, IconUserCheck, IconUserPause } from '@tabler/icons-react';
import { useRef } from 'react';
import type { LoginType, SiteRole, User } from '../../api/types';
import { loginTypeLabels, roleLabels } from '../../api/types';
import { initials } from '../initials';
import type { RowAbilities } from './abilities';
import { absoluteTime, relativeTime } from '../common/format';
import { comboboxProps } from '../common/select-props';
import { StaticValue } from '../common/table-parts';

// Initials stay readable (4.5:1) on these colours' light backgrounds, in both schemes.
const avatarColors = ['blue', 'cyan', 'grape', 'indigo', 'pink', 'red', 'violet'];

export type RowAction = 'reset-password' | 'suspend' | 'activate' | 'delete';

/** Name, email and @username: how a person is shown in any list. */
export function UserIdentity({ user, isYou }: { user: Pick<User, 'name' | 'email' | 'username'>; isYou: boolean }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <Avatar name={user.name} color="initials" allowedInitialsColors={avatarColors} radius="xl" size={38}>{initials(user.name)}</Avatar>
      <div style={{ minWidth: 0 }}>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={600} truncate="end" maw={220} title={user.name}>{user.name}</Text>
          {isYou && <Badge size="xs" variant="light" color="indigo" tt="none">You</Badge>}
        </Group>
        <Text size="xs" c="dimmed" truncate="end" maw={260} title={user.email}>{user.email}</Text>
        <Text size="xs" c="dimmed" truncate="end" maw={260} ff="monospace">@{user.username}</Text>
      </div>
    </Group>
  );
}

export interface RoleCellProps {
  user: User;
  options: SiteRole[];
  busy: boolean;
  onChange(role: SiteRole): void;
}

export function RoleCell({ user, options, busy, onChange }: RoleCellProps) {
  if (options.length === 0) return <StaticValue>{roleLabels[user.siteRole]}</StaticValue>;
  return (
    <Select
      comboboxProps={comboboxProps}
      aria-label={`Site role for ${user.username}`}
      size="sm"
      w={160}
      data={options.map((role) => ({ value: role, label: roleLabels[role] }))}
      value={user.siteRole}
      onChange={(value) => value && value !== user.siteRole && onChange(value as SiteRole)}
      allowDeselect={false}
      disabled={busy}
      withCheckIcon
      checkIconPosition="right"
    />
  );
}

export interface AuthTypeCellProps {
  user: User;
  editable: boolean;
  busy: boolean;
  onChange(loginType: LoginType): void;
}

const loginTypeOptions = (Object.keys(loginTypeLabels) as LoginType[]).map((value) => ({ value, label: loginTypeLabels[value] }));

export function AuthTypeCell({ user, editable, busy, onChange }: AuthTypeCellProps) {
  if (!editable) return <StaticValue>{loginTypeLabels[user.loginType]}</StaticValue>;
  return (
    <Select
      comboboxProps={comboboxProps}
      aria-label={`Auth type for ${user.username}`}
      size="sm"
      w={170}
      data={loginTypeOptions}
      value={user.loginType}
      onChange={(value) => value && value !== user.loginType && onChange(value as LoginType)}
      allowDeselect={false}
      disabled={busy}
      withCheckIcon
      checkIconPosition="right"
    />
  );
}

const shownOrgs = 2;

export function OrgBadges({ orgs }: { orgs: User['organizations'] }) {
  if (orgs.length === 0) return <Text size="sm" c="dimmed">None</Text>;
  const hidden = orgs.slice(shownOrgs);
  return (
    <Group gap={4} maw={240}>
      {orgs.slice(0, shownOrgs).map((org) => (
        <Badge key={org.id} variant="default" tt="none" fw={500} radius="sm" maw={200} title={org.name}>{org.name}</Badge>
      ))}
      {hidden.length > 0 && (
        <Tooltip label={hidden.map((o) => o.name).join(', ')} withArrow>
          <Badge variant="outline" color="gray" tt="none" fw={500} radius="sm" tabIndex={0}>+{hidden.length}</Badge>
        </Tooltip>
      )}
    </Group>
  );
}

const statusLook = {
  active: { label: 'Active', color: 'green' },
  suspended: { label: 'Suspended', color: 'red' },
  dormant: { label: 'Dormant', color: 'gray' },
} as const;

export function StatusCell({ user }: { user: User }) {
  const look = statusLook[user.status];
  return (
    <Stack gap={4} align="flex-start">
      <Badge color={look.color} variant="dot" size="md" radius="sm" tt="none">{look.label}</Badge>
      {user.status === 'suspended' && (user.suspendedReason || user.suspendedUntil) && (
        <Text size="xs" maw={220} lineClamp={2} title={user.suspendedReason ?? undefined}>
          {user.suspendedReason}
          {user.suspendedReason && user.suspendedUntil ? ' · ' : ''}
          {user.suspendedUntil && <Text span size="xs" c="dimmed">until {absoluteTime(user.suspendedUntil)}</Text>}
        </Text>
      )}
      <Text size="xs" c="dimmed" title={user.lastSeenAt ? absoluteTime(user.lastSeenAt) : undefined}>
        {user.lastSeenAt ? `Last seen ${relativeTime(user.lastSeenAt)}` : 'Never signed in'}
      </Text>
    </Stack>
  );
}

export interface RowActionsProps {
  user: User;
  abilities: RowAbilities;
  onAction(action: RowAction): void;
}

export function RowActions({ user, abilities, onAction }: RowActionsProps) {
  const targetRef = useRef<HTMLButtonElement>(null);
  // The dialog that opens returns focus to what had it: make that this button, not a vanishing menu item.
  const choose = (action: RowAction) => () => {
    targetRef.current?.focus();
    onAction(action);
  };
  return (
    // No focus placeholder: axe reads it as a non-item child of the menu; focus starts on the first item.
    <Menu position="bottom-end" withinPortal shadow="md" width={200} withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <ActionIcon ref={targetRef} variant="subtle" color="gray" size="lg" aria-label={`Actions for ${user.username}`}>
          <IconDotsVertical size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {abilities.resetPassword && (
          <Menu.Item leftSection={<IconKey size={16} />} onClick={choose('reset-password')}>Reset password</Menu.Item>
        )}
        {abilities.suspend && (
          <Menu.Item leftSection={<IconUserPause size={16} />} onClick={choose('suspend')}>Suspend</Menu.Item>
        )}
        {abilities.activate && (
          <Menu.Item leftSection={<IconUserCheck size={16} />} onClick={choose('activate')}>Activate</Menu.Item>
        )}
        {abilities.delete && (abilities.resetPassword || abilities.suspend || abilities.activate) && <Menu.Divider />}
        {abilities.delete && (
          <Menu.Item color="red" c="var(--mantine-color-error)" leftSection={<IconTrash size={16} />} onClick={choose('delete')}>Delete</Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
