import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { User } from '../api/types';

export interface ProfileValues {
  name: string;
  username: string;
  email: string;
}

export interface ProfileFormProps {
  user: User;
  /** Only administrators change an email: it is how identity-provider accounts are matched. */
  emailEditable: boolean;
  onSubmit(values: Partial<ProfileValues>): void;
  pending: boolean;
  errors: Partial<Record<keyof ProfileValues | 'form', string>>;
}

export function ProfileForm({ user, emailEditable, onSubmit, pending, errors }: ProfileFormProps) {
  const [values, setValues] = useState<ProfileValues>({ name: user.name, username: user.username, email: user.email });
  useEffect(() => setValues({ name: user.name, username: user.username, email: user.email }), [user]);
  const set = (field: keyof ProfileValues) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };
  const changed = (Object.keys(values) as (keyof ProfileValues)[]).filter((k) => values[k] !== user[k]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(Object.fromEntries(changed.map((k) => [k, values[k].trim()])));
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {errors.form && <Alert color="red" role="alert">{errors.form}</Alert>}
        <TextInput label="Name" value={values.name} onChange={set('name')} error={errors.name} maxLength={128} />
        <TextInput label="Username" value={values.username} onChange={set('username')} error={errors.username} maxLength={39} />
        <TextInput
          label="Email"
          value={values.email}
          onChange={set('email')}
          error={errors.email}
          disabled={!emailEditable}
          description={emailEditable ? undefined : 'Ask an administrator to change your email.'}
        />
        <Button type="submit" loading={pending} disabled={changed.length === 0} style={{ alignSelf: 'flex-start' }}>Save profile</Button>
      </Stack>
    </form>
  );
}
