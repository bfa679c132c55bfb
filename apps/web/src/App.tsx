import { AppShell, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense, useEffect } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useApolloClient } from '@apollo/client/react';
import { useAuth } from './auth';
import { regionLabel, roleLabel } from './format';
import { Loading } from './ui';
import { LoginScreen } from './screens/LoginScreen';
import { WorklistScreen } from './screens/WorklistScreen';

// The first screen (worklist) is in the main bundle; the others load on demand.
const RegisterPathwayScreen = lazy(() => import('./screens/RegisterPathwayScreen'));
const PathwayScreen = lazy(() => import('./screens/PathwayScreen'));
const FindSlotScreen = lazy(() => import('./screens/FindSlotScreen'));
const OffersScreen = lazy(() => import('./screens/OffersScreen'));
const CapacityScreen = lazy(() => import('./screens/CapacityScreen'));

export function App() {
  const { user } = useAuth();
  const location = useLocation();
  if (!user) {
    return (
      <Routes>
        <Route path="/login" element={<LoginScreen />} />
        <Route path="*" element={<Navigate to="/login" replace state={{ from: location.pathname + location.search }} />} />
      </Routes>
    );
  }
  return (
    <Shell>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<WorklistScreen />} />
          <Route path="/forloeb/ny" element={<RegisterPathwayScreen />} />
          <Route path="/forloeb/:id" element={<PathwayScreen />} />
          <Route path="/forloeb/:id/find-tid" element={<FindSlotScreen />} />
          <Route path="/tilbud" element={<OffersScreen />} />
          <Route path="/kapacitet" element={<CapacityScreen />} />
          <Route path="/login" element={<Navigate to="/" replace />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </Shell>
  );
}

const NAV = [
  { to: '/', label: 'Forløb i risiko', match: (p: string) => p === '/' || p.startsWith('/forloeb') },
  { to: '/tilbud', label: 'Tilbud', match: (p: string) => p.startsWith('/tilbud') },
  { to: '/kapacitet', label: 'Kapacitet', match: (p: string) => p.startsWith('/kapacitet') },
];

function Shell({ children }: { children: React.ReactNode }) {
  const { user, signOut } = useAuth();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useApolloClient();
  useEffect(close, [location.pathname, close]);
  const logout = () => {
    signOut();
    void client.clearStore();
    navigate('/login');
  };
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a className="skip-link" href="#main">Gå til indhold</a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Vis menu" />
            <Title order={2} size="h4">Kapacitetsbørsen</Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="sm" data-testid="whoami">
              {user!.email} · {roleLabel[user!.role]}{user!.regionCode ? ` · ${regionLabel(user!.regionCode)}` : ''}
            </Text>
            <Button variant="default" size="xs" onClick={logout}>Log ud</Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Hovedmenu" component="nav">
        {NAV.map((n) => (
          <NavLink key={n.to} component={Link} to={n.to} label={n.label} active={n.match(location.pathname)}
            aria-current={n.match(location.pathname) ? 'page' : undefined} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>{children}</AppShell.Main>
    </AppShell>
  );
}

function NotFound() {
  return (
    <>
      <Title order={1}>Siden findes ikke</Title>
      <Text mt="md"><Link to="/">Gå til Forløb i risiko</Link></Text>
    </>
  );
}
