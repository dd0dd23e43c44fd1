// The audit entries, newest first; each row opens to show its details.
import { ActionIcon, Badge, Skeleton, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconHistory } from '@tabler/icons-react';
import type { AuditEntry } from '../../api/audit';
import { ColumnLabel, EmptyState } from '../common/table-parts';
import { absoluteTime, relativeTime } from '../common/format';
import { AuditDetails } from './AuditDetails';

export interface AuditTableProps {
  entries: AuditEntry[] | undefined;
  stale: boolean;
  emptyReason: 'none' | 'filtered' | 'failed';
  expanded: ReadonlySet<string>;
  onToggle(id: string): void;
}

const columns: [string, number | undefined][] = [
  ['TIME', 200], ['ACTOR', undefined], ['ACTION', 170], ['RESOURCE', 130], ['TARGET', undefined], ['RESULT', 110], ['CLIENT', 140],
];

const emptyText = {
  none: ['Nothing recorded yet', 'Changes and sign-ins appear here as they happen.'],
  filtered: ['No entries match these filters', 'Widen the time range or clear a filter.'],
  failed: ['No entries to show', 'See the message above.'],
} as const;

function Dimmed({ children }: { children: string | null }) {
  return children ? <Text size="sm" truncate="end" title={children}>{children}</Text> : <Text size="sm" c="dimmed">—</Text>;
}

function AuditRow({ entry, open, onToggle }: { entry: AuditEntry; open: boolean; onToggle(): void }) {
  const failed = entry.result === 'failure';
  const detailsId = `audit-details-${entry.id}`;
  return (
    <>
      <Table.Tr bg={open ? 'var(--mantine-color-default-hover)' : undefined}>
        <Table.Td>
          <ActionIcon
              variant="subtle"
              color="gray"
            aria-label="Show details for this entry"
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            onClick={onToggle}
          >
            {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{absoluteTime(entry.time)}</Text>
          <Text size="xs" c="dimmed">{relativeTime(entry.time)}</Text>
        </Table.Td>
        <Table.Td>
          {entry.actor.id === null && entry.actor.email === null
            ? <Text size="sm" c="dimmed" fs="italic">System</Text>
            : <Dimmed>{entry.actor.email ?? entry.actor.id}</Dimmed>}
        </Table.Td>
        <Table.Td>
          <Badge variant="light" color={failed ? 'red' : 'blue'} radius="sm" tt="none">{entry.action}</Badge>
        </Table.Td>
        <Table.Td><Text size="sm">{entry.resourceType}</Text></Table.Td>
        <Table.Td><Dimmed>{entry.target.name ?? entry.target.id}</Dimmed></Table.Td>
        <Table.Td><Text size="sm" c={failed ? 'var(--mantine-color-error)' : undefined} fw={failed ? 600 : undefined}>{entry.result}</Text></Table.Td>
        <Table.Td><Dimmed>{entry.ip}</Dimmed></Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId}>
          <Table.Td />
          <Table.Td colSpan={columns.length}><AuditDetails entry={entry} /></Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

export function AuditTable({ entries, stale, emptyReason, expanded, onToggle }: AuditTableProps) {
  const [title, hint] = emptyText[emptyReason];
  return (
    <Table.ScrollContainer minWidth={1000} type="native">
      <Table verticalSpacing="sm" horizontalSpacing="md" style={{ opacity: stale ? 0.6 : 1, transition: 'opacity 150ms' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={52}><VisuallyHidden>Details</VisuallyHidden></Table.Th>
            {columns.map(([c, width]) => <Table.Th key={c} w={width}><ColumnLabel>{c}</ColumnLabel></Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody aria-busy={stale || entries === undefined}>
          {entries === undefined && Array.from({ length: 5 }, (_, i) => (
            <Table.Tr key={i}>
              <Table.Td />
              {columns.map(([c]) => <Table.Td key={c}><Skeleton height={12} width="70%" radius="xl" /></Table.Td>)}
            </Table.Tr>
          ))}
          {entries?.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns.length + 1}>
                <EmptyState icon={<IconHistory size={32} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />} title={title}>{hint}</EmptyState>
              </Table.Td>
            </Table.Tr>
          )}
          {entries?.map((entry) => (
            <AuditRow key={entry.id} entry={entry} open={expanded.has(entry.id)} onToggle={() => onToggle(entry.id)} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
