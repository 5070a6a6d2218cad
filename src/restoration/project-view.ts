// What a restoration project looks like to its readers: the stored project with its measurements
// (photos and reports listed), funding lines with totals by source, and progress computed
// against its targets.
import { computeProgress, type Progress } from './domain/progress.ts';
import type { FundingSource } from './domain/restoration-terms.ts';
import type { AttachmentRow, FundingRow, MeasurementRow } from './measurements.store.ts';
import type { ProjectRow } from './projects.store.ts';

export type MeasurementView = MeasurementRow & { attachments: AttachmentRow[] };

export interface ProjectView extends ProjectRow {
  progress: Progress;
}

export interface ProjectDetail extends ProjectView {
  measurements: MeasurementView[];
  funding: {
    lines: FundingRow[];
    totalYuan: number;
    bySource: { source: FundingSource; amountYuan: number }[];
  };
}

export function progressOf(project: ProjectRow, measurements: readonly MeasurementRow[]): Progress {
  return computeProgress(
    { areaM2: project.targetAreaM2, vegetationCoverPct: project.targetVegetationCoverPct },
    measurements,
  );
}

export function toProjectDetail(
  project: ProjectRow,
  measurements: readonly MeasurementRow[],
  attachments: readonly AttachmentRow[],
  funding: FundingRow[],
): ProjectDetail {
  const bySource = new Map<FundingSource, number>();
  for (const line of funding)
    bySource.set(line.source, (bySource.get(line.source) ?? 0) + line.amountYuan);
  const cents = (n: number) => Math.round(n * 100) / 100;
  return {
    ...project,
    progress: progressOf(project, measurements),
    measurements: measurements.map((m) => ({
      ...m,
      attachments: attachments.filter((a) => a.measurementId === m.id),
    })),
    funding: {
      lines: funding,
      totalYuan: cents(funding.reduce((s, l) => s + l.amountYuan, 0)),
      bySource: [...bySource].map(([source, amountYuan]) => ({
        source,
        amountYuan: cents(amountYuan),
      })),
    },
  };
}
