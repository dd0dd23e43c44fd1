// A bulk action's dialog: the dry run (with progress), what would happen to
// each user, the inputs the action needs, then Apply (with progress) and the
// final results. Nothing changes before Apply.
import { Alert, Button, Group, Modal, Progress, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { BulkAction, BulkResult } from '../../../api/bulk';
import { roleLabels, type SiteRole } from '../../../api/types';
import { comboboxProps } from '../../common/select-props';
import { usersLabel } from './BulkBar';
import { BulkPasswords } from './BulkPasswords';
import { BulkResultsTable, summaryText, tally } from './BulkResultsTable';

export type BulkDialogPhase = 'idle' | 'checking' | 'preview' | 'applying' | 'done';

export interface BulkDialogProps {
  opened: boolean;
  action: BulkAction | null;
  /** How many users are selected. */
  count: number;
  phase: BulkDialogPhase;
  results: BulkResult[];
  /** While applying: the dry run's results. */
  planned: BulkResult[];
  error: string | null;
  roleOptions: SiteRole[];
  role: SiteRole | null;
  onRoleChange(role: SiteRole): void;
  reason: string;
  onReasonChange(reason: string): void;
  onApply(): void;
  onClose(): void;
}

export function bulkTitle(action: BulkAction | null, count: number): string {
  const users = usersLabel(count);
  switch (action) {
    case 'suspend': return `Suspend ${users}`;
    case 'activate': return `Activate ${users}`;
    case 'change-role': return `Change the role of ${users}`;
    case 'delete': return `Delete ${users}`;
    case 'reset-password': return `Reset the passwords of ${users}`;
    default: return '';
  }
}

const dangerous: BulkAction[] = ['suspend', 'delete', 'reset-password'];

function RunProgress({ verb, done, total }: { verb: string; done: number; total: number }) {
  const of = Math.max(total, done);
  const text = `${verb} ${done.toLocaleString()} of ${of.toLocaleString()}`;
  return (
    <Stack gap={6}>
      <Progress.Root size="lg" radius="xl">
        <Progress.Section value={of ? (done / of) * 100 : 0} animated striped aria-label={text} />
      </Progress.Root>
      <Text size="sm" c="dimmed" aria-live="polite">{text}</Text>
    </Stack>
  );
}

export function BulkDialog(props: BulkDialogProps) {
  const { opened, action, count, phase, results, planned, error, roleOptions, role, onRoleChange, reason, onReasonChange, onApply, onClose } = props;
  const t = tally(results);
  const finished = phase === 'done';
  const busy = phase === 'applying';
  const waitingForRole = action === 'change-role' && !role;
  const willChange = busy ? tally(planned).changed : t.changed;
  return (
    <Modal
      opened={opened}
      // Once Apply has started, the dialog stays until the results are shown.
      onClose={busy ? () => {} : onClose}
      // The results end with their own Close button (which refreshes the table).
      withCloseButton={!busy && !finished}
      closeOnClickOutside={!busy && !finished}
      title={bulkTitle(action, count)}
      centered
      size="lg"
      styles={{ title: { fontWeight: 600 } }}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="md">
        {!finished && !busy && action === 'change-role' && (
          <Select
            comboboxProps={comboboxProps}
            label="New role"
            placeholder="Choose a role"
            data={roleOptions.map((r) => ({ value: r, label: roleLabels[r] }))}
            value={role}
            onChange={(value) => value && onRoleChange(value as SiteRole)}
            allowDeselect={false}
            data-autofocus
          />
        )}
        {!finished && !busy && action === 'suspend' && (
          <TextInput
            label="Reason"
            description="Optional. Shown beside each user's status."
            value={reason}
            maxLength={256}
            onChange={(e) => onReasonChange(e.currentTarget.value)}
          />
        )}
        {waitingForRole && <Text size="sm" c="dimmed">Choose the new role to see what would happen to each user.</Text>}
        {phase === 'checking' && <RunProgress verb="Checked" done={results.length} total={count} />}
        {busy && <RunProgress verb="Done" done={results.length} total={planned.length} />}
        {(phase === 'preview' || finished) && (
          <>
            <Text fw={600} role="status">{summaryText(t, finished)}</Text>
            {results.length > 0 && <BulkResultsTable results={results} done={finished} />}
          </>
        )}
        {phase === 'preview' && !error && (
          <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />} py={8}>
            This was a dry run: nothing has changed yet.
          </Alert>
        )}
        {finished && action === 'reset-password' && <BulkPasswords results={results} />}
        {error && (
          <Alert color="red" variant="light" title={finished ? 'The action stopped before the end' : 'The check did not finish'}>
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          {finished ? (
            <Button onClick={onClose} data-autofocus>Close</Button>
          ) : (
            <>
              <Button variant="default" onClick={onClose} disabled={busy}>Cancel</Button>
              <Button
                color={action && dangerous.includes(action) ? 'red' : undefined}
                loading={busy}
                disabled={phase !== 'preview' || !!error || willChange === 0}
                onClick={onApply}
              >
                {`Apply to ${usersLabel(willChange)}`}
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
