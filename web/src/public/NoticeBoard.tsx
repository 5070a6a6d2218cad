// The notice board (公告公示, PN-01/02) as the public sees it: notices open for objections
// first (the soonest to end on top), then those that have ended; each with its kind, dates
// and the window left in working or calendar days as its kind counts them. With
// `acceptance`, only the reclamation acceptance results (土地复垦验收结果公示). The notices'
// places are drawn on the map.
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/http.ts';
import { Link, navigate } from '../app/router.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import { NoticeWindow, noticeTitle } from './notice-parts.tsx';
import type { PublicNotice } from './types.ts';
import './public.css';

export const acceptanceKind = 'reclamation_acceptance';

/** Open ones first, the soonest to end on top; then the rest, the latest published first. */
export function boardOrder(a: PublicNotice, b: PublicNotice): number {
  const openA = a.window?.open ? 1 : 0;
  const openB = b.window?.open ? 1 : 0;
  if (openA !== openB) return openB - openA;
  if (openA) return (a.window?.endsOn ?? '').localeCompare(b.window?.endsOn ?? '');
  return (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '');
}

export function NoticeBoard({ acceptance = false }: { acceptance?: boolean }) {
  const { t, lang, pick } = useI18n();
  const { setOverlay, focusOn } = useMapControls();
  const [notices, setNotices] = useState<PublicNotice[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<{ items: PublicNotice[] }>(
      `/api/notices?limit=500${acceptance ? `&kindCode=${acceptanceKind}` : ''}`,
    )
      .then((page) => setNotices([...page.items].sort(boardOrder)))
      .catch((e: unknown) =>
        setError(e instanceof ApiError ? pick(e.messageZh, e.message) : String(e)),
      );
  }, [acceptance, pick]);

  // The places of the notices on the map, for as long as the board is shown.
  useEffect(() => {
    const features: GeoJSON.Feature[] = (notices ?? [])
      .filter((n) => n.place)
      .map((n) => ({ type: 'Feature', geometry: n.place!, properties: { id: n.id } }));
    const overlay: GeoJSON.FeatureCollection | null = features.length
      ? { type: 'FeatureCollection', features }
      : null;
    setOverlay(overlay);
    focusOn(overlay);
    return () => setOverlay(null);
  }, [notices, setOverlay, focusOn]);

  const open = (notices ?? []).filter((n) => n.window?.open);
  const ended = (notices ?? []).filter((n) => !n.window?.open);

  const card = (n: PublicNotice) => (
    <li key={n.id}>
      <button
        type="button"
        className="card notice-card"
        onClick={() => {
          if (n.place) focusOn(n.place);
          navigate(`/notices/${n.id}`);
        }}
      >
        <span className="notice-kind">{n.kind.name[lang]}</span>
        <strong>{noticeTitle(n, lang)}</strong>
        <span className="muted small">
          {n.divisionName} · {t('publishedOn')} {n.window?.publishedOn ?? '—'}
        </span>
        <NoticeWindow notice={n} />
      </button>
    </li>
  );

  return (
    <div
      className="panel-body public-page"
      data-testid={acceptance ? 'acceptance-board' : 'notice-board'}
    >
      <div className="tabs" role="tablist">
        <Link to="/notices" className={acceptance ? '' : 'active'}>
          {t('tabAllNotices')}
        </Link>
        <Link to="/acceptance" className={acceptance ? 'active' : ''}>
          {t('tabAcceptance')}
        </Link>
      </div>
      <h2>{t(acceptance ? 'acceptanceTitle' : 'noticesTitle')}</h2>
      <p className="muted small">{t(acceptance ? 'acceptanceHint' : 'noticesHint')}</p>
      {error ? <p className="error">{error}</p> : null}
      {!notices ? (
        <p className="muted">{t('loading')}</p>
      ) : notices.length === 0 ? (
        <p className="muted">{t('noNotices')}</p>
      ) : (
        <>
          {open.length > 0 ? (
            <>
              <h3>
                {t('openNotices')} ({open.length})
              </h3>
              <ul className="cards" data-testid="open-notices">
                {open.map(card)}
              </ul>
            </>
          ) : null}
          {ended.length > 0 ? (
            <>
              <h3>
                {t('endedNotices')} ({ended.length})
              </h3>
              <ul className="cards" data-testid="ended-notices">
                {ended.map(card)}
              </ul>
            </>
          ) : null}
          {notices.some((n) => n.window?.provisional) ? (
            <p className="muted small">{t('provisionalWindow')}</p>
          ) : null}
        </>
      )}
    </div>
  );
}
