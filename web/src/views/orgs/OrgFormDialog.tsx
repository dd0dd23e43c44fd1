// New Organization and Edit organization (SPEC §4): one form, two titles.
import { Alert, Button, Checkbox, Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { OrgInput } from '../../api/orgs';
import type { OrgRole } from '../../api/types';
import { comboboxProps } from '../common/select-props';
import { orgRoleOptions } from './org-roles';

type Field = keyof OrgInput;
export type OrgFormErrors = Partial<Record<Field | 'form', string>>;

export interface OrgFormDialogProps {
  opened: boolean;
  title: string;
  submitLabel: string;
  /** What the form starts from: an existing organization's values, or none for a new one. */
  initial?: OrgInput;
  pending: boolean;
  errors: OrgFormErrors;
  /** When editing, only the fields that changed. */
  onSubmit(values: Partial<OrgInput>): void;
  onClose(): void;
}

const blank: OrgInput = { name: '', description: '', default: false, defaultRole: 'org-member' };

export function OrgFormDialog({ opened, title, submitLabel, initial, pending, errors, onSubmit, onClose }: OrgFormDialogProps) {
  const [values, setValues] = useState<OrgInput>(initial ?? blank);
  // Fields changed since the server last complained stop showing its complaint.
  const [edited, setEdited] = useState<ReadonlySet<Field>>(new Set());
  const [missingName, setMissingName] = useState(false);
  useEffect(() => setEdited(new Set()), [errors]);
  useEffect(() => {
    if (opened) {
      setValues(initial ?? blank);
      setMissingName(false);
    }
  }, [opened]);

  const set = <K extends Field>(key: K) => (value: OrgInput[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setEdited((e) => new Set(e).add(key));
    if (key === 'name') setMissingName(false);
  };
  const error = (field: Field) => (edited.has(field) ? undefined : errors[field]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = { ...values, name: values.name.trim(), description: values.description.trim() };
    if (!trimmed.name) {
      setMissingName(true);
      return;
    }
    const base = initial;
    if (!base) return onSubmit(trimmed);
    const changed = (Object.keys(trimmed) as Field[]).filter((key) => trimmed[key] !== base[key]);
    onSubmit(Object.fromEntries(changed.map((key) => [key, trimmed[key]])) as Partial<OrgInput>);
  };

  return (
    <Modal
      opened={opened}
      onClose={pending ? () => {} : onClose}
      title={title}
      centered
      size="lg"
      styles={{ title: { fontWeight: 600 } }}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {errors.form && (
            <Alert color="red" variant="light" title={initial ? 'The changes were not saved' : 'The organization was not created'}>
              {errors.form}
            </Alert>
          )}
          <TextInput
            label="Name"
            placeholder="Data Team"
            required
            withAsterisk={false}
            value={values.name}
            onChange={(e) => set('name')(e.currentTarget.value)}
            error={missingName ? 'Enter a name.' : error('name')}
            maxLength={64}
            autoComplete="off"
            data-autofocus
          />
          <Textarea
            label="Description"
            placeholder="Who belongs here, and what the organization's images are for."
            value={values.description}
            onChange={(e) => set('description')(e.currentTarget.value)}
            error={error('description')}
            maxLength={512}
            autosize
            minRows={2}
            maxRows={5}
          />
          <Checkbox
            label="Default organization"
            description="New users join it unless their creator picks another"
            checked={values.default}
            onChange={(e) => set('default')(e.currentTarget.checked)}
            error={error('default')}
          />
          <Select
            comboboxProps={comboboxProps}
            label="Default role for new members"
            description="The org role people get when they join without one being chosen for them."
            data={orgRoleOptions}
            value={values.defaultRole}
            onChange={(v) => v && set('defaultRole')(v as OrgRole)}
            allowDeselect={false}
            error={error('defaultRole')}
          />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose} disabled={pending}>Cancel</Button>
            <Button type="submit" loading={pending}>{submitLabel}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
