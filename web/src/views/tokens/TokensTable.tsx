// The signed-in user's API tokens: when made, last used, when they expire.
import { ActionIcon, Badge, Group, Skeleton, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconKey, IconTrash } from '@tabler/icons-react';
import type { ApiToken } from '../../api/tokens';
import { ColumnLabel, EmptyState } from '../common/table-parts';
import { absoluteDate, absoluteTime, relativeTime } from '../common/format';

export interface TokensTableProps {
  tokens: ApiToken[] | undefined;
  failed: boolean;
  now: number;
  onDelete(token: ApiToken): void;
}

const columns = ['NAME', 'CREATED', 'LAST USED', 'EXPIRES'];

function Expiry({ at, now }: { at: string | null; now: number }) {
  if (!at) return <Text size="sm" c="dimmed">Never</Text>;
  const expired = Date.parse(at) <= now;
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" title={absoluteTime(at)}>{absoluteDate(at)}</Text>
      {expired && <Badge size="sm" color="red" variant="light" radius="sm">Expired</Badge>}
    </Group>
  );
}

export function TokensTable({ tokens, failed, now, onDelete }: TokensTableProps) {
  return (
    <Table.ScrollContainer minWidth={560} type="native">
      <Table verticalSpacing="sm" horizontalSpacing="lg">
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => <Table.Th key={c}><ColumnLabel>{c}</ColumnLabel></Table.Th>)}
            <Table.Th w={56}><VisuallyHidden>Actions</VisuallyHidden></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody aria-busy={tokens === undefined}>
          {tokens === undefined && Array.from({ length: 2 }, (_, i) => (
            <Table.Tr key={i}>
              {columns.map((c) => <Table.Td key={c}><Skeleton height={12} width="70%" radius="xl" /></Table.Td>)}
              <Table.Td />
            </Table.Tr>
          ))}
          {tokens?.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns.length + 1}>
                <EmptyState
                  icon={<IconKey size={32} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />}
                  title={failed ? 'No tokens to show' : 'No API tokens yet'}
                >
                  {failed ? 'See the message above.' : 'Create one with New token to use the roster CLI or the REST API.'}
                </EmptyState>
              </Table.Td>
            </Table.Tr>
          )}
          {tokens?.map((token) => (
            <Table.Tr key={token.id}>
              <Table.Td><Text size="sm" fw={600} truncate="end" maw={260} title={token.name}>{token.name}</Text></Table.Td>
              <Table.Td><Text size="sm" title={absoluteTime(token.createdAt)}>{absoluteDate(token.createdAt)}</Text></Table.Td>
              <Table.Td>
                {token.lastUsedAt
                  ? <Text size="sm" title={absoluteTime(token.lastUsedAt)}>{relativeTime(token.lastUsedAt, now)}</Text>
                  : <Text size="sm" c="dimmed">Never</Text>}
              </Table.Td>
              <Table.Td><Expiry at={token.expiresAt} now={now} /></Table.Td>
              <Table.Td>
                <Tooltip label="Delete" withArrow position="left">
                  <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Delete token ${token.name}`} onClick={() => onDelete(token)}>
                    <IconTrash size={18} />
                  </ActionIcon>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
