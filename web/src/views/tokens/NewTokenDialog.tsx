// Account > API tokens > New token: a name and a lifetime; once created, the
// same dialog shows the token, once.
import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { defaultLifetime, tokenLifetimes, type CreatedToken } from '../../api/tokens';
import { comboboxProps } from '../common/select-props';
import { TokenSecretView } from './TokenSecretView';

type Field = 'name' | 'lifetime';
export type NewTokenErrors = Partial<Record<Field | 'form', string>>;

export interface NewTokenDialogProps {
  opened: boolean;
  onClose(): void;
  pending: boolean;
  errors: NewTokenErrors;
  onSubmit(values: { name: string; lifetimeSeconds: number }): void;
  /** Set once the token exists. */
  created?: CreatedToken;
}

export function NewTokenDialog({ opened, onClose, pending, errors, onSubmit, created }: NewTokenDialogProps) {
  const [name, setName] = useState('');
  const [lifetime, setLifetime] = useState(defaultLifetime);
  // Fields changed since the server last complained stop showing its complaint.
  const [edited, setEdited] = useState<ReadonlySet<Field>>(new Set());
  useEffect(() => setEdited(new Set()), [errors]);
  useEffect(() => {
    if (opened) {
      setName('');
      setLifetime(defaultLifetime);
    }
  }, [opened]);
  const error = (field: Field) => (edited.has(field) ? undefined : errors[field]);
  const touch = (field: Field) => setEdited((e) => new Set(e).add(field));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ name: name.trim(), lifetimeSeconds: Number(lifetime) });
  };

  return (
    <Modal
      opened={opened}
      onClose={pending ? () => {} : onClose}
      title="New API token"
      centered
      size="lg"
      closeOnClickOutside={!created}
      styles={{ title: { fontWeight: 600 } }}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {created ? (
        <TokenSecretView created={created} onDone={onClose} />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {errors.form && <Alert color="red" variant="light" title="The token was not created">{errors.form}</Alert>}
            <TextInput
              label="Name"
              description="What it is for, e.g. “laptop CLI” or “nightly sync”."
              required
              withAsterisk={false}
              value={name}
              onChange={(event) => {
                setName(event.currentTarget.value);
                touch('name');
              }}
              error={error('name')}
              maxLength={64}
              autoComplete="off"
              data-autofocus
            />
            <Select
              comboboxProps={comboboxProps}
              label="Lifetime"
              description="The token stops working after this."
              data={tokenLifetimes}
              value={lifetime}
              onChange={(value) => {
                if (value) setLifetime(value);
                touch('lifetime');
              }}
              allowDeselect={false}
              error={error('lifetime')}
            />
            <Group justify="flex-end" gap="sm" mt="xs">
              <Button variant="default" onClick={onClose} disabled={pending}>Cancel</Button>
              <Button type="submit" loading={pending}>Create</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
