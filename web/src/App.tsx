import { Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { ApiError, onApiError } from './api/client';
import { useCan, useMe, usePermissions } from './api/session';
import { AppLayout } from './components/AppLayout';
import { AccountPage } from './pages/AccountPage';
import { AuditPage } from './pages/AuditPage';
import { AuthSettingsPage } from './pages/AuthSettingsPage';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { DormancyPage } from './pages/DormancyPage';
import { ImagesPage } from './pages/ImagesPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OrgPage } from './pages/OrgPage';
import { OrgsPage } from './pages/OrgsPage';
import { SignInPage } from './pages/SignInPage';
import { UsersPage } from './pages/UsersPage';
import { NotAllowed } from './views/NotAllowed';
import type { Permission } from './api/types';

function FullPageLoader() {
  return (
    <Center h="100vh">
      <Loader aria-label="Loading" />
    </Center>
  );
}

/** Pages behind sign-in: no session goes to the sign-in page, a temporary password to its change. */
function RequireSession({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageLoader />;
  if (me.error) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      const next = location.pathname + location.search;
      return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
    }
    throw me.error;
  }
  if (me.data.mustChangePassword) return <Navigate to="/change-password" replace />;
  return <>{children}</>;
}

/** A page only for those the server says may use it; everyone else is told so, not shown a broken page. */
function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const permissions = usePermissions();
  const can = useCan();
  if (permissions.isPending) return <FullPageLoader />;
  return can(permission) ? <>{children}</> : <NotAllowed />;
}

/** The landing page is the first one the actor may use. */
function Home() {
  const permissions = usePermissions();
  const can = useCan();
  if (permissions.isPending) return <FullPageLoader />;
  return <Navigate to={can('user.list') ? '/users' : '/account'} replace />;
}

export function App() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  // Wherever a request learns the session ended or a password change is due, go there.
  useEffect(() => onApiError((error) => {
    if (error.code === 'UNAUTHENTICATED') {
      queryClient.removeQueries();
      navigate('/login', { replace: true });
    } else if (error.code === 'PASSWORD_CHANGE_REQUIRED') {
      navigate('/change-password', { replace: true });
    }
  }), [navigate, queryClient]);

  return (
    <Routes>
      <Route path="/login" element={<SignInPage />} />
      <Route path="/change-password" element={<ChangePasswordPage />} />
      <Route element={<RequireSession><AppLayout /></RequireSession>}>
        <Route index element={<Home />} />
        <Route path="users" element={<RequirePermission permission="user.list"><UsersPage /></RequirePermission>} />
        {/* Everyone may list their own organizations and use their images: the server narrows what each sees. */}
        <Route path="orgs" element={<OrgsPage />} />
        <Route path="orgs/:org" element={<OrgPage />} />
        <Route path="images" element={<ImagesPage />} />
        <Route path="audit" element={<RequirePermission permission="audit.read"><AuditPage /></RequirePermission>} />
        <Route path="account" element={<AccountPage />} />
        <Route path="admin/authentication" element={<AuthSettingsPage />} />
        <Route path="admin/dormancy" element={<RequirePermission permission="settings.read"><DormancyPage /></RequirePermission>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
