// Back-fill review (存量补录, TL-STOCK-01): the county batches and their 2021 polygons with
// the class the classifier gave and why, the evidence, the orders and cases that followed;
// a supervisor confirms the class or overrides it with a reason. The filtered polygons are on
// the map as vector tiles coloured by class (counted points zoomed out); a click on one opens
// it; the list beside pages them. The filters live in the page's query.
import { useEffect } from 'react';
import { query as apiQuery } from '../api/http.ts';
import { useDivisionScope } from '../app/division-scope.tsx';
import { Link, navigate, useLocation } from '../app/router.tsx';
import { formatNumber, useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import { Pager, usePaging } from '../app/Pager.tsx';
import { useFocusOnList, useTileJson, type TileLayers } from './use-tile-json.ts';
import { stateLabel } from '../register/labels.ts';
import { backfillClasses, classColours, classLabel, classLetters } from './labels.ts';
import { BackfillPolygonPage, projectNameOf } from './BackfillPolygonPage.tsx';
import type { BackfillBatch, BackfillPolygon } from './types.ts';
import { useApi } from './use-api.ts';

const base = '/supervision/backfill';

export function BackfillPage(props: { polygonId?: string }) {
  const { setOverlay } = useMapControls();
  const { search } = useLocation();
  const filter = { batchId: search.get('batch') ?? '', klass: search.get('class') ?? '' };
  const query = filterQuery(filter);
  useEffect(() => setOverlay(null), [setOverlay]);
  const layer = useBackfillLayer(props.polygonId ?? null, filter, query);
  return props.polygonId ? (
    <BackfillPolygonPage
      key={props.polygonId}
      id={props.polygonId}
      back={`${base}${query}`}
      onChanged={layer.refresh}
    />
  ) : (
    <BackfillList filter={filter} query={query} bounds={layer.bounds} mapError={layer.error} />
  );
}

interface Filter {
  batchId: string;
  klass: string;
}

/** The list's filters as the page's query string (`?batch=…&class=…`, or empty). */
function filterQuery(filter: Filter): string {
  const params = new URLSearchParams();
  if (filter.batchId) params.set('batch', filter.batchId);
  if (filter.klass) params.set('class', filter.klass);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The API's filters for the same polygons, narrowed to the county picked in the header. */
function apiFilter(filter: Filter, county: string | null): Record<string, string | undefined> {
  return {
    batchId: filter.batchId || undefined,
    class: filter.klass || undefined,
    divisionCode: county ?? undefined,
  };
}

/** The polygons on the map: filled by class, counted points zoomed out. */
const classLayers: TileLayers = {
  polygonLayer: 'backfill_polygon',
  pointLayer: 'backfill_polygon_overview',
  colourBy: 'class',
  colours: classColours,
  fallback: '#9e9e9e',
};

/**
 * The filtered polygons on the map as vector tiles, coloured by class; a click on one opens
 * it. Returns their bounds (for the list to move the map to), the TileJSON's error, and a
 * refresh for after a review: the map fetches its tiles again.
 */
function useBackfillLayer(polygonId: string | null, filter: Filter, query: string) {
  const { t, lang } = useI18n();
  const { setThematic } = useMapControls();
  const { picked } = useDivisionScope();
  const { tiles, bounds, error, refresh } = useTileJson(
    `/api/supervision/backfill/tiles.json${apiQuery(apiFilter(filter, picked))}`,
    classLayers,
  );
  useEffect(() => {
    // Another filter's polygons do not stay on the map while this one's TileJSON loads.
    if (!tiles) {
      setThematic(null);
      return;
    }
    setThematic({
      tiles,
      title: t('classCol'),
      legend: backfillClasses.map((c) => ({
        label: `${classLetters[c]} · ${classLabel(c, lang)}`,
        colour: classColours[c] ?? '',
      })),
      selectedId: polygonId,
      onClick: (p) => navigate(`${base}/${String(p.id)}${query}`),
    });
  }, [tiles, polygonId, query, setThematic, t, lang]);
  // Leaving the back-fill pages takes the polygons off the map.
  useEffect(() => () => setThematic(null), [setThematic]);
  return { bounds, error, refresh };
}

/** Polygons per page of the list (the map shows every one, as tiles). */
const pageSize = 100;

function BackfillList({
  filter,
  query,
  bounds,
  mapError,
}: {
  filter: Filter;
  query: string;
  /** The bounds of the polygons on the map, once their TileJSON is read. */
  bounds: [number, number, number, number] | null;
  mapError: string | null;
}) {
  const { t, lang } = useI18n();
  const { batchId, klass } = filter;
  const setFilter = (next: Filter) => navigate(`${base}${filterQuery(next)}`, { replace: true });
  const batches = useApi<{ items: BackfillBatch[] }>('/api/supervision/backfill/batches');
  const { picked } = useDivisionScope();
  // The list's page, back to the first when the filter or the county changes.
  const listKey = `${query}|${picked ?? ''}`;
  const paging = usePaging(listKey, pageSize);
  const polygons = useApi<{ items: BackfillPolygon[]; total: number }>(
    `/api/supervision/backfill/polygons${apiQuery({ ...apiFilter(filter, picked), limit: pageSize, offset: paging.offset })}`,
  );
  useFocusOnList(bounds, polygons, listKey);
  return (
    <div className="panel-body" data-testid="backfill">
      <h2>{t('backfillTitle')}</h2>
      {batches.error ? <p className="error">{batches.error}</p> : null}
      <h3>{t('batches')}</h3>
      <table className="small clickable">
        <tbody>
          {batches.data?.items.map((b) => (
            <tr
              key={b.id}
              className={batchId === b.id ? 'selected' : ''}
              onClick={() => setFilter({ klass, batchId: batchId === b.id ? '' : b.id })}
            >
              <td>
                {b.source}
                <div className="muted">
                  {b.divisionCode} · {b.surveyYear} · {t('asOfDate')} {b.asOf}
                </div>
              </td>
              <td className="num">
                {backfillClasses.map((c) => (
                  <span key={c} title={classLabel(c, lang)}>
                    {' '}
                    {classLetters[c]}:{b.counts.byClass[c] ?? 0}
                  </span>
                ))}
                {b.counts.reviewDue > 0 ? (
                  <div className="error">
                    {t('reviewDue')} {b.counts.reviewDue}
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('polygons')}</h3>
      <div className="filters">
        <select
          value={klass}
          onChange={(e) => setFilter({ batchId, klass: e.target.value })}
          aria-label={t('classCol')}
        >
          <option value="">{t('classCol')}</option>
          {backfillClasses.map((c) => (
            <option key={c} value={c}>
              {classLabel(c, lang)}
            </option>
          ))}
        </select>
      </div>
      {(polygons.error ?? mapError) ? <p className="error">{polygons.error ?? mapError}</p> : null}
      <table className="small clickable" data-testid="backfill-polygons">
        <thead>
          <tr>
            <th>{t('surveyCode')}</th>
            <th>{t('classCol')}</th>
            <th className="num">{t('areaM2')}</th>
            <th>{t('state')}</th>
          </tr>
        </thead>
        <tbody>
          {polygons.data?.items.map((p) => (
            <tr
              key={p.id}
              onClick={() => navigate(`${base}/${p.id}${query}`)}
              data-polygon={p.surveyCode}
            >
              <td>
                <span className="swatch" style={{ background: classColours[p.class] }} />
                <Link to={`${base}/${p.id}${query}`}>{p.surveyCode ?? p.id.slice(0, 8)}</Link>
                <div className="muted">{projectNameOf(p)}</div>
              </td>
              <td>
                <strong>{p.letter}</strong> {lang === 'zh' ? p.className.zh : p.className.en}
                {p.override ? <span className="muted"> · {t('overridden')}</span> : null}
                {p.reviewDue ? <span className="error"> · {t('reviewDue')}</span> : null}
              </td>
              <td className="num">{formatNumber(p.areaM2, 0)}</td>
              <td>{p.recordState ? stateLabel(p.recordState, lang) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager total={polygons.data?.total} paging={paging} />
    </div>
  );
}
