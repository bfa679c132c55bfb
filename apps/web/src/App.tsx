import { AppShell, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useApolloClient } from '@apollo/client/react';
import { useAuth } from './auth';
import { regionLabel, roleLabel } from './format';
import { Loading } from './ui';
import { can, SCREENS_NAV, type Screen } from './screens/access';
import type { Role } from './gql/schema';
import { LoginScreen } from './screens/LoginScreen';
import { WorklistScreen } from './screens/WorklistScreen';

// The first screen (worklist) is in the main bundle; the others load on demand.
const RegisterPathwayScreen = lazy(() => import('./screens/RegisterPathwayScreen'));
const PathwayScreen = lazy(() => import('./screens/PathwayScreen'));
const FindSlotScreen = lazy(() => import('./screens/FindSlotScreen'));
const OffersScreen = lazy(() => import('./screens/OffersScreen'));
const CapacityScreen = lazy(() => import('./screens/CapacityScreen'));
// Meeting board (collaborations) and the secretariat's screens.
const MeetingBoardScreen = lazy(() => import('./screens/meeting/MeetingBoardScreen'));
const PresentationScreen = lazy(() => import('./screens/meeting/PresentationScreen'));
const ReportsScreen = lazy(() => import('./screens/secretariat/ReportsScreen'));
const ProvidersScreen = lazy(() => import('./screens/secretariat/ProvidersScreen'));
const OverviewScreen = lazy(() => import('./screens/secretariat/OverviewScreen'));
const AuditScreen = lazy(() => import('./screens/secretariat/AuditScreen'));
const SampleAuditsScreen = lazy(() => import('./screens/secretariat/SampleAuditsScreen'));
const SampleAuditScreen = lazy(() => import('./screens/secretariat/SampleAuditScreen'));

export function App() {
  const { user } = useAuth();
  const location = useLocation();
  if (!user) {
    return (
      <Routes>
        <Route path="/login" element={<LoginScreen />} />
        <Route
          path="*"
          element={<Navigate to="/login" replace state={{ from: location.pathname + location.search }} />}
        />
      </Routes>
    );
  }
  // Presentation mode fills the screen: no header or menu.
  if (location.pathname === '/moede/praesentation' && can(user.role, 'board')) {
    return (
      <Suspense fallback={<Loading />}>
        <PresentationScreen />
      </Suspense>
    );
  }
  // A role-gated screen opened by URL without the role: say so, rather than "page not found".
  const gated = (screen: Screen, element: ReactNode) => (can(user.role, screen) ? element : <NoAccess />);
  return (
    <Shell>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route
            path="/"
            element={
              user.role === 'OBSERVER' ? (
                <Navigate to="/overblik" replace />
              ) : user.role === 'COLLABORATION' ? (
                <Navigate to="/moede" replace />
              ) : (
                <WorklistScreen />
              )
            }
          />
          <Route path="/moede" element={gated('board', <MeetingBoardScreen />)} />
          <Route path="/rapporter" element={gated('reports', <ReportsScreen />)} />
          <Route path="/udbydere" element={gated('catalogue', <ProvidersScreen />)} />
          <Route path="/overblik" element={gated('overview', <OverviewScreen />)} />
          <Route path="/revisionsspor" element={gated('audit', <AuditScreen />)} />
          <Route path="/stikproever" element={gated('sampleAudits', <SampleAuditsScreen />)} />
          <Route path="/stikproever/:id" element={gated('sampleAudits', <SampleAuditScreen />)} />
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

const NAV: { to: string; label: string; match: (p: string) => boolean; roles?: Role[] }[] = [
  {
    to: '/',
    label: 'Forløb i risiko',
    match: (p: string) => p === '/' || p.startsWith('/forloeb'),
    roles: ['PLANNER', 'SECRETARIAT'],
  },
  { to: '/tilbud', label: 'Tilbud', match: (p: string) => p.startsWith('/tilbud'), roles: ['PLANNER', 'SECRETARIAT'] },
  {
    to: '/kapacitet',
    label: 'Kapacitet',
    match: (p: string) => p.startsWith('/kapacitet'),
    roles: ['PLANNER', 'SECRETARIAT'],
  },
  ...SCREENS_NAV,
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
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a className="skip-link" href="#main">
        Gå til indhold
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Vis menu" />
            <Title order={2} size="h4">
              Kapacitetsbørsen
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="sm" data-testid="whoami">
              {user!.email} · {roleLabel[user!.role]}
              {user!.regionCode ? ` · ${regionLabel(user!.regionCode)}` : ''}
            </Text>
            <Button variant="default" size="xs" onClick={logout}>
              Log ud
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Hovedmenu" component="nav">
        {NAV.filter((n) => !n.roles || n.roles.includes(user!.role)).map((n) => (
          <NavLink
            key={n.to}
            component={Link}
            to={n.to}
            label={n.label}
            active={n.match(location.pathname)}
            aria-current={n.match(location.pathname) ? 'page' : undefined}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}

function NotFound() {
  return (
    <>
      <Title order={1}>Siden findes ikke</Title>
      <Text mt="md">
        <Link to="/">Gå til Forløb i risiko</Link>
      </Text>
    </>
  );
}

function NoAccess() {
  const { user } = useAuth();
  return (
    <>
      <Title order={1}>Ingen adgang</Title>
      <Text mt="md">
        Din rolle ({roleLabel[user!.role]}) giver ikke adgang til denne side. Kontakt sekretariatet, hvis du mener, at
        du skal have adgang.
      </Text>
      <Text mt="sm">
        <Link to="/">Gå til forsiden</Link>
      </Text>
    </>
  );
}
