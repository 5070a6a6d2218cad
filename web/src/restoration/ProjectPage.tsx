// One restoration project: its details, progress against target per type and overall with
// the vegetation cover, a chart of both over time, funding lines, the measurements with a
// form to add one, and the latest measurement checked against the acceptance criteria. The
// project is drawn and selected on the map.
import { useCallback, useMemo } from 'react';
import { Link } from '../app/router.tsx';
import { formatNumber, useI18n } from '../i18n/i18n.tsx';
import { useApi } from '../supervision/use-api.ts';
import { CriteriaFindings } from './CriteriaFindings.tsx';
import {
  damageLabel,
  fundingLabel,
  hectares,
  sourceLabel,
  stateLabel,
  trendLabel,
  typeLabel,
} from './labels.ts';
import { MeasurementForm } from './MeasurementForm.tsx';
import { FundingForm, ProjectActions } from './ProjectActions.tsx';
import { ProgressChart } from './ProgressChart.tsx';
import { useProjectLayer } from './project-layer.ts';
import type { ProjectCheck, ProjectDetail } from './types.ts';

const ha = (m2: number) => formatNumber(hectares(m2));

export function ProjectPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const project = useApi<ProjectDetail>(`/api/restoration/projects/${id}`);
  const check = useApi<ProjectCheck>(`/api/restoration/projects/${id}/criteria-check`);
  const shown = useMemo(() => (project.data ? [project.data] : null), [project.data]);
  useProjectLayer(shown, { selectedId: id, focus: true });
  const { reload: reloadProject } = project;
  const { reload: reloadCheck } = check;
  const recorded = useCallback(() => {
    reloadProject();
    reloadCheck();
  }, [reloadProject, reloadCheck]);

  if (project.error)
    return (
      <div className="panel-body">
        <Link to="/restoration">{t('restBackToList')}</Link>
        <p className="error">{project.error}</p>
      </div>
    );
  const p = project.data;
  if (!p) return <div className="panel-body muted">{t('loading')}</div>;
  const { overall, vegetationCover } = p.progress;
  const measurements = [...p.measurements].sort((a, b) => b.measuredOn.localeCompare(a.measuredOn));

  return (
    <div className="panel-body" data-testid="restoration-project" data-version={p.version}>
      <Link to="/restoration">{t('restBackToList')}</Link>
      <h2>{p.name}</h2>
      <p>
        <span className={`chip rest-state-${p.state}`}>{stateLabel(p.state, lang)}</span>{' '}
        <span className="muted">
          {p.divisionName} · {damageLabel(p.damageKind, lang)}
        </span>
      </p>
      <ProjectActions projectId={p.id} state={p.state} version={p.version} onDone={recorded} />
      <table className="small details" data-testid="project-details">
        <tbody>
          <tr>
            <th>{t('restResponsibleUnit')}</th>
            <td>{p.responsibleUnit}</td>
          </tr>
          <tr>
            <th>{t('restArea')}</th>
            <td>{ha(p.areaM2)}</td>
          </tr>
          <tr>
            <th>{t('restCriteriaRegion')}</th>
            <td>{p.criteriaRegion ?? '—'}</td>
          </tr>
          <tr>
            <th>{t('restPlannedPeriod')}</th>
            <td>
              {p.plannedStartOn ?? '—'} ~ {p.plannedEndOn ?? '—'}
            </td>
          </tr>
          {p.note ? (
            <tr>
              <th>{t('restNote')}</th>
              <td>{p.note}</td>
            </tr>
          ) : null}
        </tbody>
      </table>

      <h3>{t('restProgressTitle')}</h3>
      <p
        className="rest-overall"
        data-testid="overall-progress"
        data-percent={overall.percent ?? ''}
      >
        <strong>{overall.percent === null ? '—' : `${overall.percent}%`}</strong>{' '}
        <span className="muted">
          {t('restOverall')} · {trendLabel(overall.trend, lang)}
        </span>
      </p>
      <div className="rest-bar" aria-hidden="true">
        <span style={{ width: `${Math.min(overall.percent ?? 0, 100)}%` }} />
      </div>
      <table className="small" data-testid="progress-by-type">
        <thead>
          <tr>
            <th>{t('restType')}</th>
            <th className="num">{t('restTargetCol')}</th>
            <th className="num">{t('restRestoredCol')}</th>
            <th className="num">{t('restPercentCol')}</th>
            <th className="num">{t('restChangeCol')}</th>
          </tr>
        </thead>
        <tbody>
          {p.progress.byType.map((row) => (
            <tr key={row.type} data-type={row.type}>
              <td>{typeLabel(row.type, lang)}</td>
              <td className="num">{ha(row.targetM2)}</td>
              <td className="num restored">{ha(row.restoredM2)}</td>
              <td className="num percent">{row.percent === null ? '—' : `${row.percent}%`}</td>
              <td className="num">{row.changeM2 === null ? '—' : ha(row.changeM2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="vegetation-cover">
        {t('restVegetationLatest', {
          latest: vegetationCover.latestPct ?? '—',
          target: vegetationCover.targetPct ?? '—',
        })}{' '}
        <span className="muted">{trendLabel(vegetationCover.trend, lang)}</span>
      </p>
      <h4>{t('restChartProgress')}</h4>
      {p.measurements.length === 0 ? (
        <p className="muted">{t('restNoMeasurements')}</p>
      ) : (
        <ProgressChart project={p} />
      )}

      <CriteriaFindings check={check.error ? null : check.data} />
      {check.error ? <p className="error">{check.error}</p> : null}

      <h3>{t('restMeasurements')}</h3>
      {measurements.length === 0 ? <p className="muted">{t('restNoMeasurements')}</p> : null}
      <table className="small" data-testid="measurements">
        <thead>
          <tr>
            <th>{t('restMeasuredOn')}</th>
            <th>{t('restSource')}</th>
            <th>{t('restRestoredCol')}</th>
            <th className="num">{t('restCoverPct')}</th>
            <th>{t('restIndicators')}</th>
          </tr>
        </thead>
        <tbody>
          {measurements.map((m) => (
            <tr key={m.id} data-measured-on={m.measuredOn}>
              <td className="date">{m.measuredOn}</td>
              <td>{sourceLabel(m.source, lang)}</td>
              <td>
                {Object.entries(m.restoredAreaM2)
                  .map(([type, m2]) => `${typeLabel(type, lang)} ${ha(m2)}`)
                  .join('；')}
              </td>
              <td className="num">{m.vegetationCoverPct ?? '—'}</td>
              <td>{m.indicators.map((v) => `${v.indicator} ${v.value} ${v.unit}`).join('；')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <MeasurementForm
        key={p.measurements.length}
        projectId={p.id}
        types={Object.keys(p.targetAreaM2)}
        onRecorded={recorded}
      />

      <h3>{t('restFunding')}</h3>
      {p.funding.lines.length === 0 ? (
        <p className="muted">{t('restNoFunding')}</p>
      ) : (
        <table className="small" data-testid="funding">
          <thead>
            <tr>
              <th>{t('restYear')}</th>
              <th>{t('restFundingSource')}</th>
              <th className="num">{t('restAmountWan')}</th>
            </tr>
          </thead>
          <tbody>
            {p.funding.lines.map((line) => (
              <tr key={line.id}>
                <td>{line.year}</td>
                <td>{fundingLabel(line.source, lang)}</td>
                <td className="num">{formatNumber(line.amountYuan / 10_000)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={3}>
                {t('restFundingTotal', { amount: formatNumber(p.funding.totalYuan / 10_000) })}
              </td>
            </tr>
          </tfoot>
        </table>
      )}
      <FundingForm key={`funding-${p.funding.lines.length}`} projectId={p.id} onDone={recorded} />
    </div>
  );
}
