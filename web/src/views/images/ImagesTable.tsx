// A catalogue of images: on an organization's Images tab (with Edit and
// Delete for those who manage it) and on the Images page (read only).
import { ActionIcon, Group, Skeleton, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconPencil, IconStack2, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Image } from '../../api/types';
import { ColumnLabel, EmptyState } from '../common/table-parts';
import { ImageRef } from './ImageRef';

export interface ImagesTableProps {
  images: Image[] | undefined;
  /** Shown when there are none: a title and a hint. */
  empty: { title: string; hint?: ReactNode };
  /** Row actions, for those who may manage the catalogue. */
  onEdit?(image: Image): void;
  onDelete?(image: Image): void;
}

export function ImagesTable({ images, empty, onEdit, onDelete }: ImagesTableProps) {
  const actions = !!(onEdit || onDelete);
  // Fixed proportions, so the catalogues of several organizations line up one above the other.
  const columns: [string, string | undefined][] = [['NAME', '22%'], ['IMAGE', '40%'], ['DESCRIPTION', undefined]];
  const span = columns.length + (actions ? 1 : 0);
  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table verticalSpacing="sm" horizontalSpacing="lg" highlightOnHover layout="fixed">
        <Table.Thead>
          <Table.Tr>
            {columns.map(([c, width]) => <Table.Th key={c} w={width}><ColumnLabel>{c}</ColumnLabel></Table.Th>)}
            {actions && <Table.Th w={100}><VisuallyHidden>Actions</VisuallyHidden></Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody aria-busy={images === undefined}>
          {images === undefined && Array.from({ length: 3 }, (_, i) => (
            <Table.Tr key={i}>
              {Array.from({ length: span }, (_, j) => <Table.Td key={j}><Skeleton height={12} width="70%" radius="xl" /></Table.Td>)}
            </Table.Tr>
          ))}
          {images?.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={span}>
                <EmptyState icon={<IconStack2 size={32} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />} title={empty.title}>
                  {empty.hint}
                </EmptyState>
              </Table.Td>
            </Table.Tr>
          )}
          {images?.map((image) => (
            <Table.Tr key={image.id}>
              <Table.Td><Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>{image.name}</Text></Table.Td>
              <Table.Td><ImageRef image={image} /></Table.Td>
              <Table.Td>
                {image.description
                  ? <Text size="sm" lineClamp={2} title={image.description}>{image.description}</Text>
                  : <Text size="sm" c="dimmed">No description</Text>}
              </Table.Td>
              {actions && (
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    {onEdit && (
                      <Tooltip label="Edit" withArrow>
                        <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Edit ${image.name}`} onClick={() => onEdit(image)}>
                          <IconPencil size={18} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                    {onDelete && (
                      <Tooltip label="Delete" withArrow>
                        <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Delete ${image.name}`} onClick={() => onDelete(image)}>
                          <IconTrash size={18} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
