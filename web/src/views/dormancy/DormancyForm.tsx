// Manage > Admin > Dormancy (SPEC §1.6): after how many days without activity a
// user is dormant, and whether dormant users are deleted after a further while.
import { Alert, Button, Group, NumberInput, Stack, Switch, Text } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { DormancySettings } from '../../api/dormancy';

export interface DormancyFormProps {
  settings: DormancySettings;
  editable: boolean;
  pending: boolean;
  errors: Partial<Record<'thresholdDays' | 'deleteAfterDays' | 'form', string>>;
  onSubmit(settings: DormancySettings): void;
}

interface Values {
  thresholdDays: number | string;
  deleteEnabled: boolean;
  deleteAfterDays: number | string;
}

// A few digits: the box stays small while its help text takes the width it needs.
const narrow = { wrapper: { maxWidth: 220 } };

const valuesOf = (s: DormancySettings): Values => ({
  thresholdDays: s.thresholdDays,
  deleteEnabled: s.deleteAfterDays !== null,
  deleteAfterDays: s.deleteAfterDays ?? 30,
});

export function DormancyForm({ settings, editable, pending, errors, onSubmit }: DormancyFormProps) {
  const [values, setValues] = useState<Values>(() => valuesOf(settings));
  // An empty box is caught here: sent, it would read as null ("never").
  const [missing, setMissing] = useState<Partial<Record<'thresholdDays' | 'deleteAfterDays', string>>>({});
  useEffect(() => setValues(valuesOf(settings)), [settings]);
  const next: DormancySettings = {
    thresholdDays: Number(values.thresholdDays),
    deleteAfterDays: values.deleteEnabled ? Number(values.deleteAfterDays) : null,
  };
  const changed = next.thresholdDays !== settings.thresholdDays || next.deleteAfterDays !== settings.deleteAfterDays;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const empty = {
      ...(values.thresholdDays === '' ? { thresholdDays: 'Enter a number of days.' } : {}),
      ...(values.deleteEnabled && values.deleteAfterDays === '' ? { deleteAfterDays: 'Enter a number of days.' } : {}),
    };
    setMissing(empty);
    if (Object.keys(empty).length === 0) onSubmit(next);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {errors.form && <Alert color="red" variant="light" role="alert" title="The settings were not saved">{errors.form}</Alert>}
        <NumberInput
          label="Dormant after (days)"
          description="A user with no sign-in or other authenticated activity for this many days is shown as Dormant (filter with status:dormant). Signing in again makes them active. 1–3650; the default is 90."
          min={1}
          max={3650}
          allowDecimal={false}
          allowNegative={false}
          styles={narrow}
          value={values.thresholdDays}
          onChange={(v) => setValues((s) => ({ ...s, thresholdDays: v }))}
          disabled={!editable}
          error={missing.thresholdDays ?? errors.thresholdDays}
        />
        <Stack gap="sm">
          <Switch
            label="Delete dormant users automatically"
            description="Off by default. When on, a user who stays dormant for a further number of days is deleted, like a deletion by hand: their sessions and API tokens end. The audit log records each deletion with the system as its actor. The site admin is never deleted."
            checked={values.deleteEnabled}
            onChange={(e) => { const on = e.currentTarget.checked; setValues((s) => ({ ...s, deleteEnabled: on })); }}
            disabled={!editable}
          />
          <NumberInput
            label="Delete after a further (days)"
            description="Counted from the day the user became dormant. 1–365."
            min={1}
            max={365}
            allowDecimal={false}
            allowNegative={false}
            styles={narrow}
            ml={54}
            value={values.deleteAfterDays}
            onChange={(v) => setValues((s) => ({ ...s, deleteAfterDays: v }))}
            disabled={!editable || !values.deleteEnabled}
            error={missing.deleteAfterDays ?? errors.deleteAfterDays}
          />
        </Stack>
        {editable ? (
          <Group>
            <Button type="submit" loading={pending} disabled={!changed}>Save settings</Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">You may read these settings; changing them needs the settings.update permission.</Text>
        )}
      </Stack>
    </form>
  );
}
