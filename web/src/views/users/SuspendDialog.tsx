import { Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { User } from '../../api/types';
import { ConfirmDialog } from '../common/ConfirmDialog';

export interface SuspendValues {
  reason?: string;
  /** ISO 8601 with offset. */
  until?: string;
}

export interface SuspendDialogProps {
  opened: boolean;
  user: User | undefined;
  pending: boolean;
  errors: { reason?: string; until?: string; form?: string };
  onConfirm(values: SuspendValues): void;
  onClose(): void;
}

/** `2026-12-03T09:00` in the browser's time zone, for datetime-local's min. */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function SuspendDialog({ opened, user, pending, errors, onConfirm, onClose }: SuspendDialogProps) {
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [incomplete, setIncomplete] = useState(false);
  const untilRef = useRef<HTMLInputElement>(null);
  // A fresh form for each user; kept as typed while a refused request is corrected.
  useEffect(() => {
    if (opened) {
      setReason('');
      setUntil('');
      setIncomplete(false);
    }
  }, [opened, user?.id]);

  const confirm = () => {
    // A half-typed date reads as empty; never let it mean "suspended for good".
    if (untilRef.current?.validity.badInput) {
      setIncomplete(true);
      return;
    }
    // datetime-local has no zone: read it as the browser's local time.
    const end = until ? new Date(until) : null;
    onConfirm({
      reason: reason.trim() || undefined,
      until: end && !Number.isNaN(end.getTime()) ? end.toISOString() : undefined,
    });
  };

  const name = user?.name ?? '';
  return (
    <ConfirmDialog
      opened={opened}
      title={`Suspend ${name}?`}
      confirmLabel="Suspend"
      danger
      pending={pending}
      error={errors.form ?? null}
      onConfirm={confirm}
      onClose={onClose}
    >
      <Text size="sm">
        {name} is signed out everywhere at once and cannot sign in until activated again. Their API tokens stop working.
      </Text>
      <Textarea
        label="Reason"
        description="Optional. Shown to administrators in the user list."
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        error={errors.reason}
        maxLength={256}
        autosize
        minRows={2}
        maxRows={5}
        data-autofocus
      />
      <TextInput
        type="datetime-local"
        label="Suspended until"
        description="Optional. Leave empty to suspend until someone activates them."
        value={until}
        ref={untilRef}
        onChange={(event) => {
          setUntil(event.currentTarget.value);
          setIncomplete(false);
        }}
        error={incomplete ? 'Enter a complete date and time, or clear it.' : errors.until}
        min={localInputValue(new Date())}
      />
    </ConfirmDialog>
  );
}
