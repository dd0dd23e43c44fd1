// The temporary passwords a bulk reset issued, each with a copy button, shown
// once (SPEC §1.2).
import { ActionIcon, Alert, Button, Code, CopyButton, Group, ScrollArea, Table, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import type { BulkResult } from '../../../api/bulk';
import { ColumnLabel } from '../../common/table-parts';

export function BulkPasswords({ results }: { results: BulkResult[] }) {
  const issued = results.filter((r) => r.temporaryPassword);
  if (issued.length === 0) return null;
  const all = issued.map((r) => `${r.username}\t${r.temporaryPassword}`).join('\n');
  return (
    <>
      <Group justify="space-between">
        <Text fw={600} size="sm">Temporary passwords</Text>
        <CopyButton value={all} timeout={2500}>
          {({ copied, copy }) => (
            <Button size="compact-sm" variant="default" leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} onClick={copy}>
              {copied ? 'Copied' : 'Copy all'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <ScrollArea.Autosize mah={220} type="auto" offsetScrollbars viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': 'Temporary passwords' }}>
        <Table verticalSpacing={4} horizontalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th><ColumnLabel>USER</ColumnLabel></Table.Th>
              <Table.Th><ColumnLabel>TEMPORARY PASSWORD</ColumnLabel></Table.Th>
              <Table.Th w={44} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {issued.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td><Text size="sm" ff="monospace">@{r.username}</Text></Table.Td>
                <Table.Td><Code>{r.temporaryPassword}</Code></Table.Td>
                <Table.Td>
                  <CopyButton value={r.temporaryPassword!} timeout={2500}>
                    {({ copied, copy }) => (
                      <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
                        <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={`Copy the password for ${r.username}`}>
                          {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </CopyButton>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} role="note">
        These passwords will not be shown again. Give each to its user over a trusted channel.
      </Alert>
    </>
  );
}
