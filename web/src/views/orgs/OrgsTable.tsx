// Manage > Organizations: one row per organization, its name leading to its page.
import { Anchor, Badge, Group, Skeleton, Table, Text } from '@mantine/core';
import { IconBuildingCommunity } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Org, OrgRole } from '../../api/types';
import { orgRoleLabels } from '../../api/types';
import { absoluteDate } from '../common/format';
import { ColumnLabel, EmptyState } from '../common/table-parts';

export interface OrgRowModel {
  org: Org;
  /** The actor's own role in it, when they belong to it. */
  yourRole?: OrgRole;
}

export interface OrgsTableProps {
  rows: OrgRowModel[] | undefined;
  failed: boolean;
}

const columns: [string, number | undefined][] = [['NAME', 280], ['DESCRIPTION', undefined], ['DEFAULT ROLE', 170], ['CREATED', 150]];

export function DefaultBadge() {
  return <Badge size="sm" variant="light" color="blue" radius="sm" tt="none">Default</Badge>;
}

export function OrgsTable({ rows, failed }: OrgsTableProps) {
  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table verticalSpacing="sm" horizontalSpacing="lg" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            {columns.map(([c, width]) => <Table.Th key={c} w={width}><ColumnLabel>{c}</ColumnLabel></Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody aria-busy={rows === undefined}>
          {rows === undefined && Array.from({ length: 3 }, (_, i) => (
            <Table.Tr key={i}>
              {columns.map(([c]) => <Table.Td key={c}><Skeleton height={12} width="70%" radius="xl" /></Table.Td>)}
            </Table.Tr>
          ))}
          {rows?.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>
                <EmptyState
                  icon={<IconBuildingCommunity size={32} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />}
                  title={failed ? 'No organizations to show' : 'You are not in any organization'}
                >
                  {failed ? 'See the message above.' : 'An administrator can add you to one.'}
                </EmptyState>
              </Table.Td>
            </Table.Tr>
          )}
          {rows?.map(({ org, yourRole }) => (
            <Table.Tr key={org.id}>
              <Table.Td>
                <Group gap={8} wrap="nowrap">
                  <Anchor component={Link} to={`/orgs/${org.id}`} fw={600} size="sm" truncate="end" maw={200} title={org.name}>
                    {org.name}
                  </Anchor>
                  {org.default && <DefaultBadge />}
                </Group>
                {yourRole && <Text size="xs" c="dimmed">You: {orgRoleLabels[yourRole]}</Text>}
              </Table.Td>
              <Table.Td>
                {org.description
                  ? <Text size="sm" lineClamp={2} title={org.description}>{org.description}</Text>
                  : <Text size="sm" c="dimmed">No description</Text>}
              </Table.Td>
              <Table.Td><Text size="sm">{orgRoleLabels[org.defaultRole]}</Text></Table.Td>
              <Table.Td><Text size="sm" c="dimmed">{absoluteDate(org.createdAt)}</Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
