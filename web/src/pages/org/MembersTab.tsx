// An organization's Members tab: who belongs and with which org role; for
// those who manage the organization's members, Add member, role drop-downs
// and Remove. This part of the page owns the members' data.
import { Alert, Button, Center, Divider, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertCircle, IconUserPlus } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../api/client';
import { useMembers } from '../../api/orgs';
import { useCan, useMe } from '../../api/session';
import type { Member, Org, OrgRole } from '../../api/types';
import { useUserSearch } from '../../api/users';
import { ConfirmDialog } from '../../views/common/ConfirmDialog';
import { AddMemberDialog } from '../../views/orgs/AddMemberDialog';
import { MembersTable } from '../../views/orgs/MembersTable';
import { fieldErrors } from '../field-errors';
import { dialogOf, useDialog } from '../use-dialog';
import { useMemberMutations } from './use-member-mutations';

type MemberDialog = { kind: 'add' } | { kind: 'remove'; member: Member } | { kind: 'step-down'; member: Member };

const addFields = ['user', 'role'] as const;

export function MembersTab({ org, mayManage }: { org: Org; mayManage: boolean }) {
  const can = useCan();
  const me = useMe();
  const members = useMembers(org.id);
  const dialogs = useDialog<MemberDialog>(() => {
    mutations.resetDialog();
    setSearchText('');
  });
  const mutations = useMemberMutations(org, { onDone: dialogs.close });
  const addButton = useRef<HTMLButtonElement>(null);

  // The Add member picker searches users as the actor types, after a pause.
  const [searchText, setSearchText] = useState('');
  const [debouncedSearch] = useDebouncedValue(searchText, 250);
  const mayList = can('user.list');
  const search = useUserSearch(debouncedSearch, mayList && dialogs.isOpen('add'));

  const loaded = members.data?.pages.flatMap((page) => page.members);
  const memberIds = new Set(loaded?.map((m) => m.user.id));
  const rows = loaded?.map((member) => ({
    member,
    isYou: member.user.id === me.data?.id,
    busy: mutations.busyIds.has(member.user.id),
  })) ?? (members.isError ? [] : undefined);
  const addErrors = useMemo(() => fieldErrors(mutations.add.error, addFields), [mutations.add.error]);

  const onRoleChange = (member: Member, role: OrgRole) => {
    // Stepping down takes away one's own say over this organization: ask first.
    const stepDown = member.user.id === me.data?.id && role !== 'org-manager' && !can('org-member.manage');
    if (stepDown) dialogs.open({ kind: 'step-down', member });
    else mutations.changeRole.mutate({ member, role });
  };

  const removing = dialogOf(dialogs.dialog, 'remove')?.member;
  const steppingDown = dialogOf(dialogs.dialog, 'step-down')?.member;
  const removingYou = removing?.user.id === me.data?.id;

  return (
    <Stack gap={0}>
      <Group justify="space-between" align="center" p="md" mih={68}>
        <Text size="sm" c="dimmed">
          People in {org.name}. Org managers manage its members and images; every member can use its images.
        </Text>
        {mayManage && (
          <Button ref={addButton} leftSection={<IconUserPlus size={16} />} onClick={() => dialogs.open({ kind: 'add' })}>Add member</Button>
        )}
      </Group>
      {members.error && (
        <Alert mx="md" mb="md" color="red" variant="light" icon={<IconAlertCircle size={18} />} title="Members could not be loaded">
          {errorMessage(members.error)}
        </Alert>
      )}
      <Divider />
      <MembersTable
        rows={rows}
        editable={mayManage}
        failed={members.isError}
        onRoleChange={onRoleChange}
        onRemove={(member) => dialogs.open({ kind: 'remove', member })}
      />
      {members.hasNextPage && (
        <Center py="md">
          <Button variant="default" loading={members.isFetchingNextPage} onClick={() => void members.fetchNextPage()}>Load more</Button>
        </Center>
      )}

      <AddMemberDialog
        opened={dialogs.isOpen('add')}
        orgName={org.name}
        defaultRole={org.defaultRole}
        search={mayList ? {
          text: searchText,
          onTextChange: setSearchText,
          candidates: search.data?.map((user) => ({ ...user, alreadyMember: memberIds.has(user.id) })),
          loading: search.isFetching || searchText !== debouncedSearch,
          error: search.error ? `The search failed: ${errorMessage(search.error)}` : null,
        } : undefined}
        pending={mutations.add.isPending}
        errors={addErrors}
        onSubmit={(values) => mutations.add.mutate(values)}
        onClose={dialogs.close}
      />
      <ConfirmDialog
        opened={dialogs.isOpen('remove')}
        title={removing ? `Remove ${removing.user.name} from ${org.name}?` : ''}
        confirmLabel="Remove"
        danger
        pending={mutations.remove.isPending}
        error={mutations.remove.error ? errorMessage(mutations.remove.error) : null}
        onConfirm={() => removing && mutations.remove.mutate(removing)}
        onClose={dialogs.close}
        fallbackFocus={addButton}
      >
        <Text size="sm">
          {removingYou ? 'You' : `${removing?.user.name} (@${removing?.user.username})`} will no longer be a member of {org.name}
          {' '}and can no longer use its images. {removingYou ? 'Your' : 'Their'} account and other organizations stay as they are.
        </Text>
      </ConfirmDialog>
      <ConfirmDialog
        opened={dialogs.isOpen('step-down')}
        title={`Step down as manager of ${org.name}?`}
        confirmLabel="Step down"
        danger
        pending={false}
        error={null}
        onConfirm={() => {
          if (steppingDown) mutations.changeRole.mutate({ member: steppingDown, role: 'org-member' });
          dialogs.close();
        }}
        onClose={dialogs.close}
      >
        <Text size="sm">
          You stay a member, but you can no longer manage the members and images of {org.name}. Only another manager or a
          site manager can make you a manager again.
        </Text>
      </ConfirmDialog>
    </Stack>
  );
}
