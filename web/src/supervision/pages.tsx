// The supervisor's pages and their place in the navigation. Each page is loaded as its own
// chunk on first visit (the dashboard's carries ECharts), so the map page's first paint pays
// for none of them.
import { lazy, Suspense, type ReactNode } from 'react';
import type { Role } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';

const Dashboard = lazy(() => import('./Dashboard.tsx'));
const EnforcementPage = lazy(() =>
  import('./EnforcementPage.tsx').then((m) => ({ default: m.EnforcementPage })),
);
const BackfillPage = lazy(() =>
  import('./BackfillPage.tsx').then((m) => ({ default: m.BackfillPage })),
);
const RectificationPage = lazy(() =>
  import('./RectificationPage.tsx').then((m) => ({ default: m.RectificationPage })),
);
const ReportsPage = lazy(() =>
  import('./ReportsPage.tsx').then((m) => ({ default: m.ReportsPage })),
);

function Loading() {
  const { t } = useI18n();
  return <div className="panel-body muted">{t('loading')}</div>;
}

const page = (node: ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;

/** Supervisors: the levels above the county (city, province, ministry). */
export const supervisorRoles: readonly Role[] = ['city', 'province', 'ministry'];

export const supervisionPages = [
  {
    pattern: '/supervision',
    government: true,
    wide: true,
    render: () => page(<Dashboard />),
  },
  {
    pattern: '/supervision/enforcement',
    government: true,
    render: () => page(<EnforcementPage />),
  },
  {
    pattern: '/supervision/enforcement/:batchId',
    government: true,
    render: (p: Record<string, string>) => page(<EnforcementPage batchId={p.batchId ?? ''} />),
  },
  {
    pattern: '/supervision/enforcement/:batchId/:polygonId',
    government: true,
    render: (p: Record<string, string>) =>
      page(<EnforcementPage batchId={p.batchId ?? ''} polygonId={p.polygonId ?? ''} />),
  },
  { pattern: '/supervision/backfill', government: true, render: () => page(<BackfillPage />) },
  {
    pattern: '/supervision/backfill/:polygonId',
    government: true,
    render: (p: Record<string, string>) => page(<BackfillPage polygonId={p.polygonId ?? ''} />),
  },
  {
    pattern: '/supervision/rectification',
    government: true,
    render: () => page(<RectificationPage />),
  },
  { pattern: '/supervision/reports', government: true, render: () => page(<ReportsPage />) },
];

const navItems: { to: string; label: MessageKey }[] = [
  { to: '/supervision', label: 'navDashboard' },
  { to: '/supervision/enforcement', label: 'navEnforcement' },
  { to: '/supervision/backfill', label: 'navBackfill' },
  { to: '/supervision/rectification', label: 'navRectification' },
  { to: '/supervision/reports', label: 'navReports' },
];

/** The supervision entries of the header for a role (none below the city). */
export function supervisionNav(
  role: Role | null,
  t: (key: MessageKey) => string,
): { to: string; label: string }[] {
  return role && supervisorRoles.includes(role)
    ? navItems.map((item) => ({ to: item.to, label: t(item.label) }))
    : [];
}
