// Above the Users table while rows are selected: how many, "Select all N users
// matching this filter", and the Bulk actions menu.
import { Button, Group, Menu, Paper, Text } from '@mantine/core';
import { IconChevronDown, IconKey, IconTrash, IconUserCheck, IconUserCog, IconUserPause } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { BulkAction } from '../../../api/bulk';

const icons: Record<BulkAction, ReactNode> = {
  suspend: <IconUserPause size={16} />,
  activate: <IconUserCheck size={16} />,
  'change-role': <IconUserCog size={16} />,
  'reset-password': <IconKey size={16} />,
  delete: <IconTrash size={16} />,
};

export interface BulkBarProps {
  /** How many users are selected. */
  count: number;
  allMatching: boolean;
  /** Set when the whole page is selected and more users match: offers them all. */
  offerAll?: { total: number; filtered: boolean };
  actions: { action: BulkAction; label: string }[];
  onSelectAllMatching(): void;
  onClear(): void;
  onAction(action: BulkAction): void;
}

export const usersLabel = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'user' : 'users'}`;

export function BulkBar({ count, allMatching, offerAll, actions, onSelectAllMatching, onClear, onAction }: BulkBarProps) {
  return (
    <Paper withBorder radius="md" px="md" py={8} mt="md" bg="var(--mantine-primary-color-light)" role="region" aria-label="Selection">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="sm" wrap="wrap">
          <Text size="sm" fw={600} aria-live="polite">
            {allMatching ? `All ${usersLabel(count)} matching this filter are selected` : `${count.toLocaleString()} selected`}
          </Text>
          {offerAll && (
            <Button variant="subtle" size="compact-sm" onClick={onSelectAllMatching}>
              {offerAll.filtered ? `Select all ${offerAll.total.toLocaleString()} users matching this filter` : `Select all ${offerAll.total.toLocaleString()} users`}
            </Button>
          )}
          <Button variant="subtle" color="gray" size="compact-sm" onClick={onClear}>Clear selection</Button>
        </Group>
        {actions.length > 0 && (
          <Menu position="bottom-end" withinPortal shadow="md" width={200} withInitialFocusPlaceholder={false}>
            <Menu.Target>
              <Button size="xs" rightSection={<IconChevronDown size={14} />}>Bulk actions</Button>
            </Menu.Target>
            <Menu.Dropdown>
              {actions.map(({ action, label }) => (
                <Menu.Item
                  key={action}
                  leftSection={icons[action]}
                  onClick={() => onAction(action)}
                  {...(action === 'delete' ? { color: 'red', c: 'var(--mantine-color-error)' } : {})}
                >
                  {label}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
    </Paper>
  );
}
