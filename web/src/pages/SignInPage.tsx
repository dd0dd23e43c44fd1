import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { api, errorMessage } from '../api/client';
import { meKey } from '../api/session';
import type { User } from '../api/types';
import { AuthCard } from '../views/AuthCard';
import { SignInForm } from '../views/SignInForm';

export function SignInPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const signIn = useMutation({
    mutationFn: (values: { login: string; password: string }) =>
      api<{ user: User; mustChangePassword: boolean }>('POST', '/api/v1/auth/login', values),
    onSuccess: ({ user, mustChangePassword }) => {
      queryClient.clear();
      queryClient.setQueryData(meKey, user);
      // Only paths inside the app: never an open redirect.
      const next = params.get('next');
      const safeNext = next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
      navigate(mustChangePassword ? '/change-password' : safeNext, { replace: true });
    },
  });
  return (
    <AuthCard title="Sign in" subtitle="Use your email or username.">
      <SignInForm onSubmit={(values) => signIn.mutate(values)} pending={signIn.isPending} error={signIn.error ? errorMessage(signIn.error) : null} />
    </AuthCard>
  );
}
