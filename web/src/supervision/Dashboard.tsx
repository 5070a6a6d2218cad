// The supervisor's dashboard: stored findings by rule, county and month first seen
// (/api/supervision/findings/stats), the county 20% brake of a year (TL-SUP-06) and the
// ranking of the divisions below the caller's as of a date (TL-SUP-05). Each chart has its
// numbers in a table beside it. Loaded as its own chunk (ECharts stays out of the map page).
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { query } from '../api/http.ts';
import { useDivisionScope } from '../app/division-scope.tsx';
import { formatNumber, todayInShanghai, useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import { Chart, type ChartOption } from './Chart.tsx';
import { mu, ruleName } from './labels.ts';
import type { CountyBrake, FindingStats, Ranking } from './types.ts';
import { useApi } from './use-api.ts';
import { DateInput } from '../app/DateInput.tsx';

const colours = { error: '#c62828', warning: '#f9a825', resolved: '#9e9e9e', live: '#1e6fb8' };

/** A stacked bar chart of live errors, live warnings and resolved findings per category. */
function findingsBars(
  categories: string[],
  rows: { liveErrors: number; liveWarnings: number; live: number; total: number }[],
  names: { errors: string; warnings: string; resolved: string },
  horizontal: boolean,
): ChartOption {
  const categoryAxis = {
    type: 'category' as const,
    data: categories,
    ...(horizontal ? { inverse: true } : {}),
  };
  const valueAxis = { type: 'value' as const, minInterval: 1 };
  const series = (name: string, colour: string, values: number[]) => ({
    type: 'bar' as const,
    name,
    stack: 'findings',
    itemStyle: { color: colour },
    data: values,
  });
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: horizontal ? 90 : 40, right: 16, top: 32, bottom: 24 },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: [
      series(
        names.errors,
        colours.error,
        rows.map((r) => r.liveErrors),
      ),
      series(
        names.warnings,
        colours.warning,
        rows.map((r) => r.liveWarnings),
      ),
      series(
        names.resolved,
        colours.resolved,
        rows.map((r) => r.total - r.live),
      ),
    ],
  };
}

/** A table of live and all findings per row; each row carries its key as `data-{keyName}`. */
function CountsTable(props: {
  testId: string;
  keyName: string;
  heading: string;
  rows: { key: string; label: ReactNode; counts: { live: number; total: number } }[];
}) {
  const { t } = useI18n();
  return (
    <table className="small" data-testid={props.testId}>
      <thead>
        <tr>
          <th>{props.heading}</th>
          <th className="num">{t('liveFindings')}</th>
          <th className="num">{t('allFindings')}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.key} {...{ [`data-${props.keyName}`]: row.key }}>
            <td>{row.label}</td>
            <td className="num live">{row.counts.live}</td>
            <td className="num total">{row.counts.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function Dashboard() {
  const { t, lang } = useI18n();
  const { setOverlay, setThematic } = useMapControls();
  const [asOf, setAsOf] = useState(todayInShanghai());
  const [year, setYear] = useState(Number(todayInShanghai().slice(0, 4)));
  // A county picked in the header narrows every figure to it: the findings by the API's
  // filter, the brake and the ranking to that county's row (among the counties).
  const { picked, pickedName } = useDivisionScope();
  const stats = useApi<FindingStats>(
    `/api/supervision/findings/stats${query({ divisionCode: picked ?? undefined })}`,
  );
  const brakes = useApi<{ items: CountyBrake[] }>(
    `/api/supervision/county-brake${query({ year })}`,
  );
  const ranking = useApi<Ranking>(
    /^\d{4}-\d{2}-\d{2}$/.test(asOf)
      ? `/api/supervision/reports/rankings${query({ asOf, level: picked ? 'county' : undefined })}`
      : null,
  );

  useEffect(() => {
    setOverlay(null);
    setThematic(null);
  }, [setOverlay, setThematic]);

  const names = useMemo(
    () => ({
      errors: t('liveErrors'),
      warnings: t('liveWarnings'),
      resolved: t('resolvedFindings'),
    }),
    [t],
  );
  const s = stats.data;
  const byRule = useMemo(
    () =>
      s &&
      findingsBars(
        s.byRule.map((r) => r.ruleCode),
        s.byRule,
        names,
        true,
      ),
    [s, names],
  );
  const byDivision = useMemo(
    () =>
      s &&
      findingsBars(
        s.byDivision.map((d) => d.divisionName),
        s.byDivision,
        names,
        false,
      ),
    [s, names],
  );
  const byMonth = useMemo(
    () =>
      s &&
      findingsBars(
        s.byMonth.map((m) => m.month),
        s.byMonth,
        names,
        false,
      ),
    [s, names],
  );
  const brakeItems = useMemo(
    () => brakes.data?.items.filter((b) => !picked || b.divisionCode === picked),
    [brakes.data, picked],
  );
  const brakeChart = useMemo<ChartOption | null>(() => {
    if (!brakeItems) return null;
    const threshold = brakeItems[0]?.threshold ?? 0.2;
    return {
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${Number(v).toFixed(1)}%` },
      grid: { left: 48, right: 24, top: 16, bottom: 24 },
      xAxis: { type: 'category', data: brakeItems.map((b) => b.divisionName) },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          name: t('share'),
          data: brakeItems.map((b) => ({
            value: Math.round(b.share * 1000) / 10,
            itemStyle: { color: b.on ? colours.error : '#2e7d32' },
          })),
          markLine: {
            symbol: 'none',
            lineStyle: { color: colours.error, type: 'dashed' },
            label: {
              position: 'insideEndTop',
              formatter: t('threshold', { p: `${threshold * 100}%` }),
            },
            data: [{ yAxis: threshold * 100 }],
          },
        },
      ],
    };
  }, [brakeItems, t]);
  const rows = useMemo(
    () => ranking.data?.rows.filter((r) => !picked || r.divisionCode === picked),
    [ranking.data, picked],
  );
  const rankingChart = useMemo<ChartOption | null>(
    () =>
      rows
        ? {
            animation: false,
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            grid: { left: 80, right: 16, top: 8, bottom: 24 },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: {
              type: 'category',
              inverse: true,
              data: rows.slice(0, 10).map((r) => r.divisionName),
            },
            series: [
              {
                type: 'bar',
                name: t('score'),
                itemStyle: { color: colours.live },
                data: rows.slice(0, 10).map((r) => r.score),
              },
            ],
          }
        : null,
    [rows, t],
  );

  return (
    <div className="panel-body dashboard" data-testid="dashboard">
      <h2>{t('dashboardTitle')}</h2>
      {pickedName ? (
        <p className="muted" data-testid="narrowed-to">
          {t('narrowedTo', { name: pickedName })}
        </p>
      ) : null}
      {stats.error ? <p className="error">{stats.error}</p> : null}
      {s ? (
        <>
          <div className="cards totals" data-testid="finding-totals">
            <div className="card">
              <strong>{s.totals.live}</strong> {t('liveFindings')}
            </div>
            <div className="card">
              <strong className="error">{s.totals.liveErrors}</strong> {t('liveErrors')}
            </div>
            <div className="card">
              <strong>{s.totals.liveWarnings}</strong> {t('liveWarnings')}
            </div>
            <div className="card">
              <strong>{s.totals.total}</strong> {t('allFindings')}
            </div>
          </div>

          <h3>{t('findingsByRule')}</h3>
          {byRule ? (
            <Chart option={byRule} testId="chart-by-rule" height={40 + 26 * s.byRule.length} />
          ) : null}
          <CountsTable
            testId="table-by-rule"
            keyName="rule"
            heading={t('ruleCode')}
            rows={s.byRule.map((r) => ({
              key: r.ruleCode,
              label: (
                <>
                  <code>{r.ruleCode}</code> {ruleName(r.ruleCode, lang)}
                </>
              ),
              counts: r,
            }))}
          />

          <h3>{t('findingsByDivision')}</h3>
          {byDivision ? <Chart option={byDivision} testId="chart-by-division" /> : null}
          <CountsTable
            testId="table-by-division"
            keyName="division"
            heading={t('division')}
            rows={s.byDivision.map((d) => ({
              key: d.divisionCode,
              label: (
                <>
                  {d.divisionName} <span className="muted">{d.divisionCode}</span>
                </>
              ),
              counts: d,
            }))}
          />

          <h3>{t('findingsByMonth')}</h3>
          {byMonth ? <Chart option={byMonth} testId="chart-by-month" /> : null}
          <CountsTable
            testId="table-by-month"
            keyName="month"
            heading={t('month')}
            rows={s.byMonth.map((m) => ({ key: m.month, label: m.month, counts: m }))}
          />
        </>
      ) : (
        <p className="muted">{t('loading')}</p>
      )}

      <h3>{t('countyBrake')}</h3>
      <div className="filters">
        <label>
          {t('year')}{' '}
          <input
            type="number"
            min={2000}
            max={2200}
            value={year}
            onChange={(e) => setYear(Number(e.target.value))}
            style={{ width: '6rem' }}
          />
        </label>
      </div>
      {brakes.error ? <p className="error">{brakes.error}</p> : null}
      {brakeItems && brakeItems.length === 0 ? <p className="muted">{t('noBrakes')}</p> : null}
      {brakeChart && brakeItems && brakeItems.length > 0 ? (
        <>
          <Chart option={brakeChart} testId="chart-brake" height={220} />
          <table className="small" data-testid="table-brake">
            <thead>
              <tr>
                <th>{t('division')}</th>
                <th className="num">{t('dueArea')}</th>
                <th className="num">{t('overdueArea')}</th>
                <th className="num">{t('share')}</th>
                <th>{t('brakeOn')}</th>
              </tr>
            </thead>
            <tbody>
              {brakeItems.map((b) => (
                <tr key={b.divisionCode} data-division={b.divisionCode}>
                  <td>{b.divisionName}</td>
                  <td className="num">{formatNumber(mu(b.dueM2))}</td>
                  <td className="num">{formatNumber(mu(b.overdueM2))}</td>
                  <td className="num share">{formatNumber(b.share * 100, 1)}%</td>
                  <td className={b.on ? 'error' : 'ok'}>{b.on ? t('brakeOn') : t('brakeOff')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      <h3>{t('rankings')}</h3>
      <div className="filters">
        <label>
          {t('asOfDate')} <DateInput name="asOf" value={asOf} onChange={setAsOf} />
        </label>
        {ranking.data?.provisional ? (
          <span className="muted small">{t('provisionalReport')}</span>
        ) : null}
      </div>
      {ranking.error ? <p className="error">{ranking.error}</p> : null}
      {rankingChart && rows && rows.length > 0 ? (
        <>
          <Chart
            option={rankingChart}
            testId="chart-ranking"
            height={40 + 24 * Math.min(rows.length, 10)}
          />
          <table className="small" data-testid="table-ranking">
            <thead>
              <tr>
                <th className="num">{t('rank')}</th>
                <th>{t('division')}</th>
                <th className="num">{t('score')}</th>
                <th className="num">{t('errorsCol')}</th>
                <th className="num">{t('warningsCol')}</th>
                <th className="num">{t('recordsCol')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.divisionCode} data-division={r.divisionCode}>
                  <td className="num">{r.rank}</td>
                  <td>{r.divisionName}</td>
                  <td className="num score">{r.score}</td>
                  <td className="num">{r.errors}</td>
                  <td className="num">{r.warnings}</td>
                  <td className="num">{r.records}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
