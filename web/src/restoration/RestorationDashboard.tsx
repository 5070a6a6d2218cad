// The restoration dashboard (/api/restoration/dashboard): target and restored area by
// restoration type, the same by county and type, and each project's vegetation-cover trend.
// Every chart has its numbers in a table beside it.
import { useEffect, useMemo } from 'react';
import { Link } from '../app/router.tsx';
import { formatNumber, useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import { Chart, type ChartOption } from '../supervision/Chart.tsx';
import { useApi } from '../supervision/use-api.ts';
import { hectares, stateLabel, trendLabel, typeColours, typeLabel } from './labels.ts';
import type { RestorationDashboard as Dashboard } from './types.ts';

const ha = (m2: number) => Math.round(hectares(m2) * 100) / 100;

export function RestorationDashboard() {
  const { t, lang } = useI18n();
  const { setOverlay, setThematic } = useMapControls();
  const dashboard = useApi<Dashboard>('/api/restoration/dashboard');
  useEffect(() => {
    setOverlay(null);
    setThematic(null);
  }, [setOverlay, setThematic]);
  const d = dashboard.data;

  const byTypeOption = useMemo<ChartOption | null>(() => {
    if (!d) return null;
    return {
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 56, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: d.byType.map((r) => typeLabel(r.type, lang)) },
      yAxis: { type: 'value', name: lang === 'zh' ? '公顷' : 'ha' },
      series: [
        {
          type: 'bar',
          name: t('restTargetCol'),
          itemStyle: { color: '#b0bec5' },
          data: d.byType.map((r) => ha(r.targetM2)),
        },
        {
          type: 'bar',
          name: t('restRestoredCol'),
          itemStyle: { color: '#00897b' },
          data: d.byType.map((r) => ({
            value: ha(r.restoredM2),
            itemStyle: { color: typeColours[r.type] ?? '#00897b' },
          })),
        },
      ],
    };
  }, [d, lang, t]);

  // A time axis: measurements fall on any date, and the gaps between them should show.
  const coverOption = useMemo<ChartOption | null>(() => {
    if (!d) return null;
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 44, right: 24, top: 36, bottom: 28 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: d.vegetationCover.map((p) => ({
        type: 'line' as const,
        name: p.name,
        symbolSize: 7,
        data: p.series.map((s) => [s.measuredOn, s.pct]),
      })),
    };
  }, [d]);

  return (
    <div className="panel-body" data-testid="restoration-dashboard">
      <h2>{t('restDashboardTitle')}</h2>
      {dashboard.error ? <p className="error">{dashboard.error}</p> : null}
      {!d ? <p className="muted">{t('loading')}</p> : null}
      {d ? <p className="muted">{t('restProjectsCount', { n: d.projects })}</p> : null}
      {d && byTypeOption ? (
        <section className="dashboard-section">
          <h3>{t('restAreaByType')}</h3>
          <Chart option={byTypeOption} testId="chart-rest-by-type" height={260} />
          <table className="small" data-testid="table-rest-by-type">
            <thead>
              <tr>
                <th>{t('restType')}</th>
                <th className="num">{t('restTargetCol')}</th>
                <th className="num">{t('restRestoredCol')}</th>
              </tr>
            </thead>
            <tbody>
              {d.byType.map((r) => (
                <tr key={r.type} data-type={r.type}>
                  <td>{typeLabel(r.type, lang)}</td>
                  <td className="num">{formatNumber(hectares(r.targetM2))}</td>
                  <td className="num restored">{formatNumber(hectares(r.restoredM2))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {d ? (
        <section className="dashboard-section">
          <h3>{t('restAreaByCounty')}</h3>
          <table className="small" data-testid="table-rest-by-county">
            <thead>
              <tr>
                <th>{t('restDivision')}</th>
                <th>{t('restType')}</th>
                <th className="num">{t('restProjectsCol')}</th>
                <th className="num">{t('restTargetCol')}</th>
                <th className="num">{t('restRestoredCol')}</th>
              </tr>
            </thead>
            <tbody>
              {d.byCountyAndType.map((r) => (
                <tr key={`${r.divisionCode}-${r.type}`} data-division={r.divisionCode}>
                  <td>{r.divisionName}</td>
                  <td>{typeLabel(r.type, lang)}</td>
                  <td className="num">{r.projects}</td>
                  <td className="num">{formatNumber(hectares(r.targetM2))}</td>
                  <td className="num">{formatNumber(hectares(r.restoredM2))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {d && coverOption ? (
        <section className="dashboard-section">
          <h3>{t('restCoverTrends')}</h3>
          <Chart option={coverOption} testId="chart-rest-cover" height={260} />
          <table className="small" data-testid="table-rest-cover">
            <thead>
              <tr>
                <th>{t('restName')}</th>
                <th>{t('restState')}</th>
                <th className="num">{t('restLatestCover')}</th>
                <th className="num">{t('restTargetCover')}</th>
                <th>{t('restTrend')}</th>
              </tr>
            </thead>
            <tbody>
              {d.vegetationCover.map((p) => (
                <tr key={p.projectId} data-project={p.projectId}>
                  <td>
                    <Link to={`/restoration/projects/${p.projectId}`}>{p.name}</Link>
                  </td>
                  <td>{stateLabel(p.state, lang)}</td>
                  <td className="num">
                    {p.series.length > 0 ? `${p.series[p.series.length - 1]?.pct}%` : '—'}
                  </td>
                  <td className="num">{p.targetPct === null ? '—' : `${p.targetPct}%`}</td>
                  <td>{trendLabel(p.trend, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
