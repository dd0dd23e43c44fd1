// Account > API tokens (SPEC §3.4): this part of the Account page owns the
// tokens' data, New token and the Delete confirmation.
import { Alert, Button, Card, Group, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconAlertCircle, IconKey, IconPlus } from '@tabler/icons-react';
import { useMemo, useRef } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { createToken, deleteToken, myTokensKey, useMyTokens, type ApiToken } from '../../api/tokens';
import { ConfirmDialog } from '../../views/common/ConfirmDialog';
import { NewTokenDialog, type NewTokenErrors } from '../../views/tokens/NewTokenDialog';
import { TokensTable } from '../../views/tokens/TokensTable';
import { notifySuccess } from '../notify';
import { dialogOf, useDialog } from '../use-dialog';

type TokenDialog = { kind: 'new' } | { kind: 'delete'; token: ApiToken };

/** A lifetime past the server's maximum is explained in full beside the Lifetime field. */
function createErrors(error: unknown): NewTokenErrors {
  if (!error) return {};
  if (error instanceof ApiError) {
    const lifetime = error.fieldError('lifetimeSeconds');
    const name = error.fieldError('name');
    if (lifetime) return { lifetime: error.message };
    if (name) return { name: error.code === 'TOKEN_NAME_TAKEN' ? error.message : name };
  }
  return { form: errorMessage(error) };
}

export function ApiTokensCard() {
  const queryClient = useQueryClient();
  const tokens = useMyTokens();
  const dialogs = useDialog<TokenDialog>(() => {
    create.reset();
    remove.reset();
  });
  const newButton = useRef<HTMLButtonElement>(null);

  const create = useMutation({
    mutationFn: createToken,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: myTokensKey }),
  });
  const remove = useMutation({
    mutationFn: (token: ApiToken) => deleteToken(token.id),
    onSuccess: (_, token) => {
      queryClient.setQueryData<ApiToken[]>(myTokensKey, (list) => list?.filter((t) => t.id !== token.id));
      void queryClient.invalidateQueries({ queryKey: myTokensKey });
      dialogs.close();
      notifySuccess(`Token ${token.name} was deleted. Anything using it can no longer sign in with it.`);
    },
  });
  const errors = useMemo(() => createErrors(create.error), [create.error]);
  const deleting = dialogOf(dialogs.dialog, 'delete')?.token;

  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" align="flex-start" mb="md" gap="md">
        <div>
          <Group gap="xs">
            <IconKey size={20} stroke={1.75} aria-hidden />
            <Title order={2} size="h4">API tokens</Title>
          </Group>
          <Text size="sm" c="dimmed" mt={4}>For the roster CLI and scripts. A token acts with your permissions.</Text>
        </div>
        <Button ref={newButton} leftSection={<IconPlus size={16} />} onClick={() => dialogs.open({ kind: 'new' })}>New token</Button>
      </Group>
      {tokens.error && (
        <Alert mb="md" color="red" variant="light" icon={<IconAlertCircle size={18} />} title="Tokens could not be loaded">
          {errorMessage(tokens.error)}
        </Alert>
      )}
      <Card.Section withBorder>
        <TokensTable
          tokens={tokens.data ?? (tokens.isError ? [] : undefined)}
          failed={tokens.isError}
          now={tokens.dataUpdatedAt || Date.now()}
          onDelete={(token) => dialogs.open({ kind: 'delete', token })}
        />
      </Card.Section>

      <NewTokenDialog
        opened={dialogs.isOpen('new')}
        onClose={dialogs.close}
        pending={create.isPending}
        errors={errors}
        onSubmit={(values) => create.mutate(values)}
        created={create.data}
      />
      <ConfirmDialog
        opened={dialogs.isOpen('delete')}
        title={deleting ? `Delete token ${deleting.name}?` : ''}
        confirmLabel="Delete"
        danger
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={dialogs.close}
        fallbackFocus={newButton}
      >
        <Text size="sm">Scripts and command-line sessions using it stop working at once. This cannot be undone.</Text>
      </ConfirmDialog>
    </Card>
  );
}
