// The notice board (公告公示, PN-01/02) as the public sees it: notices open for objections
// first (the soonest to end on top), then the others, latest published first, a page at a
// time; each with its kind, dates and the window left in working or calendar days as its kind
// counts them. With `acceptance`, only the reclamation acceptance results (土地复垦验收结果公示).
// The places of the notices listed are drawn on the map.
import { useEffect, useMemo } from 'react';
import { query } from '../api/http.ts';
import { Pager, usePaging } from '../app/Pager.tsx';
import { useApi } from '../supervision/use-api.ts';
import { Link, navigate } from '../app/router.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import { NoticeWindow, noticeTitle } from './notice-parts.tsx';
import type { PublicNotice } from './types.ts';
import './public.css';

export const acceptanceKind = 'reclamation_acceptance';

/** Open ones in the order the board shows them: the soonest to end on top. */
function byEnd(a: PublicNotice, b: PublicNotice): number {
  return (a.window?.endsOn ?? '').localeCompare(b.window?.endsOn ?? '');
}

/** Notices open for objections read at once (a province has tens at a time); ended ones paged. */
const openLimit = 500;
const endedPageSize = 20;

type NoticePage = { items: PublicNotice[]; total: number };

export function NoticeBoard({ acceptance = false }: { acceptance?: boolean }) {
  const { t, lang } = useI18n();
  const { setOverlay, focusOn } = useMapControls();
  const kindCode = acceptance ? acceptanceKind : undefined;
  const openPage = useApi<NoticePage>(
    `/api/notices${query({ open: 'true', kindCode, limit: openLimit })}`,
  );
  // The ended ones, latest published first (the API's order), back to the first page when the
  // board changes.
  const paging = usePaging(String(acceptance), endedPageSize);
  const endedPage = useApi<NoticePage>(
    `/api/notices${query({ open: 'false', kindCode, limit: endedPageSize, offset: paging.offset })}`,
  );
  const error = openPage.error ?? endedPage.error;
  // The last page read stays listed while the next loads (no flicker when paging).
  const open = useMemo(
    () => (openPage.data ? [...openPage.data.items].sort(byEnd) : null),
    [openPage.data],
  );
  const ended = endedPage.data?.items ?? null;

  // The places of the notices shown on the map, for as long as the board is shown.
  useEffect(() => {
    const features: GeoJSON.Feature[] = [...(open ?? []), ...(ended ?? [])]
      .filter((n) => n.place)
      .map((n) => ({ type: 'Feature', geometry: n.place!, properties: { id: n.id } }));
    const overlay: GeoJSON.FeatureCollection | null = features.length
      ? { type: 'FeatureCollection', features }
      : null;
    setOverlay(overlay);
    focusOn(overlay);
    return () => setOverlay(null);
  }, [open, ended, setOverlay, focusOn]);

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
      {!open || !ended || !openPage.data || !endedPage.data ? (
        error ? null : (
          <p className="muted">{t('loading')}</p>
        )
      ) : openPage.data.total + endedPage.data.total === 0 ? (
        <p className="muted">{t('noNotices')}</p>
      ) : (
        <>
          {open.length > 0 ? (
            <>
              <h3>
                {t('openNotices')} ({openPage.data.total})
              </h3>
              <ul className="cards" data-testid="open-notices">
                {open.map(card)}
              </ul>
              {openPage.data.total > open.length ? (
                <p className="muted small">{t('firstOpenNotices', { n: open.length })}</p>
              ) : null}
            </>
          ) : null}
          {ended.length > 0 ? (
            <>
              <h3>
                {t('endedNotices')} ({endedPage.data.total})
              </h3>
              <ul className="cards" data-testid="ended-notices">
                {ended.map(card)}
              </ul>
              <Pager total={endedPage.data.total} paging={paging} />
            </>
          ) : null}
          {[...open, ...ended].some((n) => n.window?.provisional) ? (
            <p className="muted small">{t('provisionalWindow')}</p>
          ) : null}
        </>
      )}
    </div>
  );
}
