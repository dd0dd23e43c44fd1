import { Card, Center, Grid, Loader, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, api, errorMessage } from '../api/client';
import { meKey, useCan, useMe } from '../api/session';
import type { User } from '../api/types';
import { roleLabels } from '../api/types';
import { ChangePasswordForm } from '../views/ChangePasswordForm';
import { ProfileForm, type ProfileValues } from '../views/ProfileForm';
import { ApiTokensCard } from './account/ApiTokensCard';
import { passwordErrors } from './password-errors';

function profileErrors(error: unknown): Partial<Record<keyof ProfileValues | 'form', string>> {
  if (!error) return {};
  if (error instanceof ApiError && error.validations.length) {
    return { name: error.fieldError('name'), username: error.fieldError('username'), email: error.fieldError('email') };
  }
  return { form: errorMessage(error) };
}

export function AccountPage() {
  const me = useMe();
  const can = useCan();
  const queryClient = useQueryClient();
  // Remounting the password form after success clears what was typed.
  const [passwordFormKey, setPasswordFormKey] = useState(0);

  const saveProfile = useMutation({
    mutationFn: (values: Partial<ProfileValues>) => api<{ user: User }>('PATCH', '/api/v1/users/me', values),
    onSuccess: ({ user }) => {
      queryClient.setQueryData(meKey, user);
      notifications.show({ color: 'green', message: 'Profile saved.' });
    },
  });
  const changePassword = useMutation({
    mutationFn: (values: { currentPassword: string; newPassword: string }) => api('PUT', '/api/v1/users/me/password', values),
    onSuccess: () => {
      setPasswordFormKey((k) => k + 1);
      notifications.show({ color: 'green', message: 'Password changed. Your other sessions have been signed out.' });
    },
  });

  if (!me.data) return <Center py="xl"><Loader aria-label="Loading" /></Center>;
  const user = me.data;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">Account</Title>
        <Text c="dimmed" size="sm">{roleLabels[user.siteRole]} · {user.loginType === 'built-in' ? 'signs in with a password' : 'signs in with OpenID Connect'}</Text>
      </div>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder padding="lg">
            <Title order={2} size="h4" mb="md">Profile</Title>
            <ProfileForm
              user={user}
              emailEditable={can('user.update')}
              onSubmit={(values) => saveProfile.mutate(values)}
              pending={saveProfile.isPending}
              errors={profileErrors(saveProfile.error)}
            />
          </Card>
        </Grid.Col>
        {user.loginType === 'built-in' && (
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Card withBorder padding="lg">
              <Title order={2} size="h4" mb="md">Password</Title>
              <ChangePasswordForm
                key={passwordFormKey}
                username={user.username}
                onSubmit={(values) => changePassword.mutate(values)}
                pending={changePassword.isPending}
                errors={passwordErrors(changePassword.error)}
              />
            </Card>
          </Grid.Col>
        )}
        <Grid.Col span={12}>
          <ApiTokensCard />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
