// A project's progress over time: at each measurement, the overall share of the target
// restored (each type counted up to its target, as the server counts it) and the vegetation
// cover, with the cover target as a line. Both in %.
import { useMemo } from 'react';
import { computeProgress } from '../../../src/restoration/domain/progress.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Chart, type ChartOption } from '../supervision/Chart.tsx';
import type { ProjectDetail } from './types.ts';

/** Overall progress (%) after each measurement, oldest first. */
export function progressSeries(project: ProjectDetail): { measuredOn: string; percent: number }[] {
  const ordered = [...project.measurements].sort((a, b) =>
    a.measuredOn.localeCompare(b.measuredOn),
  );
  const targets = {
    areaM2: project.targetAreaM2,
    vegetationCoverPct: project.targetVegetationCoverPct,
  };
  return ordered.map((m, i) => ({
    measuredOn: m.measuredOn,
    percent: computeProgress(targets, ordered.slice(0, i + 1)).overall.percent ?? 0,
  }));
}

export function ProgressChart({ project }: { project: ProjectDetail }) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const progress = progressSeries(project);
    const dates = progress.map((p) => p.measuredOn);
    const cover = new Map(
      project.progress.vegetationCover.series.map((s) => [s.measuredOn, s.pct]),
    );
    const targetPct = project.targetVegetationCoverPct;
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 44, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: dates },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'line',
          name: t('restSeriesProgress'),
          data: progress.map((p) => p.percent),
          itemStyle: { color: '#1e6fb8' },
          symbolSize: 8,
          label: { show: true, formatter: '{c}%' },
          markLine:
            progress.length > 0
              ? {
                  silent: true,
                  symbol: 'none',
                  lineStyle: { color: '#1e6fb8', type: 'dashed' },
                  label: { formatter: `${t('restSeriesTarget')} 100%`, position: 'insideEndTop' },
                  data: [{ yAxis: 100 }],
                }
              : undefined,
        },
        {
          type: 'line',
          name: t('restSeriesCover'),
          data: dates.map((d) => cover.get(d) ?? null),
          connectNulls: true,
          itemStyle: { color: '#2e7d32' },
          symbolSize: 8,
          label: { show: true, formatter: '{c}%', position: 'bottom' },
          markLine:
            targetPct !== null
              ? {
                  silent: true,
                  symbol: 'none',
                  lineStyle: { color: '#2e7d32', type: 'dashed' },
                  label: {
                    formatter: `${t('restSeriesTarget')} ${targetPct}%`,
                    position: 'insideEndTop',
                  },
                  data: [{ yAxis: targetPct }],
                }
              : undefined,
        },
      ],
    };
  }, [project, t]);
  return <Chart option={option} testId="chart-progress" height={260} />;
}
