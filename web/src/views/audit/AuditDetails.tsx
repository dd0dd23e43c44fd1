// One audit entry opened up: why, from which client, and what changed.
import { Code, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { AuditEntry } from '../../api/audit';
import { ColumnLabel } from '../common/table-parts';

function shown(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value === '' ? '""' : value;
  return JSON.stringify(value);
}

function Detail({ label, children }: { label: string; children: string | null }) {
  return (
    <div>
      <ColumnLabel>{label}</ColumnLabel>
      <Text size="sm" mt={2} c={children ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>{children || 'None'}</Text>
    </div>
  );
}

export function AuditDetails({ entry }: { entry: AuditEntry }) {
  const changes = Object.entries(entry.diff ?? {});
  return (
    <Stack gap="md" py="xs">
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        <Detail label="REASON">{entry.reason}</Detail>
        <Detail label="USER AGENT">{entry.userAgent}</Detail>
        <Group gap="lg" align="flex-start">
          <Detail label="ACTOR ID">{entry.actor.id}</Detail>
          <Detail label="TARGET ID">{entry.target.id}</Detail>
        </Group>
      </SimpleGrid>
      {changes.length === 0 ? (
        <Text size="sm" c="dimmed">No field changes recorded.</Text>
      ) : (
        <Table withTableBorder verticalSpacing={6} horizontalSpacing="md" maw={900} aria-label="Field changes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="25%"><ColumnLabel>FIELD</ColumnLabel></Table.Th>
              <Table.Th><ColumnLabel>BEFORE</ColumnLabel></Table.Th>
              <Table.Th><ColumnLabel>AFTER</ColumnLabel></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map(([field, [before, after]]) => (
              <Table.Tr key={field}>
                <Table.Td><Code>{field}</Code></Table.Td>
                <Table.Td><Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>{shown(before)}</Text></Table.Td>
                <Table.Td><Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>{shown(after)}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
