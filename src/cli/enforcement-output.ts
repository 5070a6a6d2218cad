// One line that says what an enforcement import or recompute did, for `reclaim enforcement`.
import type { BatchRow } from '../supervision/enforcement/batches.store.ts';
import type { CrosscheckSummary } from '../supervision/enforcement/crosscheck.ts';

export function enforcementSummary(result: {
  outcome: string;
  dryRun?: boolean;
  batch: BatchRow;
  crosscheck: CrosscheckSummary | null;
}): string {
  const b = result.batch;
  const head =
    `${result.dryRun ? 'dry run: ' : ''}${result.outcome} batch ${b.externalId} (${b.source}, ${b.month}, ${b.divisionCode}) ` +
    `as ${b.id}: ${b.featureCount} polygons, ${(b.areaM2 / 10_000).toFixed(2)} ha`;
  if (!result.crosscheck) return `${head}; nothing changed`;
  const f = result.crosscheck.findings;
  return (
    `${head}; cross-checked ${result.crosscheck.polygons} polygons: ${f.firing} unexplained occupations (TL-ENF-01); ` +
    `findings ${f.inserted} new, ${f.reopened} reopened, ${f.refreshed} changed, ${f.resolved} resolved` +
    (b.supersedes ? `; supersedes ${b.supersedes}` : '')
  );
}
