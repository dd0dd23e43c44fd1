// Manage > Organizations (SPEC §4, §6.1): the list, and New Organization.
// Everyone sees the organizations the server lists for them (all of them for
// auditors and up, their own otherwise); only org.create may add one.
import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconAlertCircle, IconBuildingCommunity, IconPlus } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../api/client';
import { createOrg, orgsKey, useOrgList, type OrgInput } from '../api/orgs';
import { meKey, useCan, useMe } from '../api/session';
import { OrgFormDialog } from '../views/orgs/OrgFormDialog';
import { OrgsTable } from '../views/orgs/OrgsTable';
import { fieldErrors } from './field-errors';
import { notifySuccess } from './notify';
import { useDialog } from './use-dialog';

const orgFields = ['name', 'description', 'default', 'defaultRole'] as const;

export function OrgsPage() {
  const can = useCan();
  const me = useMe();
  const list = useOrgList();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const dialogs = useDialog<{ kind: 'new' }>(() => create.reset());

  const create = useMutation({
    mutationFn: (values: OrgInput) => createOrg(values),
    onSuccess: ({ org }) => {
      void queryClient.invalidateQueries({ queryKey: orgsKey });
      // Joining a default organization is for new users; still, the actor's own view may have changed.
      void queryClient.invalidateQueries({ queryKey: meKey });
      dialogs.close();
      notifySuccess(`${org.name} was created.`);
      navigate(`/orgs/${org.id}`);
    },
  });
  const createErrors = useMemo(() => fieldErrors(create.error, orgFields), [create.error]);

  const roles = new Map(me.data?.organizations.map((o) => [o.id, o.role]));
  const rows = list.data?.map((org) => ({ org, yourRole: roles.get(org.id) })) ?? (list.isError ? [] : undefined);

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">Organizations</Title>
        <Text c="dimmed" size="sm">Group people, choose who manages each group, and decide which workspace images its members can use.</Text>
      </div>
      <Card withBorder padding="lg" radius="md" shadow="xs">
        <Group justify="space-between" align="center" mb="md">
          <Group gap="xs">
            <IconBuildingCommunity size={20} stroke={1.75} aria-hidden />
            <Title order={2} size="h4">{can('org.read') ? 'All Organizations' : 'Your Organizations'}</Title>
          </Group>
          {can('org.create') && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => dialogs.open({ kind: 'new' })}>New Organization</Button>
          )}
        </Group>
        {list.error && (
          <Alert mb="md" color="red" variant="light" icon={<IconAlertCircle size={18} />} title="Organizations could not be loaded">
            {errorMessage(list.error)}
          </Alert>
        )}
        <Card.Section withBorder>
          <OrgsTable rows={rows} failed={list.isError} />
        </Card.Section>
      </Card>

      <OrgFormDialog
        opened={dialogs.isOpen('new')}
        title="New Organization"
        submitLabel="Create"
        pending={create.isPending}
        errors={createErrors}
        onSubmit={(values) => create.mutate(values as OrgInput)}
        onClose={dialogs.close}
      />
    </Stack>
  );
}
