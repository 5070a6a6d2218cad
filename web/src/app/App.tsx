// The shell: header with navigation by role, the user's division, language and logout; the
// map as the main surface with each page's panel beside it (below it on a phone).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { api } from '../api/http.ts';
import { LoginPage } from '../auth/LoginPage.tsx';
import { isGovernment, SessionProvider, useSession } from '../auth/session.tsx';
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
import { MapProvider, useMapControls } from '../map/map-context.tsx';
import { MapView } from '../map/MapView.tsx';
import { PublicView } from '../public/PublicView.tsx';
import { publicNav, publicPages } from '../public/public-pages.tsx';
import { ParcelPage } from '../register/ParcelPage.tsx';
import { RecordList } from '../register/RecordList.tsx';
import { RegisterByDrawing } from '../register/RegisterByDrawing.tsx';
import { RegisterFromFile } from '../register/RegisterFromFile.tsx';
import { restorationNav, restorationPages } from '../restoration/pages.tsx';
import { supervisionNav, supervisionPages } from '../supervision/pages.tsx';
import { reclamationNav, reclamationPages } from '../reclamation/pages.tsx';
import { DivisionPicker } from './DivisionPicker.tsx';
import { DivisionScopeProvider } from './division-scope.tsx';
import { LangToggle } from './LangToggle.tsx';
import { ScrollingNav } from './ScrollingNav.tsx';
import { Link, match, navigate, useLocation } from './router.tsx';

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <DivisionScopeProvider>
          <MapProvider>
            <Shell />
          </MapProvider>
        </DivisionScopeProvider>
      </SessionProvider>
    </I18nProvider>
  );
}

interface Page {
  pattern: string;
  /** Who may open it: government staff, or everyone. */
  government: boolean;
  /** A wide panel (dashboards), the map narrower beside it. */
  wide?: boolean;
  render(params: Record<string, string>): ReactNode;
}

/** Pages by capability; later capabilities (supervision, notices) add theirs here. */
const pages: Page[] = [
  { pattern: '/records', government: true, render: () => <RecordList /> },
  { pattern: '/records/:id', government: true, render: (p) => <ParcelPage id={p.id ?? ''} /> },
  { pattern: '/register', government: true, render: () => <RegisterFromFile /> },
  { pattern: '/register/draw', government: true, render: () => <RegisterByDrawing /> },
  { pattern: '/public', government: false, render: () => <PublicView /> },
  ...publicPages,
  ...supervisionPages,
  ...reclamationPages,
  ...restorationPages,
];

function Shell() {
  const { t } = useI18n();
  const session = useSession();
  const { reloadTiles } = useMapControls();
  const { path } = useLocation();
  const [tiandituKey, setTiandituKey] = useState<string | null | undefined>(undefined);
  const state = session.state;
  const government = isGovernment(state);

  useEffect(() => {
    api<{ tiandituKey: string | null }>('/api/client-config')
      .then((c) => setTiandituKey(c.tiandituKey))
      .catch(() => setTiandituKey(null));
  }, []);

  // The tiles depend on who is looking: a login or logout after the map opened reloads them.
  const shownTo = useRef<string | null>(null);
  const viewer = state.status === 'user' ? state.user.id : state.status;
  useEffect(() => {
    if (viewer === 'loading') return;
    if (shownTo.current !== null && shownTo.current !== viewer) reloadTiles();
    shownTo.current = viewer;
  }, [viewer, reloadTiles]);

  if (state.status === 'loading' || tiandituKey === undefined) {
    return <div className="splash">{t('loading')}</div>;
  }
  if (path === '/login') {
    return state.status === 'user' ? <Redirect to="/" /> : <LoginPage />;
  }

  let panel: ReactNode = null;
  let wide = false;
  if (path === '/') panel = government ? <RecordList compact /> : <PublicView />;
  for (const page of pages) {
    const params = match(page.pattern, path);
    if (!params) continue;
    panel = page.government && !government ? <Redirect to="/login" /> : page.render(params);
    wide = page.wide ?? false;
  }
  if (panel === null) {
    panel = (
      <div className="panel-body">
        <h2>{t('notFound')}</h2>
        <Link to="/">{t('backToMap')}</Link>
      </div>
    );
  }

  const nav = government
    ? [
        { to: '/', label: t('navMap') },
        { to: '/records', label: t('navRecords') },
        { to: '/register', label: t('navRegister') },
        ...supervisionNav(state.user.role, t),
        ...reclamationNav(state.user.role, t),
        ...restorationNav(state.user.role, t),
      ]
    : [
        ...publicNav.map((item) => ({ to: item.to, label: t(item.label) })),
        // An enterprise account: its own reclamation obligations.
        ...reclamationNav(session.state.status === 'user' ? session.state.user.role : null, t),
      ];

  return (
    <div className="shell">
      <header className="top">
        <Link to="/" className="brand">
          Reclaim <span>{t('appTitle')}</span>
        </Link>
        <ScrollingNav>
          {nav.map((item) => (
            <Link key={item.to} to={item.to} className={isActive(item.to, path) ? 'active' : ''}>
              {item.label}
            </Link>
          ))}
        </ScrollingNav>
        <div className="who">
          {state.status === 'user' ? (
            <>
              <span className="division" data-testid="division">
                {state.division?.name ?? state.user.divisionCode}
              </span>
              <DivisionPicker ownName={state.division?.name ?? state.user.divisionCode} />
              <span className="user">{state.user.displayName || state.user.username}</span>
              <button
                type="button"
                onClick={() => {
                  void session.logout().then(() => navigate('/'));
                }}
              >
                {t('logout')}
              </button>
            </>
          ) : (
            <>
              <span className="user">{t('publicViewer')}</span>
              <Link to="/login" className="button">
                {t('login')}
              </Link>
            </>
          )}
          <LangToggle />
        </div>
      </header>
      <main className="body">
        <section className={wide ? 'panel wide' : 'panel'}>{panel}</section>
        <MapView tiandituKey={tiandituKey} canOpenRecords={government} />
      </main>
    </div>
  );
}

/** A navigation entry is active on its page and the pages below it (/notices/…). */
function isActive(to: string, path: string): boolean {
  return path === to || (to !== '/' && path.startsWith(`${to}/`));
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
