import { Card, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchAuthSettings, saveAuthSettings, type AuthSettingsPatch } from '../api/auth';
import { ApiError, errorMessage } from '../api/client';
import { useCan } from '../api/session';
import { AuthSettingsForm } from '../views/AuthSettingsForm';

function formErrors(error: unknown): Record<string, string> {
  if (!error) return {};
  if (error instanceof ApiError && error.validations.length) {
    return Object.fromEntries(error.validations.map((v) => [v.field, v.detail]).concat([['form', error.message]]));
  }
  return { form: errorMessage(error) };
}

export function AuthSettingsPage() {
  const can = useCan();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['settings', 'auth'], queryFn: fetchAuthSettings, enabled: can('settings.read') });
  const save = useMutation({
    mutationFn: (patch: AuthSettingsPatch) => saveAuthSettings(patch),
    onSuccess: (saved) => {
      queryClient.setQueryData(['settings', 'auth'], saved);
      queryClient.invalidateQueries({ queryKey: ['auth-methods'] });
      notifications.show({ color: 'green', message: 'Authentication settings saved.' });
    },
  });

  if (!can('settings.read')) return <Text>You do not have access to the authentication settings.</Text>;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">Authentication</Title>
        <Text c="dimmed" size="sm">Let people sign in with your organization's OpenID Connect identity provider.</Text>
      </div>
      <Card withBorder padding="lg" maw={880}>
        {settings.error && <Text c="red" role="alert">{errorMessage(settings.error)}</Text>}
        {settings.isPending && <Center py="xl"><Loader aria-label="Loading" /></Center>}
        {settings.data && (
          <AuthSettingsForm
            settings={settings.data}
            editable={can('settings.update')}
            onSubmit={(patch) => save.mutate(patch)}
            pending={save.isPending}
            errors={formErrors(save.error)}
          />
        )}
      </Card>
    </Stack>
  );
}
