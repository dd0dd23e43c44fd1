import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';

export interface SignInFormProps {
  onSubmit(values: { login: string; password: string }): void;
  pending: boolean;
  error: string | null;
}

export function SignInForm({ onSubmit, pending, error }: SignInFormProps) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ login: login.trim(), password });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" title="Sign-in failed">
            {error}
          </Alert>
        )}
        <TextInput label="Email or username" autoComplete="username" required withAsterisk={false} value={login} onChange={(e) => setLogin(e.currentTarget.value)} data-autofocus />
        <PasswordInput label="Password" autoComplete="current-password" required withAsterisk={false} value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
        <Button type="submit" loading={pending} disabled={!login.trim() || !password} fullWidth>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
