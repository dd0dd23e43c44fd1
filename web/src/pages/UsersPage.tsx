// Manage > Users (SPEC §6.1): this page owns the list query, the URL state,
// every mutation and which dialog is open; the views only draw.
import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconAlertCircle, IconDownload, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../api/client';
import { exportCsvUrl } from '../api/bulk';
import { useOrgList } from '../api/orgs';
import { useCan, useMe, usePermissions } from '../api/session';
import type { LoginType, SiteRole, User } from '../api/types';
import {
  defaultPageSize, defaultSort, pageSizes, sortOptions, useUserList, type UserPage, type UserSort,
} from '../api/users';
import { abilitiesFor, grantableRoles, type Actor } from '../views/users/abilities';
import { ConfirmDialog } from '../views/common/ConfirmDialog';
import { confirmationFor, type ConfirmKind } from '../views/users/confirmations';
import { NewUserDialog } from '../views/users/NewUserDialog';
import { SuspendDialog } from '../views/users/SuspendDialog';
import { TemporaryPasswordView } from '../views/users/TemporaryPasswordView';
import type { RowAction } from '../views/users/UserCells';
import { UsersPager } from '../views/users/UsersPager';
import { UsersTable } from '../views/users/UsersTable';
import { UsersToolbar } from '../views/users/UsersToolbar';
import { fieldErrors } from './field-errors';
import { useUserMutations, type Dialog } from './use-user-mutations';
import { useUserSelection } from './use-user-selection';
import { UsersBulkActions } from './UsersBulkActions';

const newUserFields = ['name', 'email', 'username', 'loginType', 'organizations', 'siteRole'] as const;
const suspendFields = ['reason', 'until'] as const;

function isConfirmable(dialog: Dialog): dialog is Extract<Dialog, { kind: ConfirmKind }> {
  return dialog.kind !== 'new' && dialog.kind !== 'suspend';
}

function readSort(value: string | null): UserSort {
  return sortOptions.some((o) => o.value === value) ? (value as UserSort) : defaultSort;
}

function readLimit(value: string | null): number {
  const n = Number(value);
  return (pageSizes as readonly number[]).includes(n) ? n : defaultPageSize;
}

export function UsersPage() {
  const me = useMe();
  const permissions = usePermissions();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sort = readSort(params.get('sort'));
  const limit = readLimit(params.get('limit'));

  // Only non-default values go in the URL, so a plain /users stays plain.
  const setParam = (key: 'q' | 'sort' | 'limit', value: string, fallback: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value.trim() && value !== fallback) next.set(key, value);
      else next.delete(key);
      return next;
    }, { replace: true });

  // The box answers every keystroke; the list follows after a pause in typing.
  const [search, setSearch] = useState(q);
  const applySearch = useDebouncedCallback((value: string) => setParam('q', value, ''), 300);
  // Back and forward change the URL under the box; typing still on its way wins.
  useEffect(() => {
    if (!applySearch.isPending()) setSearch(q);
  }, [q]);

  // Cursors of the pages after the first; they belong to one search, sort and size.
  const listId = JSON.stringify([q, sort, limit]);
  const [paging, setPaging] = useState<{ listId: string; cursors: string[] }>({ listId, cursors: [] });
  const cursors = paging.listId === listId ? paging.cursors : [];
  const list = useUserList({ q, sort, limit, cursor: cursors.at(-1) });

  // A refused search leaves the last good rows on screen beside its message.
  const [lastGood, setLastGood] = useState<UserPage>();
  useEffect(() => {
    if (list.data && !list.isPlaceholderData) setLastGood(list.data);
  }, [list.data, list.isPlaceholderData]);
  const page = list.data ?? (list.isError ? lastGood : undefined);

  // Deleting the last row of a later page leaves it empty: step back.
  useEffect(() => {
    if (list.data && !list.isPlaceholderData && list.data.users.length === 0 && cursors.length > 0) {
      setPaging({ listId, cursors: cursors.slice(0, -1) });
    }
  }, [list.data, list.isPlaceholderData, cursors, listId]);

  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [opened, setOpened] = useState(false);
  const openDialog = (next: Dialog) => {
    mutations.resetDialog();
    setDialog(next);
    setOpened(true);
  };
  const closeDialog = () => setOpened(false);
  const mutations = useUserMutations({ onDone: closeDialog });

  const actor: Actor | undefined = me.data && permissions.data
    ? { id: me.data.id, siteRole: permissions.data.siteRole, can }
    : undefined;
  const rows = page?.users.map((user) => ({
    user,
    abilities: actor
      ? abilitiesFor(actor, user)
      : { roleOptions: [], changeAuthType: false, resetPassword: false, suspend: false, activate: false, delete: false },
    isYou: user.id === me.data?.id,
    busy: mutations.busyIds.has(user.id),
  })) ?? (list.isError ? [] : undefined);

  const selection = useUserSelection(q, page?.users.map((u) => u.id) ?? []);
  const bulkAllowed = can('user.update');
  const orgs = useOrgList(opened && dialog?.kind === 'new');
  const createErrors = useMemo(() => fieldErrors(mutations.create.error, newUserFields), [mutations.create.error]);
  const suspendErrors = useMemo(() => fieldErrors(mutations.act.error, suspendFields), [mutations.act.error]);

  const onRowAction = (user: User, action: RowAction) => openDialog({ kind: action, user });
  const onAuthTypeChange = (user: User, loginType: LoginType) => openDialog({ kind: 'auth-type', user, loginType });
  const onRoleChange = (user: User, siteRole: SiteRole) => mutations.changeRole.mutate({ user, siteRole });

  const confirmable = dialog && isConfirmable(dialog) ? dialog : null;
  const confirmation = confirmable ? confirmationFor(confirmable.kind, confirmable.user, confirmable.kind === 'auth-type' ? confirmable.loginType : undefined) : null;
  const issuedFor = (name: string) => (mutations.issued ? { password: mutations.issued, name } : undefined);

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">Users</Title>
        <Text c="dimmed" size="sm">Create accounts, choose what people may do, and control who can sign in.</Text>
      </div>
      <Card withBorder padding="lg" radius="md" shadow="xs">
        <Group justify="space-between" align="center" mb="md">
          <Group gap="xs">
            <IconUsers size={20} stroke={1.75} aria-hidden />
            <Title order={2} size="h4">All Users</Title>
          </Group>
          <Group gap="sm">
            {can('user.list') && (
              <Button component="a" href={exportCsvUrl(q)} download variant="default" leftSection={<IconDownload size={16} />}>Export CSV</Button>
            )}
            {can('user.create') && (
              <Button leftSection={<IconUserPlus size={16} />} onClick={() => openDialog({ kind: 'new' })}>New User</Button>
            )}
          </Group>
        </Group>
        <UsersToolbar
          search={search}
          onSearchChange={(value) => {
            setSearch(value);
            applySearch(value);
          }}
          onSearchSubmit={() => applySearch.flush()}
          sort={sort}
          onSortChange={(value) => setParam('sort', value, defaultSort)}
          fetching={list.isFetching}
        />
        {list.error && (
          <Alert
            mt="md"
            color="red"
            variant="light"
            icon={<IconAlertCircle size={18} />}
            title={list.error instanceof ApiError && list.error.code === 'BAD_FILTER' ? 'Check the search' : 'Users could not be loaded'}
          >
            {errorMessage(list.error)}
          </Alert>
        )}
        {bulkAllowed && (
          <UsersBulkActions
            q={q}
            selection={selection}
            morePages={cursors.length > 0 || !!list.data?.nextCursor}
            roleOptions={actor ? grantableRoles(actor) : []}
            can={can}
          />
        )}
        <Card.Section withBorder mt="md">
          <UsersTable
            selection={bulkAllowed ? selection : undefined}
            rows={rows}
            stale={list.isPlaceholderData}
            emptyReason={list.isError ? 'failed' : q.trim() ? 'search' : 'none'}
            onRoleChange={onRoleChange}
            onAuthTypeChange={onAuthTypeChange}
            onAction={onRowAction}
          />
        </Card.Section>
        <Card.Section inheritPadding py="sm">
          <UsersPager
            page={cursors.length + 1}
            pageSize={limit}
            onPageSizeChange={(size) => setParam('limit', String(size), String(defaultPageSize))}
            hasPrevious={cursors.length > 0}
            hasNext={!list.isError && !list.isPlaceholderData && !!list.data?.nextCursor}
            onPrevious={() => setPaging({ listId, cursors: cursors.slice(0, -1) })}
            onNext={() => list.data?.nextCursor && setPaging({ listId, cursors: [...cursors, list.data.nextCursor] })}
          />
        </Card.Section>
      </Card>

      <NewUserDialog
        opened={opened && dialog?.kind === 'new'}
        onClose={closeDialog}
        orgs={orgs.data}
        orgsError={orgs.error ? `Organizations could not be loaded: ${errorMessage(orgs.error)}` : null}
        roleOptions={actor ? grantableRoles(actor) : []}
        pending={mutations.create.isPending}
        errors={createErrors}
        onSubmit={(values) => mutations.create.mutate(values)}
        created={mutations.create.data ? issuedFor(mutations.create.data.user.name) : undefined}
      />
      <SuspendDialog
        opened={opened && dialog?.kind === 'suspend'}
        user={dialog?.kind === 'suspend' ? dialog.user : undefined}
        pending={mutations.act.isPending}
        errors={suspendErrors}
        onConfirm={(values) => dialog?.kind === 'suspend' && mutations.act.mutate({ ...dialog, suspend: values })}
        onClose={closeDialog}
      />
      {/* Always mounted, so the dialog sees itself open and returns focus when it closes. */}
      <ConfirmDialog
        opened={opened && confirmable !== null}
        title={confirmation?.title ?? ''}
        confirmLabel={confirmation?.confirmLabel ?? ''}
        danger={confirmation?.danger}
        pending={mutations.act.isPending}
        error={mutations.act.error ? errorMessage(mutations.act.error) : null}
        onConfirm={() => confirmable && mutations.act.mutate(confirmable)}
        onClose={closeDialog}
        outcome={confirmable && mutations.issued
          ? <TemporaryPasswordView password={mutations.issued} name={confirmable.user.name} onDone={closeDialog} />
          : undefined}
      >
        {confirmation?.body}
      </ConfirmDialog>
    </Stack>
  );
}
