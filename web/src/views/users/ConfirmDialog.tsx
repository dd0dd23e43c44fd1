// Every destructive or credential-changing action asks here first. When the
// action yields a temporary password, the same dialog goes on to show it.
import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { TemporaryPasswordView } from './TemporaryPasswordView';

export interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  pending: boolean;
  error: string | null;
  onConfirm(): void;
  onClose(): void;
  /** Set once the action has issued a temporary password. */
  temporaryPassword?: { password: string; name: string };
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { opened, title, children, confirmLabel, danger, pending, error, onConfirm, onClose, temporaryPassword } = props;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm();
  };
  return (
    <Modal
      opened={opened}
      // A request on its way may still return a password that must be seen.
      onClose={pending ? () => {} : onClose}
      title={title}
      centered
      size="md"
      closeOnClickOutside={!temporaryPassword}
      styles={{ title: { fontWeight: 600 } }}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {temporaryPassword ? (
        <TemporaryPasswordView password={temporaryPassword.password} name={temporaryPassword.name} onDone={onClose} />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {children}
            {error && <Alert color="red" variant="light" title="That did not work">{error}</Alert>}
            <Group justify="flex-end" gap="sm" mt="xs">
              {/* A dangerous action starts on Cancel, so a stray Enter does no harm. */}
              <Button variant="default" onClick={onClose} disabled={pending} data-autofocus={danger || undefined}>Cancel</Button>
              <Button type="submit" color={danger ? 'red' : undefined} loading={pending} data-autofocus={!danger || undefined}>
                {confirmLabel}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
