// The top of an organization's page: where it sits, what it is, what may be done to it.
import { Anchor, Breadcrumbs, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Org, OrgRole } from '../../api/types';
import { orgRoleLabels } from '../../api/types';
import { DefaultBadge } from './OrgsTable';

export interface OrgHeaderProps {
  org: Org;
  yourRole?: OrgRole;
  canEdit: boolean;
  canDelete: boolean;
  onEdit(): void;
  onDelete(): void;
}

export function OrgHeader({ org, yourRole, canEdit, canDelete, onEdit, onDelete }: OrgHeaderProps) {
  return (
    <Stack gap="xs">
      <Breadcrumbs aria-label="Breadcrumb" separatorMargin={6}>
        <Anchor component={Link} to="/orgs" size="sm">Organizations</Anchor>
        <Text size="sm" c="dimmed" aria-current="page" truncate="end" maw={400}>{org.name}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="lg">
        <div style={{ minWidth: 0 }}>
          <Group gap="sm" align="center">
            <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>{org.name}</Title>
            {org.default && <DefaultBadge />}
          </Group>
          <Text c={org.description ? undefined : 'dimmed'} size="sm" mt={4} maw={720} style={{ whiteSpace: 'pre-line' }}>
            {org.description || 'No description.'}
          </Text>
          <Text c="dimmed" size="xs" mt={6}>
            New members join as {orgRoleLabels[org.defaultRole].toLowerCase()}s
            {org.default ? ' · New users join it unless their creator picks another organization' : ''}
            {yourRole ? ` · You are ${yourRole === 'org-manager' ? 'a manager' : 'a member'} here` : ''}
          </Text>
        </div>
        {(canEdit || canDelete) && (
          <Group gap="sm" wrap="nowrap">
            {canEdit && <Button variant="default" leftSection={<IconPencil size={16} />} onClick={onEdit}>Edit</Button>}
            {canDelete && (
              <Button variant="default" color="red" c="var(--mantine-color-error)" leftSection={<IconTrash size={16} />} onClick={onDelete}>
                Delete
              </Button>
            )}
          </Group>
        )}
      </Group>
    </Stack>
  );
}
