// Reclamation for clerks and supervisors (/api/reclamation/summary): obligations open and
// overdue (TL-RECL-01), deposits held and released (TL-RECL-06), acceptances near or over their
// 60 working days (TL-RECL-05), the area reclaimed by land class and county as a chart with its
// numbers beside it; then the obligations themselves, overdue ones flagged. Loaded as its own
// chunk with ECharts.
import { useEffect, useMemo, useState } from 'react';
import { query } from '../api/http.ts';
import { navigate } from '../app/router.tsx';
import { Pager, usePaging } from '../app/Pager.tsx';
import { formatNumber, useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import { Chart, type ChartOption } from '../supervision/Chart.tsx';
import { useApi } from '../supervision/use-api.ts';
import { useDivisionNames } from './division-names.ts';
import { landClassKeys, yuan } from './labels.ts';
import type { ObligationSummary, Page, ReclamationSummary } from './types.ts';

const classColours = ['#8bc34a', '#33691e', '#2e7d32', '#cddc39', '#9e9e9e', '#bcaaa4'];

/** Obligations per page of the list. */
const pageSize = 100;

export default function ReclamationDashboard() {
  const { t, lang } = useI18n();
  const { setOverlay, setThematic } = useMapControls();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const summary = useApi<ReclamationSummary>('/api/reclamation/summary');
  const paging = usePaging(String(overdueOnly), pageSize);
  const obligations = useApi<Page<ObligationSummary>>(
    `/api/reclamation/obligations${query({ limit: pageSize, offset: paging.offset, overdue: overdueOnly ? 'true' : undefined })}`,
  );
  useEffect(() => {
    setOverlay(null);
    setThematic(null);
  }, [setOverlay, setThematic]);

  const s = summary.data;
  const names = useDivisionNames(s?.divisions.map((d) => d.divisionCode) ?? []);
  const nameOf = (code: string) => names[code] ?? code;
  const totals = useMemo(() => {
    const sum = (f: (d: ReclamationSummary['divisions'][number]) => number) =>
      (s?.divisions ?? []).reduce((acc, d) => acc + f(d), 0);
    return {
      open: sum((d) => d.open),
      overdue: sum((d) => d.overdue),
      held: sum((d) => d.heldYuan),
      released: sum((d) => d.releasedYuan),
      accepted: sum((d) => d.accepted),
      near: sum((d) => d.acceptancesNear),
      late: sum((d) => d.acceptancesOverdue),
    };
  }, [s]);
  const chart: ChartOption | null = s
    ? {
        animation: false,
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0 },
        grid: { left: 64, right: 16, top: 48, bottom: 24 },
        xAxis: { type: 'category', data: s.divisions.map((d) => nameOf(d.divisionCode)) },
        yAxis: { type: 'value', name: t('squareMetres') },
        series: landClassKeys.map((k, i) => ({
          type: 'bar' as const,
          name: t(k),
          stack: 'reclaimed',
          itemStyle: { color: classColours[i] ?? '#999' },
          data: s.divisions.map((d) => d.reclaimed[k]),
        })),
      }
    : null;

  return (
    <div className="panel-body reclamation" data-testid="reclamation-dashboard">
      <h2>{t('reclDashboardTitle')}</h2>
      {summary.error ? <p className="error">{summary.error}</p> : null}
      {s ? (
        <>
          <p className="muted small">
            {t('asOfDate')} {s.asOf}
          </p>
          <div className="cards totals" data-testid="reclamation-totals">
            <div className="card">
              <span className="muted">{t('reclOpenObligations')}</span>
              <strong>{totals.open}</strong>
            </div>
            <div className={totals.overdue > 0 ? 'card alert' : 'card'}>
              <span className="muted">{t('reclOverdueObligations')}</span>
              <strong data-testid="total-overdue">{totals.overdue}</strong>
            </div>
            <div className="card">
              <span className="muted">{t('reclHeld')}</span>
              <strong data-testid="total-held">{yuan(totals.held, lang)}</strong>
            </div>
            <div className="card">
              <span className="muted">{t('reclReleased')}</span>
              <strong data-testid="total-released">{yuan(totals.released, lang)}</strong>
            </div>
            <div className="card">
              <span className="muted">{t('reclAccepted')}</span>
              <strong>{totals.accepted}</strong>
            </div>
            <div className={totals.near + totals.late > 0 ? 'card alert' : 'card'}>
              <span className="muted">{t('reclAcceptancesDue')}</span>
              <strong>
                {totals.near} / {totals.late}
              </strong>
            </div>
          </div>
          <h3>{t('reclReclaimedByClass')}</h3>
          {chart ? <Chart option={chart} testId="chart-reclaimed" height={260} /> : null}
          <table className="small" data-testid="summary-divisions">
            <thead>
              <tr>
                <th>{t('reclCounty')}</th>
                <th className="num">{t('reclOpenObligations')}</th>
                <th className="num">{t('reclOverdueObligations')}</th>
                <th className="num">{t('reclHeld')}</th>
                <th className="num">{t('reclReleased')}</th>
                <th className="num">{t('reclReclaimedM2')}</th>
              </tr>
            </thead>
            <tbody>
              {s.divisions.map((d) => (
                <tr key={d.divisionCode} data-division={d.divisionCode}>
                  <td>{nameOf(d.divisionCode)}</td>
                  <td className="num">{d.open}</td>
                  <td className={d.overdue > 0 ? 'num error' : 'num'}>{d.overdue}</td>
                  <td className="num">{yuan(d.heldYuan, lang)}</td>
                  <td className="num">{yuan(d.releasedYuan, lang)}</td>
                  <td className="num" data-testid="reclaimed-m2">
                    {formatNumber(landClassKeys.reduce((acc, k) => acc + d.reclaimed[k], 0))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p className="muted">{t('loading')}</p>
      )}

      <h3>{t('reclObligations')}</h3>
      <div className="filters">
        <label>
          <input
            type="checkbox"
            name="overdueOnly"
            checked={overdueOnly}
            onChange={(e) => setOverdueOnly(e.target.checked)}
          />{' '}
          {t('onlyOverdue')}
        </label>
        {obligations.data ? (
          <span className="muted">{t('total', { n: obligations.data.total })}</span>
        ) : null}
      </div>
      {obligations.error ? <p className="error">{obligations.error}</p> : null}
      <table className="small clickable" data-testid="obligations">
        <thead>
          <tr>
            <th>{t('project')}</th>
            <th>{t('reclDeadline')}</th>
            <th className="num">{t('reclHeld')}</th>
            <th>{t('reclStatusCol')}</th>
          </tr>
        </thead>
        <tbody>
          {obligations.data?.items.map((o) => (
            <tr
              key={o.id}
              className={o.deadline?.overdue ? 'overdue' : ''}
              data-overdue={o.deadline?.overdue ?? false}
              onClick={() => navigate(`/reclamation/obligations/${o.id}`)}
            >
              <td>
                {o.projectName}
                <div className="muted">{o.systemNumber ?? ''}</div>
              </td>
              <td className="date">
                {o.deadline?.deadline ?? '—'}
                {o.deadline?.overdue ? (
                  <div className="error">{t('daysOver', { n: -o.deadline.daysLeft })}</div>
                ) : null}
              </td>
              <td className="num">{yuan(o.heldYuan, lang)}</td>
              <td>{t(`reclStatus_${o.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager total={obligations.data?.total} paging={paging} />
    </div>
  );
}
