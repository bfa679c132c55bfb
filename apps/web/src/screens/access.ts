// Which role sees which of the meeting-board and secretariat screens (the API enforces the same; this only shapes the menu).
import type { Role } from '../gql/schema';

export type Screen = 'board' | 'reports' | 'catalogue' | 'overview' | 'audit' | 'sampleAudits';

const ACCESS: Record<Screen, Role[]> = {
  board: ['COLLABORATION', 'SECRETARIAT'],
  reports: ['SECRETARIAT', 'OBSERVER'],
  catalogue: ['SECRETARIAT'],
  overview: ['SECRETARIAT', 'COLLABORATION', 'OBSERVER'],
  audit: ['SECRETARIAT'],
  sampleAudits: ['SECRETARIAT'],
};

export const can = (role: Role, screen: Screen) => ACCESS[screen].includes(role);

export const SCREENS_NAV: { to: string; label: string; match: (p: string) => boolean; roles: Role[] }[] = [
  { to: '/moede', label: 'Mødetavle', match: (p) => p.startsWith('/moede'), roles: ACCESS.board },
  { to: '/overblik', label: 'Overblik', match: (p) => p.startsWith('/overblik'), roles: ACCESS.overview },
  { to: '/rapporter', label: 'Rapporter', match: (p) => p.startsWith('/rapporter'), roles: ACCESS.reports },
  { to: '/udbydere', label: 'Udbydere og aftaler', match: (p) => p.startsWith('/udbydere'), roles: ACCESS.catalogue },
  {
    to: '/stikproever',
    label: 'Stikprøver',
    match: (p) => p.startsWith('/stikproever'),
    roles: ACCESS.sampleAudits,
  },
  { to: '/revisionsspor', label: 'Revisionsspor', match: (p) => p.startsWith('/revisionsspor'), roles: ACCESS.audit },
];
