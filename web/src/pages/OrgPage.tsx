// One organization (SPEC §4, §6.1): Edit and Delete for those the server
// allows, and its Members and Images tabs. Org managers manage this org's
// members and images, known from their own membership as the server reports it.
import { Badge, Button, Card, Center, List, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconStack2, IconUsers } from '@tabler/icons-react';
import { useMemo } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../api/client';
import { deleteOrg, myImagesKey, orgsKey, updateOrg, useOrg, useOrgImages, useOrgList, type OrgInput } from '../api/orgs';
import { meKey, useCan, useMe } from '../api/session';
import type { Org } from '../api/types';
import { usersKey } from '../api/users';
import { ConfirmDialog } from '../views/common/ConfirmDialog';
import { OrgFormDialog } from '../views/orgs/OrgFormDialog';
import { OrgHeader } from '../views/orgs/OrgHeader';
import { fieldErrors } from './field-errors';
import { notifySuccess } from './notify';
import { ImagesTab } from './org/ImagesTab';
import { MembersTab } from './org/MembersTab';
import { useDialog } from './use-dialog';

const orgFields = ['name', 'description', 'default', 'defaultRole'] as const;
const tabs = ['members', 'images'] as const;
type Tab = (typeof tabs)[number];

function OrgMissing({ error }: { error: unknown }) {
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <Stack align="center" py="xl">
      <Title order={1} size="h2">{notFound ? 'Organization not found' : 'The organization could not be loaded'}</Title>
      <Text c="dimmed">{notFound ? 'It may have been deleted or renamed, or you are not a member of it.' : errorMessage(error)}</Text>
      <Button component={Link} to="/orgs">Go to Organizations</Button>
    </Stack>
  );
}

export function OrgPage() {
  const ref = useParams().org ?? '';
  const org = useOrg(ref);
  if (org.isPending) return <Center py="xl"><Loader aria-label="Loading" /></Center>;
  if (org.error) return <OrgMissing error={org.error} />;
  return <OrgDetails key={org.data.id} org={org.data} />;
}

function OrgDetails({ org }: { org: Org }) {
  const can = useCan();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'images' ? 'images' : 'members';
  const dialogs = useDialog<{ kind: 'edit' } | { kind: 'delete' }>(() => {
    save.reset();
    remove.reset();
  });

  const yourRole = me.data?.organizations.find((o) => o.id === org.id)?.role;
  const managesHere = yourRole === 'org-manager';
  // Named in the Delete dialog: where members left without an organization go.
  const defaults = useOrgList(dialogs.isOpen('delete')).data?.filter((o) => o.default && o.id !== org.id);
  const imageCount = useOrgImages(org.id).data?.length;

  const save = useMutation({
    mutationFn: (values: Partial<OrgInput>) => updateOrg(org.id, values),
    onSuccess: ({ org: saved }) => {
      void queryClient.invalidateQueries({ queryKey: orgsKey });
      void queryClient.invalidateQueries({ queryKey: meKey });
      void queryClient.invalidateQueries({ queryKey: usersKey });
      dialogs.close();
      notifySuccess(`${saved.name} was saved.`);
      // The address may have used the old name.
      navigate(`/orgs/${saved.id}${tab === 'images' ? '?tab=images' : ''}`, { replace: true });
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteOrg(org.id),
    onSuccess: () => {
      dialogs.close();
      navigate('/orgs', { replace: true });
      notifySuccess(`${org.name} was deleted.`);
      queryClient.removeQueries({ queryKey: [...orgsKey, 'one'] });
      for (const queryKey of [orgsKey, meKey, usersKey, myImagesKey]) void queryClient.invalidateQueries({ queryKey });
    },
  });
  // The last default organization's refusal says what to do instead: show all of it beside the checkbox.
  const saveErrors = useMemo(() => (save.error instanceof ApiError && save.error.code === 'LAST_DEFAULT_ORG'
    ? { default: save.error.message }
    : fieldErrors(save.error, orgFields)), [save.error]);

  return (
    <Stack gap="lg">
      <OrgHeader
        org={org}
        yourRole={yourRole}
        canEdit={can('org.update')}
        canDelete={can('org.delete')}
        onEdit={() => dialogs.open({ kind: 'edit' })}
        onDelete={() => dialogs.open({ kind: 'delete' })}
      />
      <Card withBorder radius="md" shadow="xs" padding={0}>
        <Tabs
          value={tab}
          onChange={(value) => setParams(value === 'images' ? { tab: 'images' } : {}, { replace: true })}
          keepMounted={false}
        >
          <Tabs.List px="md" pt={4}>
            <Tabs.Tab value="members" leftSection={<IconUsers size={16} />}>Members</Tabs.Tab>
            <Tabs.Tab
              value="images"
              leftSection={<IconStack2 size={16} />}
              // The count is for the eye; the tab's name stays "Images".
              rightSection={imageCount !== undefined && (
                <Badge size="sm" variant="light" color="gray" radius="sm" aria-hidden>{imageCount}</Badge>
              )}
            >
              Images
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="members">
            <MembersTab org={org} mayManage={can('org-member.manage') || managesHere} />
          </Tabs.Panel>
          <Tabs.Panel value="images">
            <ImagesTab org={org} mayManage={can('image.manage') || managesHere} />
          </Tabs.Panel>
        </Tabs>
      </Card>

      <OrgFormDialog
        opened={dialogs.isOpen('edit')}
        title="Edit organization"
        submitLabel="Save"
        initial={{ name: org.name, description: org.description, default: org.default, defaultRole: org.defaultRole }}
        pending={save.isPending}
        errors={saveErrors}
        onSubmit={(values) => (Object.keys(values).length ? save.mutate(values) : dialogs.close())}
        onClose={dialogs.close}
      />
      <ConfirmDialog
        opened={dialogs.isOpen('delete')}
        title={`Delete ${org.name}?`}
        confirmLabel="Delete"
        danger
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => remove.mutate()}
        onClose={dialogs.close}
      >
        <List size="sm" spacing={6}>
          <List.Item>
            Its members keep their accounts. Anyone with no other organization joins the default
            {defaults?.length ? ` ones (${defaults.map((o) => o.name).join(', ')})` : ' ones'}.
          </List.Item>
          <List.Item>
            {imageCount === 0
              ? 'It has no images to lose.'
              : `${imageCount === undefined ? 'Its images are' : imageCount === 1 ? 'Its image is' : `Its ${imageCount} images are`} deleted: nobody can choose them for new workspaces.`}
          </List.Item>
          <List.Item>This cannot be undone.</List.Item>
        </List>
      </ConfirmDialog>
    </Stack>
  );
}
