// The restoration pages and their place in the navigation: one header entry for every
// official, tabs inside the panel for projects, the acceptance-criteria table and the
// dashboard. Each page is its own chunk (the project page and dashboard carry ECharts).
import { lazy, Suspense, type ReactNode } from 'react';
import type { Role } from '../api/types.ts';
import { Link, useLocation } from '../app/router.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import './restoration.css';

const ProjectList = lazy(() =>
  import('./ProjectList.tsx').then((m) => ({ default: m.ProjectList })),
);
const ProjectForm = lazy(() =>
  import('./ProjectForm.tsx').then((m) => ({ default: m.ProjectForm })),
);
const ProjectPage = lazy(() =>
  import('./ProjectPage.tsx').then((m) => ({ default: m.ProjectPage })),
);
const CriteriaPage = lazy(() =>
  import('./CriteriaPage.tsx').then((m) => ({ default: m.CriteriaPage })),
);
const RestorationDashboard = lazy(() =>
  import('./RestorationDashboard.tsx').then((m) => ({ default: m.RestorationDashboard })),
);

function Loading() {
  const { t } = useI18n();
  return <div className="panel-body muted">{t('loading')}</div>;
}

const page = (node: ReactNode) => (
  <>
    <RestorationTabs />
    <Suspense fallback={<Loading />}>{node}</Suspense>
  </>
);

export const restorationPages = [
  { pattern: '/restoration', government: true, render: () => page(<ProjectList />) },
  { pattern: '/restoration/new', government: true, render: () => page(<ProjectForm />) },
  {
    pattern: '/restoration/projects/:id',
    government: true,
    render: (p: Record<string, string>) => page(<ProjectPage id={p.id ?? ''} />),
  },
  {
    pattern: '/restoration/criteria',
    government: true,
    wide: true,
    render: () => page(<CriteriaPage />),
  },
  {
    pattern: '/restoration/dashboard',
    government: true,
    wide: true,
    render: () => page(<RestorationDashboard />),
  },
];

/** Officials of every level; the enterprise and the public have no restoration pages. */
const restorationRoles: readonly Role[] = ['county', 'city', 'province', 'ministry'];

/** The restoration entry of the header for a role. */
export function restorationNav(
  role: Role | null,
  t: (key: MessageKey) => string,
): { to: string; label: string }[] {
  return role && restorationRoles.includes(role)
    ? [{ to: '/restoration', label: t('restNav') }]
    : [];
}

const tabs: { to: string; label: MessageKey }[] = [
  { to: '/restoration', label: 'restTabProjects' },
  { to: '/restoration/criteria', label: 'restTabCriteria' },
  { to: '/restoration/dashboard', label: 'restTabDashboard' },
];

function RestorationTabs() {
  const { t } = useI18n();
  const { path } = useLocation();
  const current = path.startsWith('/restoration/criteria')
    ? '/restoration/criteria'
    : path.startsWith('/restoration/dashboard')
      ? '/restoration/dashboard'
      : '/restoration';
  return (
    <div className="rest-tabs" data-testid="restoration-tabs">
      {tabs.map((tab) => (
        <Link key={tab.to} to={tab.to} className={tab.to === current ? 'active' : ''}>
          {t(tab.label)}
        </Link>
      ))}
    </div>
  );
}
