import { ActionIcon, Code, Group, Loader, Popover, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconArrowsSort, IconHelpCircle, IconSearch, IconX } from '@tabler/icons-react';
import type { KeyboardEvent } from 'react';
import { sortOptions, type UserSort } from '../../api/users';
import { comboboxProps } from '../common/select-props';

export interface UsersToolbarProps {
  search: string;
  onSearchChange(value: string): void;
  /** Enter applies the search without waiting for the pause in typing. */
  onSearchSubmit(): void;
  sort: UserSort;
  onSortChange(sort: UserSort): void;
  fetching: boolean;
}

const filterHelp: [string, string][] = [
  ['ada', 'username, email or name contains "ada"'],
  ['role:auditor', 'member, auditor, site-manager, site-admin'],
  ['status:suspended', 'active, suspended, dormant'],
  ['login_type:oidc', 'built-in or oidc'],
  ['org:Default', 'member of that organization'],
  ['last_seen_before:2026-01-31', 'not seen since; also last_seen_after:'],
  ['created_after:2026-01-01', 'created since; also created_before:'],
];

function SearchHelp() {
  return (
    <Popover position="bottom-end" withArrow shadow="md" width={520}>
      <Popover.Target>
        <ActionIcon variant="subtle" color="gray" aria-label="Search help">
          <IconHelpCircle size={18} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="sm" fw={600}>Search terms</Text>
          <Text size="xs" c="dimmed">Combine words and filters; every term must match. Quote values with spaces: <Code>org:"Data Team"</Code></Text>
          <Table verticalSpacing={4} horizontalSpacing="xs" withRowBorders={false}>
            <Table.Tbody>
              {filterHelp.map(([term, meaning]) => (
                <Table.Tr key={term}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}><Code>{term}</Code></Table.Td>
                  <Table.Td><Text size="xs" c="dimmed">{meaning}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

export function UsersToolbar({ search, onSearchChange, onSearchSubmit, sort, onSortChange, fetching }: UsersToolbarProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') onSearchSubmit();
  };
  return (
    <Group gap="sm" wrap="wrap" align="flex-start">
      <TextInput
        aria-label="Search users"
        placeholder="Search… e.g. role:auditor status:suspended"
        value={search}
        onChange={(event) => onSearchChange(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        leftSection={fetching ? <Loader size={14} aria-label="Searching" /> : <IconSearch size={16} />}
        rightSectionWidth={search ? 64 : 36}
        rightSection={
          <Group gap={2} wrap="nowrap">
            {search && (
              <ActionIcon variant="subtle" color="gray" aria-label="Clear search" onClick={() => onSearchChange('')}>
                <IconX size={16} />
              </ActionIcon>
            )}
            <SearchHelp />
          </Group>
        }
        style={{ flex: '1 1 320px' }}
        spellCheck={false}
        autoComplete="off"
      />
      <Select
        comboboxProps={comboboxProps}
        aria-label="Sort by"
        data={sortOptions}
        value={sort}
        onChange={(value) => value && onSortChange(value as UserSort)}
        allowDeselect={false}
        leftSection={<IconArrowsSort size={16} />}
        w={210}
        withCheckIcon
        checkIconPosition="right"
      />
    </Group>
  );
}
