// What the public sees without logging in: the published approvals (OGC API – Features,
// which answers the public with published records only) in a list and on the map.
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/http.ts';
import { formatNumber, useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import { stateLabel, labelOfUse } from '../register/labels.ts';

interface PublishedApproval {
  type: 'Feature';
  id: string;
  geometry: GeoJSON.Geometry | null;
  properties: {
    projectName?: string;
    approvalNumber?: string | null;
    useType?: string;
    state?: string;
    termStart?: string | null;
    termEnd?: string | null;
    areaM2?: number | null;
    disclosurePublishedOn?: string | null;
  };
}

const squareMetresPerMu = 10_000 / 15;

/** How many approvals the list asks for (the map shows them all). */
const listLimit = 200;

/** Newest publication first, then by approval number: an order that does not change between visits. */
function newestFirst(a: PublishedApproval, b: PublishedApproval): number {
  const byDate = (b.properties.disclosurePublishedOn ?? '').localeCompare(
    a.properties.disclosurePublishedOn ?? '',
  );
  return (
    byDate || (a.properties.approvalNumber ?? '').localeCompare(b.properties.approvalNumber ?? '')
  );
}

export function PublicView() {
  const { t, lang, pick } = useI18n();
  const { focusOn, select, setOverlay } = useMapControls();
  const [items, setItems] = useState<PublishedApproval[] | null>(null);
  /** All published approvals, when there are more than the list shows. */
  const [matched, setMatched] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setOverlay(null), [setOverlay]);

  useEffect(() => {
    api<{ features: PublishedApproval[]; numberMatched?: number }>(
      `/ogc/collections/temporary-land/items?limit=${listLimit}`,
    )
      .then((page) => {
        setItems([...page.features].sort(newestFirst));
        setMatched(
          page.numberMatched !== undefined && page.numberMatched > page.features.length
            ? page.numberMatched
            : null,
        );
      })
      .catch((e: unknown) =>
        setError(e instanceof ApiError ? pick(e.messageZh, e.message) : String(e)),
      );
  }, [pick]);

  return (
    <div className="panel-body">
      <h2>{t('publicTitle')}</h2>
      <p className="muted small">{t('publicHint')}</p>
      {error ? <p className="error">{error}</p> : null}
      {!items ? (
        <p className="muted">{t('loading')}</p>
      ) : items.length === 0 ? (
        <p className="muted">{t('noRecords')}</p>
      ) : (
        <ul className="cards" data-testid="public-list">
          {items.map((f) => {
            const p = f.properties;
            return (
              <li key={f.id}>
                <button
                  type="button"
                  className="card"
                  onClick={() => {
                    select(String(f.id));
                    if (f.geometry) focusOn(f.geometry);
                  }}
                >
                  <strong>{p.projectName}</strong>
                  <span>
                    {t('approvalNumber')}：{p.approvalNumber ?? '—'}
                  </span>
                  <span>
                    {labelOfUse(p.useType, lang)} · {stateLabel(p.state ?? '', lang)} ·{' '}
                    {formatNumber(p.areaM2 ? p.areaM2 / squareMetresPerMu : null)}{' '}
                    {pick('亩', 'mu')}
                  </span>
                  <span className="muted small">
                    {p.termStart ?? '—'} ~ {p.termEnd ?? '—'} · {t('published')}{' '}
                    {p.disclosurePublishedOn ?? '—'}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {items && matched !== null ? (
        <p className="muted small" data-testid="public-list-more">
          {t('publicListMore')
            .replace('{shown}', String(items.length))
            .replace('{all}', String(matched))}
        </p>
      ) : null}
    </div>
  );
}
