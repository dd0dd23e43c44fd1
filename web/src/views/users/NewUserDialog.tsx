// Manage > Users > New User (SPEC §1.2, §6.1). Built-In users get a temporary
// password, shown in this same dialog once created.
import { Alert, Button, Group, Modal, Radio, Select, Stack, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { LoginType, Org, SiteRole } from '../../api/types';
import { roleLabels } from '../../api/types';
import type { NewUser } from '../../api/users';
import { derivedUsername } from './derived-username';
import { TemporaryPasswordView } from './TemporaryPasswordView';
import { comboboxProps } from '../common/select-props';

type Field = 'name' | 'email' | 'username' | 'loginType' | 'organizations' | 'siteRole';
export type NewUserErrors = Partial<Record<Field | 'form', string>>;

export interface NewUserDialogProps {
  opened: boolean;
  onClose(): void;
  orgs: Org[] | undefined;
  orgsError: string | null;
  /** The roles the actor may grant; the first is the default. */
  roleOptions: SiteRole[];
  pending: boolean;
  errors: NewUserErrors;
  onSubmit(values: NewUser): void;
  /** Set once a Built-In user exists. */
  created?: { password: string; name: string };
}

const empty = { name: '', email: '', username: '', loginType: 'built-in' as LoginType, org: null as string | null, role: 'member' as SiteRole };

export function NewUserDialog({ opened, onClose, orgs, orgsError, roleOptions, pending, errors, onSubmit, created }: NewUserDialogProps) {
  const [values, setValues] = useState(empty);
  // Fields changed since the server last complained stop showing its complaint.
  const [edited, setEdited] = useState<ReadonlySet<Field>>(new Set());
  useEffect(() => setEdited(new Set()), [errors]);
  useEffect(() => {
    if (opened) setValues(empty);
  }, [opened]);
  const defaultOrg = orgs?.find((o) => o.default)?.id ?? orgs?.[0]?.id ?? null;
  useEffect(() => {
    if (opened && defaultOrg) setValues((v) => (v.org ? v : { ...v, org: defaultOrg }));
  }, [opened, defaultOrg]);

  const set = <K extends keyof typeof empty>(key: K, field: Field) => (value: (typeof empty)[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setEdited((e) => new Set(e).add(field));
  };
  const error = (field: Field) => (edited.has(field) ? undefined : errors[field]);

  const derived = derivedUsername(values.email.trim());
  const role = roleOptions.includes(values.role) ? values.role : roleOptions[0];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      name: values.name.trim() || undefined,
      email: values.email.trim(),
      username: values.username.trim() || undefined,
      loginType: values.loginType,
      organizations: values.org ? [values.org] : undefined,
      siteRole: role,
    });
  };

  return (
    <Modal
      opened={opened}
      onClose={pending ? () => {} : onClose}
      title="New User"
      centered
      size="lg"
      closeOnClickOutside={!created}
      styles={{ title: { fontWeight: 600 } }}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {created ? (
        <TemporaryPasswordView password={created.password} name={created.name} onDone={onClose} />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {errors.form && <Alert color="red" variant="light" title="The user was not created">{errors.form}</Alert>}
            <Group grow align="flex-start" gap="md">
              <TextInput
                label="Name"
                placeholder="Ada Lovelace"
                value={values.name}
                onChange={(e) => set('name', 'name')(e.currentTarget.value)}
                error={error('name')}
                maxLength={128}
                autoComplete="off"
                data-autofocus
              />
              <TextInput
                label="Email"
                placeholder="ada@example.com"
                type="email"
                required
                withAsterisk={false}
                value={values.email}
                onChange={(e) => set('email', 'email')(e.currentTarget.value)}
                error={error('email')}
                maxLength={254}
                autoComplete="off"
              />
            </Group>
            <TextInput
              label="Username"
              placeholder={derived ?? 'Derived from the email'}
              description={derived
                ? `Optional. Leave empty to use “${derived}” (with a number added if it is taken).`
                : 'Optional. Derived from the email when left empty.'}
              value={values.username}
              onChange={(e) => set('username', 'username')(e.currentTarget.value)}
              error={error('username')}
              maxLength={39}
              autoComplete="off"
              spellCheck={false}
            />
            <Radio.Group
              label="Auth Type"
              value={values.loginType}
              onChange={(v) => set('loginType', 'loginType')(v as LoginType)}
              error={error('loginType')}
            >
              <Group mt={6} gap="xl" align="flex-start">
                <Radio value="built-in" label="Built-In" description="Username or email and a password." />
                <Radio value="oidc" label="OpenID Connect" description="Signs in through your identity provider." />
              </Group>
            </Radio.Group>
            <Group grow align="flex-start" gap="md">
              <Select
                comboboxProps={comboboxProps}
                label="Organization"
                description="Decides which images the user can use."
                data={(orgs ?? []).map((o) => ({ value: o.id, label: o.name }))}
                value={values.org}
                onChange={(v) => set('org', 'organizations')(v)}
                allowDeselect={false}
                placeholder={orgs ? 'Choose an organization' : 'Loading…'}
                error={orgsError ?? error('organizations')}
                searchable={(orgs?.length ?? 0) > 8}
                nothingFoundMessage="No such organization"
              />
              <Select
                comboboxProps={comboboxProps}
                label="Site role"
                description="What the user may do across Roster."
                data={(roleOptions.length ? roleOptions : ['member' as const]).map((r) => ({ value: r, label: roleLabels[r] }))}
                value={role ?? 'member'}
                onChange={(v) => v && set('role', 'siteRole')(v as SiteRole)}
                allowDeselect={false}
                disabled={roleOptions.length < 2}
                error={error('siteRole')}
              />
            </Group>
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
