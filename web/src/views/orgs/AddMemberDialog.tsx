// Add member: a person and their org role. Those who may list users pick
// from a search; others type a username.
import { Alert, Button, Group, Loader, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import type { OrgRole, User } from '../../api/types';
import { comboboxProps } from '../common/select-props';
import { orgRoleOptions } from './org-roles';

export type Candidate = Pick<User, 'id' | 'name' | 'email' | 'username'> & { alreadyMember: boolean };

export interface UserSearchProps {
  text: string;
  onTextChange(text: string): void;
  /** Undefined until something is typed. */
  candidates: Candidate[] | undefined;
  loading: boolean;
  error: string | null;
}

export type AddMemberErrors = Partial<Record<'user' | 'role' | 'form', string>>;

export interface AddMemberDialogProps {
  opened: boolean;
  orgName: string;
  defaultRole: OrgRole;
  /** Present when the actor may search users; otherwise the field takes a username. */
  search?: UserSearchProps;
  pending: boolean;
  errors: AddMemberErrors;
  /** `user` is an id (picked) or a username (typed). */
  onSubmit(values: { user: string; role: OrgRole }): void;
  onClose(): void;
}

function CandidateOption({ candidate }: { candidate: Candidate }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="sm" fw={500} truncate="end">{candidate.name}</Text>
      <Text size="xs" c="dimmed" truncate="end">
        {candidate.email} · @{candidate.username}{candidate.alreadyMember ? ' · already a member' : ''}
      </Text>
    </div>
  );
}

export function AddMemberDialog({ opened, orgName, defaultRole, search, pending, errors, onSubmit, onClose }: AddMemberDialogProps) {
  const [picked, setPicked] = useState<Candidate | null>(null);
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<OrgRole>(defaultRole);
  const [edited, setEdited] = useState<ReadonlySet<'user' | 'role'>>(new Set());
  const [missing, setMissing] = useState(false);
  useEffect(() => setEdited(new Set()), [errors]);
  useEffect(() => {
    if (opened) {
      setPicked(null);
      setUsername('');
      setRole(defaultRole);
      setMissing(false);
    }
  }, [opened]);
  const touch = (field: 'user' | 'role') => setEdited((e) => new Set(e).add(field));
  const userError = missing
    ? (search ? 'Choose a person.' : 'Enter a username.')
    : edited.has('user') ? undefined : errors.user;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const user = search ? picked?.id : username.trim();
    if (!user) {
      setMissing(true);
      return;
    }
    onSubmit({ user, role });
  };

  const candidates = search?.candidates ?? [];
  const options = [...candidates, ...(picked && !candidates.some((c) => c.id === picked.id) ? [picked] : [])];
  const byId = new Map(options.map((c) => [c.id, c]));

  return (
    <Modal
      opened={opened}
      onClose={pending ? () => {} : onClose}
      title="Add member"
      centered
      size="md"
      styles={{ title: { fontWeight: 600 } }}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {errors.form && <Alert color="red" variant="light" title="The member was not added">{errors.form}</Alert>}
          {search ? (
            <Select
              comboboxProps={comboboxProps}
              label="User"
              placeholder="Search by name, email or username"
              description={picked ? `${picked.email} · @${picked.username}` : `Who should join ${orgName}.`}
              searchable
              searchValue={search.text}
              onSearchChange={search.onTextChange}
              data={options.map((c) => ({ value: c.id, label: c.name, disabled: c.alreadyMember }))}
              // The server has already matched the words against names, emails and usernames.
              filter={({ options: all }) => all}
              value={picked?.id ?? null}
              onChange={(id) => {
                setPicked(id ? byId.get(id) ?? null : null);
                setMissing(false);
                touch('user');
              }}
              renderOption={({ option }) => {
                const candidate = byId.get(option.value);
                return candidate ? <CandidateOption candidate={candidate} /> : option.label;
              }}
              nothingFoundMessage={search.error ?? (search.text.trim()
                ? (search.loading ? 'Searching…' : 'Nobody matches')
                : 'Type a name, email or username')}
              leftSection={search.loading ? <Loader size={14} aria-label="Searching" /> : <IconSearch size={16} />}
              error={userError}
              maxDropdownHeight={300}
              data-autofocus
            />
          ) : (
            <TextInput
              label="User"
              placeholder="ada"
              description={`The username of the person who should join ${orgName}.`}
              value={username}
              onChange={(e) => {
                setUsername(e.currentTarget.value);
                setMissing(false);
                touch('user');
              }}
              error={userError}
              maxLength={64}
              autoComplete="off"
              spellCheck={false}
              data-autofocus
            />
          )}
          <Select
            comboboxProps={comboboxProps}
            label="Role"
            description="Org managers manage this organization's members and images."
            data={orgRoleOptions}
            value={role}
            onChange={(v) => {
              if (v) setRole(v as OrgRole);
              touch('role');
            }}
            allowDeselect={false}
            error={edited.has('role') ? undefined : errors.role}
          />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose} disabled={pending}>Cancel</Button>
            <Button type="submit" loading={pending}>Add</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
