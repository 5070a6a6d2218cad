// Enforcement batch review (卫片执法核查, TL-ENF-01/02): the batches; a batch's change polygons
// on the map coloured covered or by the main cause of their uncovered part, with a legend and
// a list; a polygon's coverage figures, causes, records and its verification workflow.
import { useEffect } from 'react';
import { query } from '../api/http.ts';
import { useDivisionScope } from '../app/division-scope.tsx';
import { Link, navigate } from '../app/router.tsx';
import { formatNumber, useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import { Pager, usePaging } from '../app/Pager.tsx';
import { useFocusOnList, useTileJson, type TileLayers } from './use-tile-json.ts';
import {
  causeLabel,
  coverageCauses,
  coverageColour,
  coverageColours,
  verificationColours,
  verificationLabel,
} from './labels.ts';
import type { EnforcementBatch, PolygonFeatures } from './types.ts';
import { useApi } from './use-api.ts';
import { PolygonReview } from './PolygonReview.tsx';

const base = '/supervision/enforcement';

export function EnforcementPage(props: { batchId?: string; polygonId?: string }) {
  const { setOverlay, setThematic } = useMapControls();
  useEffect(() => setOverlay(null), [setOverlay]);
  // Leaving the enforcement pages takes the polygons off the map.
  useEffect(() => () => setThematic(null), [setThematic]);
  if (!props.batchId) return <BatchList />;
  return <BatchReview batchId={props.batchId} polygonId={props.polygonId ?? null} />;
}

function BatchList() {
  const { t, pick } = useI18n();
  const { setThematic } = useMapControls();
  // A county picked in the header narrows the counts to its polygons.
  const { picked } = useDivisionScope();
  const batches = useApi<{ items: EnforcementBatch[] }>(
    `/api/supervision/enforcement/batches${query({ divisionCode: picked ?? undefined })}`,
  );
  useEffect(() => setThematic(null), [setThematic]);
  return (
    <div className="panel-body" data-testid="enforcement-batches">
      <h2>{t('enforcementTitle')}</h2>
      {batches.error ? <p className="error">{batches.error}</p> : null}
      {batches.data && batches.data.items.length === 0 ? (
        <p className="muted">{t('noData')}</p>
      ) : null}
      <table className="clickable small">
        <thead>
          <tr>
            <th>{t('batchId')}</th>
            <th>{t('month')}</th>
            <th className="num">{t('polygons')}</th>
            <th className="num">{t('coveredCount')}</th>
            <th className="num">{t('partlyCount')}</th>
            <th className="num">{t('uncoveredCount')}</th>
          </tr>
        </thead>
        <tbody>
          {batches.data?.items.map((b) => (
            <tr key={b.id} onClick={() => navigate(`${base}/${b.id}`)} data-batch={b.externalId}>
              <td>
                <Link to={`${base}/${b.id}`}>{b.externalId}</Link>
                <div className="muted">
                  {b.source === 'satellite_enforcement'
                    ? t('sourceSatellite')
                    : t('sourceChangeSurvey')}
                  {b.status === 'superseded' ? ` · ${t('superseded')}` : ''}
                </div>
              </td>
              <td>{b.month}</td>
              <td className="num">{b.inScope.polygons}</td>
              <td className="num">{b.inScope.covered}</td>
              <td className="num">{b.inScope.partlyCovered}</td>
              <td className="num">{b.inScope.uncovered}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        {pick(
          '导入批次：reclaim enforcement import 或 POST /api/supervision/enforcement/batches',
          'Import a batch with `reclaim enforcement import` or POST /api/supervision/enforcement/batches',
        )}
      </p>
    </div>
  );
}

/** Polygons per page of the list (the map shows every one, as tiles). */
const pageSize = 100;

/** The batch's tiles on the map: polygons coloured by coverage kind, counted points zoomed out. */
const coverageLayers: TileLayers = {
  polygonLayer: 'change_polygon',
  pointLayer: 'change_polygon_overview',
  colourBy: 'kind',
  colours: coverageColours,
  fallback: '#9e9e9e',
};

function BatchReview(props: { batchId: string; polygonId: string | null }) {
  const { t, lang } = useI18n();
  const { setThematic } = useMapControls();
  // A county picked in the header narrows the batch's counts, list and map to it.
  const { picked } = useDivisionScope();
  const inCounty = query({ divisionCode: picked ?? undefined });
  const batch = useApi<EnforcementBatch>(
    `/api/supervision/enforcement/batches/${props.batchId}${inCounty}`,
  );
  // A verification changes a polygon: the list reloads, and the map fetches its tiles again.
  const tileJson = useTileJson(
    `/api/supervision/enforcement/batches/${props.batchId}/tiles.json${inCounty}`,
    coverageLayers,
  );
  const { tiles, bounds } = tileJson;
  // The list's page, back to the first when another batch or county is shown.
  const listKey = `${props.batchId}|${picked ?? ''}`;
  const paging = usePaging(listKey, pageSize);
  const polygons = useApi<PolygonFeatures>(
    `/api/supervision/enforcement/polygons${query({
      batchId: props.batchId,
      limit: pageSize,
      offset: paging.offset,
      includeSuperseded: 'true',
      divisionCode: picked ?? undefined,
    })}`,
  );
  const features = polygons.data?.features;

  useEffect(() => {
    // Another batch's or county's polygons do not stay on the map while this TileJSON loads.
    if (!tiles) {
      setThematic(null);
      return;
    }
    setThematic({
      tiles,
      title: t('coverageLegend'),
      legend: [
        { label: t('covered'), colour: coverageColours.covered ?? '' },
        ...coverageCauses.map((c) => ({
          label: causeLabel(c, lang),
          colour: coverageColours[c] ?? '',
        })),
      ],
      selectedId: props.polygonId,
      onClick: (p) => navigate(`${base}/${props.batchId}/${String(p.id)}`),
    });
  }, [tiles, props.polygonId, props.batchId, setThematic, t, lang]);

  useFocusOnList(bounds, polygons, listKey, Boolean(props.polygonId));

  const changed = () => {
    polygons.reload();
    tileJson.refresh();
  };

  if (props.polygonId)
    return (
      <PolygonReview id={props.polygonId} back={`${base}/${props.batchId}`} onChanged={changed} />
    );

  const b = batch.data;
  return (
    <div className="panel-body" data-testid="enforcement-batch">
      <Link to={base}>{t('backToBatches')}</Link>
      <h2>
        {b?.externalId ?? '…'} <span className="muted small">{b?.month}</span>
      </h2>
      {batch.error || polygons.error || tileJson.error ? (
        <p className="error">{batch.error ?? polygons.error ?? tileJson.error}</p>
      ) : null}
      {b ? (
        <dl className="details">
          <dt>{t('source')}</dt>
          <dd>
            {b.source === 'satellite_enforcement' ? t('sourceSatellite') : t('sourceChangeSurvey')}
          </dd>
          <dt>{t('polygons')}</dt>
          <dd>
            {b.inScope.polygons} · {t('coveredCount')} {b.inScope.covered} · {t('partlyCount')}{' '}
            {b.inScope.partlyCovered} · {t('uncoveredCount')} {b.inScope.uncovered}
          </dd>
          <dt>{t('uncoveredByCause')}</dt>
          <dd>
            {coverageCauses.map((c) => (
              <div key={c}>
                <span className="swatch" style={{ background: coverageColours[c] }} />
                {causeLabel(c, lang)}{' '}
                {formatNumber(b.inScope[`${camel(c)}M2` as keyof typeof b.inScope])} m²
              </div>
            ))}
          </dd>
        </dl>
      ) : null}
      <table className="clickable small" data-testid="polygon-list">
        <thead>
          <tr>
            <th>{t('surveyCode')}</th>
            <th className="num">{t('areaM2')}</th>
            <th className="num">{t('coverage')}</th>
            <th>{t('causeCol')}</th>
            <th>{t('verificationCol')}</th>
          </tr>
        </thead>
        <tbody>
          {features?.map((f) => {
            const p = f.properties;
            return (
              <tr
                key={f.id}
                data-polygon={p.surveyCode ?? f.id}
                data-status={p.status ?? ''}
                onClick={() => navigate(`${base}/${props.batchId}/${f.id}`)}
              >
                <td>
                  <span
                    className="swatch"
                    style={{ background: coverageColour(p.status, p.primaryCause) }}
                  />
                  {p.surveyCode ?? f.id.slice(0, 8)}
                </td>
                <td className="num">{formatNumber(p.areaM2, 0)}</td>
                <td className="num">
                  {p.coverage === null ? '—' : `${formatNumber(p.coverage * 100, 1)}%`}
                </td>
                <td>
                  {p.status === 'covered' || !p.primaryCause
                    ? t('covered')
                    : causeLabel(p.primaryCause, lang)}
                </td>
                <td>
                  <span
                    className="chip"
                    style={{ background: verificationColours[p.verification] ?? '#9e9e9e' }}
                  >
                    {verificationLabel(p.verification, lang)}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Pager total={polygons.data?.total} paging={paging} />
    </div>
  );
}

/** `use_differs` → `useDiffers`: the batch counts name their areas in camel case. */
function camel(cause: string): string {
  return cause.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}
