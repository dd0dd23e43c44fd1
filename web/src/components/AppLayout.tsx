// The frame around every signed-in page: brand, the Manage menu (only what
// the server says the actor may use), and the user menu.
import { ActionIcon, AppShell, Avatar, Button, Container, Group, Menu, Text, UnstyledButton, VisuallyHidden, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { IconBuildingCommunity, IconChevronDown, IconHistory, IconHourglass, IconLogout, IconMoon, IconShieldLock, IconStack2, IconSun, IconUser, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, Outlet, useMatch, useNavigate } from 'react-router';
import { useCan, useMe, useSignOut } from '../api/session';
import { initials } from '../views/initials';

export function AppLayout() {
  const can = useCan();
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');

  // Org managers manage their own organization's members and images, whatever their site role.
  const managesAnOrg = me.data?.organizations.some((o) => o.role === 'org-manager') ?? false;
  const onImages = useMatch('/images') !== null;
  const manageItems = [
    can('user.list') && { to: '/users', label: 'Users', icon: <IconUsers size={16} /> },
    (can('org.read') || managesAnOrg) && { to: '/orgs', label: 'Organizations', icon: <IconBuildingCommunity size={16} /> },
    can('audit.read') && { to: '/audit', label: 'Audit', icon: <IconHistory size={16} /> },
  ].filter(Boolean) as { to: string; label: string; icon: ReactNode }[];
  const adminItems = [
    can('settings.read') && { to: '/admin/authentication', label: 'Authentication', icon: <IconShieldLock size={16} /> },
    can('settings.read') && { to: '/admin/dormancy', label: 'Dormancy', icon: <IconHourglass size={16} /> },
  ].filter(Boolean) as { to: string; label: string; icon: ReactNode }[];

  return (
    <AppShell header={{ height: 60 }}>
      <AppShell.Header>
        <Container size="xl" h="100%">
          <Group h="100%" justify="space-between">
            <Group gap="lg">
              <Text component={Link} to="/" fw={800} size="xl" c="var(--mantine-color-anchor)" style={{ textDecoration: 'none' }}>
                Roster
              </Text>
              <Group gap={4} wrap="nowrap">
                {manageItems.length + adminItems.length > 0 && (
                  <Menu position="bottom-start" withinPortal>
                    <Menu.Target>
                      <Button variant="subtle" color="gray" rightSection={<IconChevronDown size={14} />}>Manage</Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      {manageItems.map((item) => (
                        <Menu.Item key={item.to} component={Link} to={item.to} leftSection={item.icon}>{item.label}</Menu.Item>
                      ))}
                      {adminItems.length > 0 && <Menu.Label>Admin</Menu.Label>}
                      {adminItems.map((item) => (
                        <Menu.Item key={item.to} component={Link} to={item.to} leftSection={item.icon}>{item.label}</Menu.Item>
                      ))}
                    </Menu.Dropdown>
                  </Menu>
                )}
                <Button
                  component={Link}
                  to="/images"
                  variant={onImages ? 'light' : 'subtle'}
                  color="gray"
                  leftSection={<IconStack2 size={16} />}
                  aria-current={onImages ? 'page' : undefined}
                >
                  Images
                </Button>
              </Group>
            </Group>
            <Group gap="sm">
              <ActionIcon
                variant="default"
                size="lg"
                aria-label={scheme === 'dark' ? 'Switch to light mode' : 'Switch to dark mode'}
                onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')}
              >
                {scheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
              </ActionIcon>
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  {/* Named by its content, so what a screen reader hears includes what is shown (WCAG 2.5.3). */}
                  <UnstyledButton>
                    <VisuallyHidden>User menu, </VisuallyHidden>
                    <Group gap="xs">
                      <Avatar color="indigo" radius="xl" size="md">{me.data ? initials(me.data.name) : ''}</Avatar>
                      <Text size="sm" fw={500} visibleFrom="sm">{me.data?.name}</Text>
                      <IconChevronDown size={14} />
                    </Group>
                  </UnstyledButton>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>{me.data?.email}</Menu.Label>
                  <Menu.Item component={Link} to="/account" leftSection={<IconUser size={16} />}>Account</Menu.Item>
                  <Menu.Item
                    leftSection={<IconLogout size={16} />}
                    onClick={async () => {
                      await signOut();
                      navigate('/login', { replace: true });
                    }}
                  >
                    Sign out
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="xl" py="lg">
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
