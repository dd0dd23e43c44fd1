// Current password, new password, and its confirmation. Server field errors
// appear beside their fields; the typed values survive a failed submit.
import { Alert, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';

export interface ChangePasswordFormProps {
  onSubmit(values: { currentPassword: string; newPassword: string }): void;
  pending: boolean;
  /** Server problems by field; `form` for one that belongs to no field. */
  errors: { currentPassword?: string; newPassword?: string; form?: string };
  currentLabel?: string;
  submitLabel?: string;
  /** The account's username, for password managers to file the new password under. */
  username: string;
  fullWidth?: boolean;
}

export function ChangePasswordForm({ onSubmit, pending, errors, username, fullWidth = false, currentLabel = 'Current password', submitLabel = 'Change password' }: ChangePasswordFormProps) {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (newPassword !== confirmation) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    onSubmit({ currentPassword, newPassword });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        {errors.form && <Alert color="red" role="alert">{errors.form}</Alert>}
        <PasswordInput label={currentLabel} autoComplete="current-password" required withAsterisk={false} value={currentPassword} onChange={(e) => setCurrent(e.currentTarget.value)} error={errors.currentPassword} />
        <PasswordInput
          label="New password"
          autoComplete="new-password"
          required
          withAsterisk={false}
          value={newPassword}
          onChange={(e) => setNew(e.currentTarget.value)}
          error={errors.newPassword}
          description="At least 8 characters. Long phrases are good; common passwords are refused."
        />
        <PasswordInput
          label="Confirm new password"
          autoComplete="new-password"
          required
          withAsterisk={false}
          value={confirmation}
          onChange={(e) => { setConfirmation(e.currentTarget.value); setMismatch(false); }}
          error={mismatch ? 'The two new passwords differ.' : undefined}
        />
        <Text size="xs" c="dimmed">Changing your password signs you out everywhere else.</Text>
        <Button type="submit" loading={pending} disabled={!currentPassword || !newPassword || !confirmation} fullWidth={fullWidth} style={fullWidth ? undefined : { alignSelf: 'flex-start' }}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
