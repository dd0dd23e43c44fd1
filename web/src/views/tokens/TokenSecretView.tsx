// A new API token, shown exactly once (SPEC §3.4): copy it, then Done.
import { Alert, Button, Code, CopyButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import type { CreatedToken } from '../../api/tokens';
import { absoluteDate } from '../common/format';

export function TokenSecretView({ created, onDone }: { created: CreatedToken; onDone(): void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const copyRef = useRef<HTMLButtonElement>(null);
  // The Create button is gone; keep focus inside the dialog, on the next step.
  useEffect(() => copyRef.current?.focus(), []);

  return (
    <Stack gap="md">
      <div>
        <Title order={3} size="h5">Your new API token</Title>
        <Text size="sm" c="dimmed" mt={4}>
          “{created.name}” acts with your permissions until {absoluteDate(created.expiresAt)}. Keep it somewhere safe.
        </Text>
      </div>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          ref={inputRef}
          label="API token"
          value={created.token}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          style={{ flex: 1 }}
          spellCheck={false}
        />
        <CopyButton value={created.token} timeout={2500}>
          {({ copied, copy }) => (
            <Button
              ref={copyRef}
              // Default even once copied: a light teal button fails contrast while hovered.
              variant="default"
              leftSection={copied ? <IconCheck size={16} color="var(--mantine-color-teal-filled)" /> : <IconCopy size={16} />}
              w={112}
              onClick={() => {
                // Selected text can still be copied by hand where the clipboard API is unavailable (plain http).
                inputRef.current?.select();
                copy();
              }}
            >
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} role="note">
        This token will not be shown again.
      </Alert>
      <Stack gap={6}>
        <Text size="sm">Send it with each request to the REST API:</Text>
        <Code block>Authorization: Bearer &lt;token&gt;</Code>
        <Text size="sm">or sign the command-line tool in with <Code>roster login</Code>.</Text>
      </Stack>
      <Group justify="flex-end">
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}
