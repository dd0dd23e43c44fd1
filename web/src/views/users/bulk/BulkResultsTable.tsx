// What a bulk action would do, or did, to each user: the summary line and the
// USER / WHAT HAPPENS table (refusals and skips first: they are what to read).
import { Badge, ScrollArea, Table, Text } from '@mantine/core';
import type { BulkResult } from '../../../api/bulk';
import { ColumnLabel } from '../../common/table-parts';

export interface Tally {
  changed: number;
  skipped: number;
  refused: number;
}

export function tally(results: BulkResult[]): Tally {
  const t: Tally = { changed: 0, skipped: 0, refused: 0 };
  for (const r of results) {
    if (r.outcome === 'skipped') t.skipped++;
    else if (r.outcome === 'refused') t.refused++;
    else t.changed++;
  }
  return t;
}

export function summaryText(t: Tally, done: boolean): string {
  return `${t.changed.toLocaleString()} ${done ? 'changed' : 'will change'}, ${t.skipped.toLocaleString()} skipped, ${t.refused.toLocaleString()} refused`;
}

const look = {
  'would-do': { label: 'Would change', color: 'blue' },
  done: { label: 'Done', color: 'green' },
  skipped: { label: 'Skipped', color: 'gray' },
  refused: { label: 'Refused', color: 'red' },
} as const;
const order = { refused: 0, skipped: 1, 'would-do': 2, done: 2 } as const;
// Enough to read; a run over thousands of users is summed up, not drawn row by row.
const shownRows = 300;

export function BulkResultsTable({ results, done }: { results: BulkResult[]; done: boolean }) {
  const sorted = [...results].sort((a, b) => order[a.outcome] - order[b.outcome]);
  const hidden = sorted.length - shownRows;
  return (
    <>
      {/* Focusable, so the list scrolls from the keyboard too. */}
      <ScrollArea.Autosize mah={300} type="auto" offsetScrollbars viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': done ? 'Results per user' : 'What happens to each user' }}>
        <Table verticalSpacing={6} horizontalSpacing="sm" stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="45%"><ColumnLabel>USER</ColumnLabel></Table.Th>
              <Table.Th><ColumnLabel>{done ? 'WHAT HAPPENED' : 'WHAT HAPPENS'}</ColumnLabel></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.slice(0, shownRows).map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Text size="sm" fw={600} ff="monospace" truncate="end" maw={220} title={r.username}>{r.username ? `@${r.username}` : r.id}</Text>
                  <Text size="xs" c="dimmed" truncate="end" maw={220} title={r.email}>{r.email}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={look[r.outcome].color} variant="light" tt="none" radius="sm">{look[r.outcome].label}</Badge>
                  {r.reason && <Text size="xs" mt={2}>{r.reason}</Text>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {hidden > 0 && <Text size="xs" c="dimmed">… and {hidden.toLocaleString()} more {done ? 'changed' : 'that will change'}.</Text>}
    </>
  );
}
