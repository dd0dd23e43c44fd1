import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The centred card of the pages seen before the app: sign-in and the forced password change. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-body)">
      <Stack w={400} maw="100%" gap="lg">
        <Text ta="center" fw={800} size="xl" c="var(--mantine-color-anchor)">Roster</Text>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Stack gap="lg">
            <div>
              <Title order={1} size="h3">{title}</Title>
              {subtitle && <Text size="sm" c="dimmed" mt={4}>{subtitle}</Text>}
            </div>
            {children}
          </Stack>
        </Paper>
      </Stack>
    </Center>
  );
}
