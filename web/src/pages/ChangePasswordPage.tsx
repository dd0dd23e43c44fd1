// The forced change after a temporary password (SPEC §1.3): nothing else is
// reachable until it is done.
import { Anchor, Center, Loader, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate } from 'react-router';
import { ApiError, api } from '../api/client';
import { meKey, useMe, useSignOut } from '../api/session';
import { AuthCard } from '../views/AuthCard';
import { ChangePasswordForm } from '../views/ChangePasswordForm';
import { passwordErrors } from './password-errors';

export function ChangePasswordPage() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  const change = useMutation({
    mutationFn: (values: { currentPassword: string; newPassword: string }) => api('PUT', '/api/v1/users/me/password', values),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meKey });
      navigate('/', { replace: true });
    },
  });

  if (me.isPending) return <Center h="100vh"><Loader aria-label="Loading" /></Center>;
  if (me.error instanceof ApiError && me.error.status === 401) return <Navigate to="/login" replace />;
  if (me.data && !me.data.mustChangePassword) return <Navigate to="/" replace />;

  return (
    <AuthCard
      title="Choose a new password"
      subtitle="You signed in with a temporary password. Choose your own to continue."
    >
      <ChangePasswordForm
        currentLabel="Temporary password"
        username={me.data?.username ?? ''}
        fullWidth
        submitLabel="Set password and continue"
        onSubmit={(values) => change.mutate(values)}
        pending={change.isPending}
        errors={passwordErrors(change.error)}
      />
      <Text size="sm" ta="center">
        <Anchor component="button" type="button" onClick={async () => { await signOut(); navigate('/login', { replace: true }); }}>
          Sign out
        </Anchor>
      </Text>
    </AuthCard>
  );
}
