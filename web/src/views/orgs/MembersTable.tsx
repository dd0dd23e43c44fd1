// An organization's Members tab: who belongs, with which org role, since when.
import { ActionIcon, Select, Skeleton, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconUserMinus, IconUsers } from '@tabler/icons-react';
import type { Member, OrgRole } from '../../api/types';
import { orgRoleLabels } from '../../api/types';
import { absoluteDate, absoluteTime } from '../common/format';
import { comboboxProps } from '../common/select-props';
import { ColumnLabel, EmptyState } from '../common/table-parts';
import { UserIdentity } from '../users/UserCells';
import { orgRoleOptions } from './org-roles';

export interface MemberRowModel {
  member: Member;
  isYou: boolean;
  /** A role change or removal for this row is on its way. */
  busy: boolean;
}

export interface MembersTableProps {
  rows: MemberRowModel[] | undefined;
  /** Role drop-downs and Remove buttons, for those who manage this organization's members. */
  editable: boolean;
  failed: boolean;
  onRoleChange(member: Member, role: OrgRole): void;
  onRemove(member: Member): void;
}

const columns: [string, number | undefined][] = [['USER', undefined], ['ROLE', 200], ['JOINED', 160]];

export function MembersTable({ rows, editable, failed, onRoleChange, onRemove }: MembersTableProps) {
  const span = columns.length + (editable ? 1 : 0);
  return (
    <Table.ScrollContainer minWidth={700} type="native">
      <Table verticalSpacing="sm" horizontalSpacing="lg" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            {columns.map(([c, width]) => <Table.Th key={c} w={width}><ColumnLabel>{c}</ColumnLabel></Table.Th>)}
            {editable && <Table.Th w={64}><VisuallyHidden>Actions</VisuallyHidden></Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody aria-busy={rows === undefined}>
          {rows === undefined && Array.from({ length: 4 }, (_, i) => (
            <Table.Tr key={i}>
              <Table.Td><Skeleton height={38} circle /></Table.Td>
              {Array.from({ length: span - 1 }, (_, j) => <Table.Td key={j}><Skeleton height={12} width="70%" radius="xl" /></Table.Td>)}
            </Table.Tr>
          ))}
          {rows?.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={span}>
                <EmptyState
                  icon={<IconUsers size={32} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />}
                  title={failed ? 'No members to show' : 'No members yet'}
                >
                  {failed ? 'See the message above.' : editable ? 'Add the first one with Add member.' : undefined}
                </EmptyState>
              </Table.Td>
            </Table.Tr>
          )}
          {rows?.map(({ member, isYou, busy }) => (
            <Table.Tr key={member.user.id}>
              <Table.Td><UserIdentity user={member.user} isYou={isYou} /></Table.Td>
              <Table.Td>
                {editable ? (
                  <Select
                    comboboxProps={comboboxProps}
                    aria-label={`Org role for ${member.user.username}`}
                    size="sm"
                    w={170}
                    data={orgRoleOptions}
                    value={member.role}
                    onChange={(value) => value && value !== member.role && onRoleChange(member, value as OrgRole)}
                    allowDeselect={false}
                    disabled={busy}
                    withCheckIcon
                    checkIconPosition="right"
                  />
                ) : (
                  <Text size="sm">{orgRoleLabels[member.role]}</Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed" title={absoluteTime(member.joinedAt)}>{absoluteDate(member.joinedAt)}</Text>
              </Table.Td>
              {editable && (
                <Table.Td>
                  <Tooltip label="Remove from organization" withArrow position="left">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="lg"
                      aria-label={`Remove ${member.user.username}`}
                      disabled={busy}
                      onClick={() => onRemove(member)}
                    >
                      <IconUserMinus size={18} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
