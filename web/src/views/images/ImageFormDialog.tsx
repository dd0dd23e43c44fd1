// Add image and Edit image: an entry in an organization's catalogue (SPEC §4).
import { Alert, Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { ImageInput } from '../../api/orgs';

type Field = keyof ImageInput;
export type ImageFormErrors = Partial<Record<Field | 'form', string>>;

export interface ImageFormDialogProps {
  opened: boolean;
  title: string;
  submitLabel: string;
  /** Whose catalogue it goes into, for the words around the form. */
  orgName: string;
  initial?: ImageInput;
  pending: boolean;
  errors: ImageFormErrors;
  /** When editing, only the fields that changed. */
  onSubmit(values: Partial<ImageInput>): void;
  onClose(): void;
}

const blank: ImageInput = { name: '', repository: '', tag: '', description: '' };
const required: Field[] = ['name', 'repository', 'tag'];
const missingText: Record<string, string> = { name: 'Enter a name.', repository: 'Enter the image repository.', tag: 'Enter a tag.' };

export function ImageFormDialog({ opened, title, submitLabel, orgName, initial, pending, errors, onSubmit, onClose }: ImageFormDialogProps) {
  const [values, setValues] = useState<ImageInput>(initial ?? blank);
  const [edited, setEdited] = useState<ReadonlySet<Field>>(new Set());
  const [missing, setMissing] = useState<ReadonlySet<Field>>(new Set());
  useEffect(() => setEdited(new Set()), [errors]);
  useEffect(() => {
    if (opened) {
      setValues(initial ?? blank);
      setMissing(new Set());
    }
  }, [opened]);

  const set = (key: Field) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setEdited((e) => new Set(e).add(key));
    setMissing((m) => {
      const next = new Set(m);
      next.delete(key);
      return next;
    });
  };
  const error = (field: Field) => (missing.has(field) ? missingText[field] : edited.has(field) ? undefined : errors[field]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed: ImageInput = {
      name: values.name.trim(), repository: values.repository.trim(), tag: values.tag.trim(), description: values.description.trim(),
    };
    const empty = required.filter((key) => !trimmed[key]);
    if (empty.length) {
      setMissing(new Set(empty));
      return;
    }
    const base = initial;
    if (!base) return onSubmit(trimmed);
    const changed = (Object.keys(trimmed) as Field[]).filter((key) => trimmed[key] !== base[key]);
    onSubmit(Object.fromEntries(changed.map((key) => [key, trimmed[key]])));
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
            <Alert color="red" variant="light" title={initial ? 'The image was not saved' : 'The image was not added'}>{errors.form}</Alert>
          )}
          <TextInput
            label="Name"
            description={`How members of ${orgName} will find it.`}
            placeholder="Python"
            required
            withAsterisk={false}
            value={values.name}
            onChange={(e) => set('name')(e.currentTarget.value)}
            error={error('name')}
            maxLength={64}
            autoComplete="off"
            data-autofocus
          />
          <Group align="flex-start" gap="md" wrap="nowrap">
            <TextInput
              label="Repository"
              placeholder="registry.example.com/team/python"
              required
              withAsterisk={false}
              value={values.repository}
              onChange={(e) => set('repository')(e.currentTarget.value)}
              error={error('repository')}
              maxLength={255}
              autoComplete="off"
              spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              style={{ flex: 2 }}
            />
            <TextInput
              label="Tag"
              placeholder="3.12"
              required
              withAsterisk={false}
              value={values.tag}
              onChange={(e) => set('tag')(e.currentTarget.value)}
              error={error('tag')}
              maxLength={128}
              autoComplete="off"
              spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              style={{ flex: 1 }}
            />
          </Group>
          <Textarea
            label="Description"
            placeholder="What is installed, and when to use it."
            value={values.description}
            onChange={(e) => set('description')(e.currentTarget.value)}
            error={error('description')}
            maxLength={512}
            autosize
            minRows={2}
            maxRows={5}
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

