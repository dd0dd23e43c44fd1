// Sign in (SPEC §6.1): the password form, "Sign in with <IdP>" when OIDC is on,
// and the "Admin login" path when password sign-in is off for everyone else.
import { Alert, Anchor, Button, Divider, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconKey } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { fetchAuthMethods } from '../api/auth';
import { api, errorMessage } from '../api/client';
import { meKey } from '../api/session';
import type { User } from '../api/types';
import { AuthCard } from '../views/AuthCard';
import { SignInForm } from '../views/SignInForm';

/** Only paths inside the app: never an open redirect. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const methods = useQuery({ queryKey: ['auth-methods'], queryFn: fetchAuthMethods, staleTime: 60_000 });
  const next = safeNext(params.get('next'));
  const adminPath = params.get('admin') === '1';
  const oidcError = params.get('oidc_error');

  const signIn = useMutation({
    mutationFn: (values: { login: string; password: string }) =>
      api<{ user: User; mustChangePassword: boolean }>('POST', '/api/v1/auth/login', values),
    onSuccess: ({ user, mustChangePassword }) => {
      queryClient.clear();
      queryClient.setQueryData(meKey, user);
      navigate(mustChangePassword ? '/change-password' : next, { replace: true });
    },
  });

  const oidc = methods.data?.oidc;
  // Until the methods are known, offer the password form rather than nothing.
  const showPassword = !methods.data || methods.data.password.enabled || adminPath;
  const showOidc = Boolean(oidc?.enabled && !oidc.problem && !adminPath);

  return (
    <AuthCard
      title={adminPath ? 'Admin login' : 'Sign in'}
      subtitle={adminPath ? 'For the site admin and site managers.' : showPassword ? 'Use your email or username.' : undefined}
    >
      <Stack>
        {oidcError && <Alert color="red" role="alert" title="Sign-in failed">{oidcError}</Alert>}
        {oidc?.problem && (
          <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="Identity provider unavailable">{oidc.problem}</Alert>
        )}
        {showOidc && (
          <Button component="a" href={`/api/v1/auth/oidc/login?returnTo=${encodeURIComponent(next)}`} leftSection={<IconKey size={18} />} variant={showPassword ? 'default' : 'filled'} fullWidth>
            {oidc!.buttonLabel}
          </Button>
        )}
        {showOidc && showPassword && <Divider label="or" labelPosition="center" />}
        {showPassword && (
          <SignInForm onSubmit={(values) => signIn.mutate(values)} pending={signIn.isPending} error={signIn.error ? errorMessage(signIn.error) : null} />
        )}
        {methods.data?.adminLogin && !showPassword && (
          <Text size="sm" ta="center"><Anchor component={Link} to="/login?admin=1">Admin login</Anchor></Text>
        )}
        {adminPath && methods.data && !methods.data.password.enabled && (
          <Text size="sm" ta="center"><Anchor component={Link} to="/login">Back to sign-in</Anchor></Text>
        )}
      </Stack>
    </AuthCard>
  );
}
