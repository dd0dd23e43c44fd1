import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

/** What a page says to someone whose permissions do not include it. */
export function NotAllowed() {
  return (
    <Stack align="center" py="xl">
      <Title order={1} size="h2">Not available to you</Title>
      <Text c="dimmed">Your role does not include this page. Ask an administrator if you need it.</Text>
      <Button component={Link} to="/">Go to the start page</Button>
    </Stack>
  );
}
