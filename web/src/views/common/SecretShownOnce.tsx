// A secret shown exactly once (temporary passwords, SPEC §1.2; API tokens,
// §3.4): a read-only field, a copy button, the warning, then Done.
import { Alert, Button, CopyButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useEffect, useRef, type ReactNode } from 'react';

export interface SecretShownOnceProps {
  heading: string;
  /** What the secret is for and what to do with it. */
  intro: ReactNode;
  label: string;
  secret: string;
  /** "This password will not be shown again." */
  warning: string;
  /** More help under the warning (how to use a token, say). */
  children?: ReactNode;
  onDone(): void;
}

export function SecretShownOnce({ heading, intro, label, secret, warning, children, onDone }: SecretShownOnceProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const copyRef = useRef<HTMLButtonElement>(null);
  // The button that led here is gone; keep focus inside the dialog, on the next step.
  useEffect(() => copyRef.current?.focus(), []);

  return (
    <Stack gap="md">
      <div>
        <Title order={3} size="h5">{heading}</Title>
        <Text size="sm" c="dimmed" mt={4}>{intro}</Text>
      </div>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          ref={inputRef}
          label={label}
          value={secret}
          readOnly
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.03em' } }}
          style={{ flex: 1 }}
        />
        <CopyButton value={secret} timeout={2500}>
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
      <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} role="note">{warning}</Alert>
      {children}
      <Group justify="flex-end">
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}
