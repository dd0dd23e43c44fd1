import { ActionIcon, Group, Select, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { pageSizes } from '../../api/users';
import { comboboxProps } from '../common/select-props';

export interface UsersPagerProps {
  page: number;
  pageSize: number;
  onPageSizeChange(size: number): void;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious(): void;
  onNext(): void;
}

export function UsersPager({ page, pageSize, onPageSizeChange, hasPrevious, hasNext, onPrevious, onNext }: UsersPagerProps) {
  return (
    <Group justify="space-between" gap="md">
      <Group gap="xs">
        <Text component="label" htmlFor="users-page-size" size="sm" c="dimmed">Rows per page</Text>
        <Select
          id="users-page-size"
          size="xs"
          w={76}
          data={pageSizes.map(String)}
          value={String(pageSize)}
          onChange={(value) => value && onPageSizeChange(Number(value))}
          allowDeselect={false}
          comboboxProps={{ ...comboboxProps, position: 'top' }}
        />
      </Group>
      <Group gap="xs">
        <Text size="sm" c="dimmed" aria-live="polite" mr={4}>Page {page}</Text>
        <ActionIcon variant="default" size="lg" aria-label="Previous page" disabled={!hasPrevious} onClick={onPrevious}>
          <IconChevronLeft size={16} />
        </ActionIcon>
        <ActionIcon variant="default" size="lg" aria-label="Next page" disabled={!hasNext} onClick={onNext}>
          <IconChevronRight size={16} />
        </ActionIcon>
      </Group>
    </Group>
  );
}
