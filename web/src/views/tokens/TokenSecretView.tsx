// A new API token, shown exactly once (SPEC §3.4), with how to use it.
import { Code, Stack, Text } from '@mantine/core';
import type { CreatedToken } from '../../api/tokens';
import { SecretShownOnce } from '../common/SecretShownOnce';
import { absoluteDate } from '../common/format';

export function TokenSecretView({ created, onDone }: { created: CreatedToken; onDone(): void }) {
  return (
    <SecretShownOnce
      heading="Your new API token"
      intro={`“${created.name}” acts with your permissions until ${absoluteDate(created.expiresAt)}. Keep it somewhere safe.`}
      label="API token"
      secret={created.token}
      warning="This token will not be shown again."
      onDone={onDone}
    >
      <Stack gap={6}>
        <Text size="sm">Send it with each request to the REST API:</Text>
        <Code block>Authorization: Bearer &lt;token&gt;</Code>
        <Text size="sm">or sign the command-line tool in with <Code>roster login</Code>.</Text>
      </Stack>
    </SecretShownOnce>
  );
}
