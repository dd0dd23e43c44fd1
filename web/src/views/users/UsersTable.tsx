import { Checkbox, Skeleton, Table, VisuallyHidden } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import type { LoginType, SiteRole, User } from '../../api/types';
import { ColumnLabel, EmptyState } from '../common/table-parts';
import { hasRowActions, type RowAbilities } from './abilities';
import { AuthTypeCell, OrgBadges, RoleCell, RowActions, StatusCell, UserIdentity, type RowAction } from './UserCells';

export interface UserRowModel {
  user: User;
  abilities: RowAbilities;
  isYou: boolean;
  /** A role or auth type change for this row is on its way. */
  busy: boolean;
}

/** Row checkboxes for bulk actions; absent when the actor has none. */
export interface TableSelection {
  isSelected(id: string): boolean;
  allOnPage: boolean;
  someOnPage: boolean;
  toggle(id: string): void;
  togglePage(): void;
}

export interface UsersTableProps {
  selection?: TableSelection;
  rows: UserRowModel[] | undefined;
  /** The rows shown are the previous ones while the next arrive. */
  stale: boolean;
  /** Why there are no rows, when there are none. */
  emptyReason: 'none' | 'search' | 'failed';
  onRoleChange(user: User, role: SiteRole): void;
  onAuthTypeChange(user: User, loginType: LoginType): void;
  onAction(user: User, action: RowAction): void;
}

// Fixed widths for the control columns keep every page laid out alike; USER takes the rest.
const columns: [string, number | undefined][] = [['USER', undefined], ['SITE ROLE', 190], ['AUTH TYPE', 200], ['ORGANIZATIONS', 180], ['STATUS', 230]];

function SkeletonRows({ selectable }: { selectable: boolean }) {
  return Array.from({ length: 5 }, (_, i) => (
    <Table.Tr key={i}>
      {selectable && <Table.Td />}
      <Table.Td><Skeleton height={38} circle /></Table.Td>
      {columns.slice(1).map(([c]) => <Table.Td key={c}><Skeleton height={12} width="70%" radius="xl" /></Table.Td>)}
      <Table.Td />
    </Table.Tr>
  ));
}

// A quiet tint: the light primary wash hides the initials avatars in the dark scheme.
const selectedRow = 'light-dark(var(--mantine-primary-color-0), var(--mantine-color-dark-6))';

const emptyText = {
  none: ['No users yet', 'Create the first one with New User.'],
  search: ['No users match this search', 'Try fewer terms, or check the spelling of a filter.'],
  failed: ['No users to show', 'See the message above.'],
} as const;

function EmptyList({ reason }: { reason: keyof typeof emptyText }) {
  const [title, hint] = emptyText[reason];
  return (
    <EmptyState icon={<IconUsers size={32} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />} title={title}>
      {hint}
    </EmptyState>
  );
}

export function UsersTable({ selection, rows, stale, emptyReason, onRoleChange, onAuthTypeChange, onAction }: UsersTableProps) {
  return (
    <Table.ScrollContainer minWidth={1000} type="native">
      <Table verticalSpacing="sm" horizontalSpacing="lg" highlightOnHover style={{ opacity: stale ? 0.6 : 1, transition: 'opacity 150ms' }}>
        <Table.Thead>
          <Table.Tr>
            {selection && (
              <Table.Th w={44} pr={0}>
                <Checkbox
                  aria-label="Select all on this page"
                  checked={selection.allOnPage}
                  indeterminate={selection.someOnPage && !selection.allOnPage}
                  disabled={!rows?.length}
                  onChange={selection.togglePage}
                />
              </Table.Th>
            )}
            {columns.map(([c, width]) => (
              <Table.Th key={c} w={width}>
                <ColumnLabel>{c}</ColumnLabel>
              </Table.Th>
            ))}
            <Table.Th w={56}><VisuallyHidden>Actions</VisuallyHidden></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody aria-busy={stale || rows === undefined}>
          {rows === undefined && <SkeletonRows selectable={!!selection} />}
          {rows?.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns.length + (selection ? 2 : 1)}><EmptyList reason={emptyReason} /></Table.Td>
            </Table.Tr>
          )}
          {rows?.map(({ user, abilities, isYou, busy }) => (
            <Table.Tr key={user.id} bg={selection?.isSelected(user.id) ? selectedRow : undefined}>
              {selection && (
                <Table.Td pr={0}>
                  <Checkbox aria-label={`Select ${user.username}`} checked={selection.isSelected(user.id)} onChange={() => selection.toggle(user.id)} />
                </Table.Td>
              )}
              <Table.Td><UserIdentity user={user} isYou={isYou} /></Table.Td>
              <Table.Td>
                <RoleCell user={user} options={abilities.roleOptions} busy={busy} onChange={(role) => onRoleChange(user, role)} />
              </Table.Td>
              <Table.Td>
                <AuthTypeCell user={user} editable={abilities.changeAuthType} busy={busy} onChange={(type) => onAuthTypeChange(user, type)} />
              </Table.Td>
              <Table.Td><OrgBadges orgs={user.organizations} /></Table.Td>
              <Table.Td><StatusCell user={user} /></Table.Td>
              <Table.Td>
                {hasRowActions(abilities) && <RowActions user={user} abilities={abilities} onAction={(action) => onAction(user, action)} />}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
