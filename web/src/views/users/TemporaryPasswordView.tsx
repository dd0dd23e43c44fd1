// A temporary password, shown exactly once (SPEC §1.2): copy it, then Done.
import { Alert, Button, CopyButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';

export interface TemporaryPasswordViewProps {
  password: string;
  /** Who it is for, by name. */
  name: string;
  onDone(): void;
}

export function TemporaryPasswordView({ password, name, onDone }: TemporaryPasswordViewProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const copyRef = useRef<HTMLButtonElement>(null);
  // The button that led here is gone; keep focus inside the dialog, on the next step.
  useEffect(() => copyRef.current?.focus(), []);

  return (
    <Stack gap="md">
      <div>
        <Title order={3} size="h5">Temporary password</Title>
        <Text size="sm" c="dimmed" mt={4}>
          Give it to {name} over a trusted channel. They sign in with it once and then choose their own password.
        </Text>
      </div>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          ref={inputRef}
          label="Temporary password"
          value={password}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.03em' } }}
          style={{ flex: 1 }}
        />
        <CopyButton value={password} timeout={2500}>
          {({ copied, copy }) => (
            <Button
              ref={copyRef}
              variant={copied ? 'light' : 'default'}
              color={copied ? 'teal' : undefined}
              leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
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
        This password will not be shown again.
      </Alert>
      <Group justify="flex-end">
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}
