// The register list: filters (state, text, division; the division picked in the header
// narrows it too), paging, and for each record its term's end with a countdown in working days
// under it (one column, so that the list fits a narrow panel in English). A row opens the parcel page.
import { Pager, usePaging } from '../app/Pager.tsx';
import { useEffect, useState } from 'react';
import { api, ApiError, query } from '../api/http.ts';
import type { RecordSummary } from '../api/types.ts';
import { useDivisionScope } from '../app/division-scope.tsx';
import { Link, navigate } from '../app/router.tsx';
import { formatNumber, useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import { Countdown } from './countdown.tsx';
import { recordStates, stateLabel } from './labels.ts';

const pageSize = 50;
const squareMetresPerMu = 10_000 / 15;

export function RecordList({ compact = false }: { compact?: boolean }) {
  const { t, lang, pick } = useI18n();
  const { select, setOverlay, tilesVersion } = useMapControls();
  const [state, setState] = useState('');
  const [q, setQ] = useState('');
  const [divisionCode, setDivisionCode] = useState('');
  // A division typed into the filter wins over the one picked in the header.
  const { picked } = useDivisionScope();
  const inDivision = divisionCode || picked || '';
  // The page's offset, back to the first page when another county is picked in the header.
  const paging = usePaging(picked ?? '', pageSize);
  const { offset, onOffset: setOffset } = paging;
  const [page, setPage] = useState<{ items: RecordSummary[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setOverlay(null), [setOverlay]);

  useEffect(() => {
    const controller = new AbortController();
    const divisionOk = inDivision === '' || /^\d{6}$/.test(inDivision);
    if (!divisionOk) return;
    api<{ items: RecordSummary[]; total: number }>(
      `/api/register/records${query({ state, q: q.trim(), divisionCode: inDivision, limit: pageSize, offset })}`,
      { signal: controller.signal },
    )
      .then((p) => {
        setPage(p);
        setError(null);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e instanceof ApiError ? pick(e.messageZh, e.message) : String(e));
      });
    return () => controller.abort();
  }, [state, q, inDivision, offset, pick, tilesVersion]);

  return (
    <div className="panel-body">
      <h2>{compact ? t('mapRecords') : t('navRecords')}</h2>
      <div className="filters">
        <input
          type="search"
          placeholder={t('search')}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setOffset(0);
          }}
          aria-label={t('search')}
        />
        <select
          value={state}
          onChange={(e) => {
            setState(e.target.value);
            setOffset(0);
          }}
          aria-label={t('state')}
        >
          <option value="">{t('allStates')}</option>
          {recordStates.map((s) => (
            <option key={s} value={s}>
              {stateLabel(s, lang)}
            </option>
          ))}
        </select>
        {compact ? null : (
          <input
            placeholder={t('divisionCode')}
            value={divisionCode}
            maxLength={6}
            onChange={(e) => {
              setDivisionCode(e.target.value.trim());
              setOffset(0);
            }}
            aria-label={t('division')}
          />
        )}
      </div>
      {error ? <p className="error">{error}</p> : null}
      {!page ? (
        <p className="muted">{t('loading')}</p>
      ) : page.items.length === 0 ? (
        <p className="muted">{t('noRecords')}</p>
      ) : (
        <>
          <table className="records" data-testid="record-list">
            <thead>
              <tr>
                <th>{t('project')}</th>
                <th>{t('state')}</th>
                <th className="num">{t('areaMu')}</th>
                <th>
                  {t('termEnd')}
                  <div className="small">{t('deadline')}</div>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((r) => (
                <tr
                  key={r.id}
                  onMouseEnter={() => select(r.id)}
                  onMouseLeave={() => select(null)}
                  onClick={() => navigate(`/records/${r.id}`)}
                >
                  <td className="project">
                    <Link to={`/records/${r.id}`}>{r.projectName}</Link>
                    <div className="muted small">{r.systemNumber ?? r.approvalNumber ?? ''}</div>
                  </td>
                  <td>
                    <span className={`state state-${r.state}`}>{stateLabel(r.state, lang)}</span>
                  </td>
                  <td className="num">
                    {formatNumber(r.areaM2 === null ? null : r.areaM2 / squareMetresPerMu)}
                  </td>
                  <td className="term">
                    <span className="date">{r.termEnd ?? '—'}</span>
                    {['approved', 'registered', 'in_use'].includes(r.state) ? (
                      <div className="small">
                        <Countdown deadline={r.termEnd} />
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">{t('provisionalNote')}</p>
          <Pager total={page.total} paging={paging} />
        </>
      )}
    </div>
  );
}
