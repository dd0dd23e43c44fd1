// Every destructive or credential-changing action asks here first. When the
// action yields something that must be seen (a temporary password), the same
// dialog goes on to show it in place of the question.
import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import type { FormEvent, ReactNode, RefObject } from 'react';

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
  /** Set once the action is done and left something to show; it replaces the question. */
  outcome?: ReactNode;
  /** Where focus goes when what opened the dialog is gone, e.g. the row it removed. */
  fallbackFocus?: RefObject<HTMLElement | null>;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { opened, title, children, confirmLabel, danger, pending, error, onConfirm, onClose, outcome, fallbackFocus } = props;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm();
  };
  return (
    <Modal
      opened={opened}
      // A request on its way may still return something that must be seen.
      onClose={pending ? () => {} : onClose}
      title={title}
      centered
      size="md"
      closeOnClickOutside={!outcome}
      styles={{ title: { fontWeight: 600 } }}
      closeButtonProps={{ 'aria-label': 'Close' }}
      onExitTransitionEnd={() => {
        if (!document.activeElement || document.activeElement === document.body) fallbackFocus?.current?.focus();
      }}
    >
      {outcome ?? (
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
