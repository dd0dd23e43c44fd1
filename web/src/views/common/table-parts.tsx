// The pieces every list table shares, so the tables read alike.
import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A column heading: small, dimmed capitals (USER, ROLE, JOINED). */
export function ColumnLabel({ children }: { children: string }) {
  return <Text size="xs" fw={700} c="dimmed" style={{ letterSpacing: '0.05em' }}>{children}</Text>;
}

export interface EmptyStateProps {
  icon: ReactNode;
  title: string;
  children?: ReactNode;
}

/** Why a list has nothing in it, and what to do about it. */
export function EmptyState({ icon, title, children }: EmptyStateProps) {
  return (
    <Stack align="center" gap={4} py="xl" px="md" ta="center">
      {icon}
      <Text fw={600}>{title}</Text>
      {children && <Text size="sm" c="dimmed" maw={520}>{children}</Text>}
    </Stack>
  );
}

/** Padded like a Select's text, so static cells line up with editable ones. */
export function StaticValue({ children }: { children: string }) {
  return <Text size="sm" pl={12}>{children}</Text>;
}
