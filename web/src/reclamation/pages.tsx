// Reclamation's pages and their place in the navigation: the list and dashboard, and one
// obligation's page with its acceptance workflow. Each is loaded as its own chunk on first
// visit (the dashboard's carries ECharts).
import { lazy, Suspense, type ReactNode } from 'react';
import type { Role } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import './reclamation.css';
import type { MessageKey } from '../i18n/messages.ts';

const ReclamationDashboard = lazy(() => import('./ReclamationDashboard.tsx'));
const MyObligations = lazy(() => import('./MyObligations.tsx'));
const ObligationPage = lazy(() =>
  import('./ObligationPage.tsx').then((m) => ({ default: m.ObligationPage })),
);

function Loading() {
  const { t } = useI18n();
  return <div className="panel-body muted">{t('loading')}</div>;
}

const page = (node: ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;

export const reclamationPages = [
  {
    pattern: '/reclamation',
    government: true,
    wide: true,
    render: () => page(<ReclamationDashboard />),
  },
  {
    // The land user's own account opens its obligations too (the server narrows what it sees).
    pattern: '/reclamation/mine',
    government: false,
    render: () => page(<MyObligations />),
  },
  {
    pattern: '/reclamation/obligations/:id',
    government: false,
    wide: true,
    render: (p: Record<string, string>) => page(<ObligationPage id={p.id ?? ''} />),
  },
];

/**
 * Officials of every level read reclamation in their division; an enterprise the obligations of
 * the records it uses; the public has its notices.
 */
const readers: readonly Role[] = ['ministry', 'province', 'city', 'county'];

export function reclamationNav(
  role: Role | null,
  t: (key: MessageKey) => string,
): { to: string; label: string }[] {
  if (role === 'enterprise') return [{ to: '/reclamation/mine', label: t('navMyObligations') }];
  return role && readers.includes(role) ? [{ to: '/reclamation', label: t('navReclamation') }] : [];
}
