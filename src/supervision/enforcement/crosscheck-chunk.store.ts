// One chunk of the cross-check as one statement: the coverage of the chunk's polygons is
// computed once (coverage.store.ts), stored, and the TL-ENF-01 findings of those that fire and
// have none yet are inserted from the same rows (enforcement-findings.store.ts) — the findings
// no longer read the coverage back from change_polygon_coverage (docs/benchmarks.md).
import type { Queryable } from '../../platform/db/db.ts';
import type { BatchMonth } from './domain/batch-month.ts';
import {
  coverageParams,
  coverageRows,
  upsertCoverage,
  type CrosscheckSettings,
  type IdRange,
} from './coverage.store.ts';
import {
  findingsParams,
  insertFindingsFrom,
  type FindingBatch,
  type FindingsSlots,
} from './enforcement-findings.store.ts';

/** The findings' slots after coverageRows' eight ($1, the batch, is shared), then the as-of date. */
const slots: FindingsSlots = {
  batch: '$1',
  month: '$9',
  externalId: '$10',
  source: '$11',
  perMu: '$12',
  templates: '$13',
};
const asOfSlot = '$14';

const statement = `WITH computed AS MATERIALIZED (${coverageRows}),
   stored AS (${upsertCoverage('SELECT * FROM computed')} RETURNING 1),
   found AS (${insertFindingsFrom('computed c JOIN change_polygon p ON p.id = c.polygon_id', slots, asOfSlot)}
     RETURNING 1)
   SELECT (SELECT count(*) FROM stored)::int AS polygons,
          (SELECT count(*) FROM computed WHERE status <> 'covered')::int AS firing,
          (SELECT count(*) FROM found)::int AS inserted`;

export interface ChunkCounts {
  /** Polygons whose coverage was stored. */
  polygons: number;
  /** Of those, how many fire TL-ENF-01 (are not covered). */
  firing: number;
  /** Findings inserted (firing polygons that had none). */
  inserted: number;
}

/**
 * Computes and stores the coverage of the batch's polygons whose ids lie in `range`, and
 * inserts the findings of those that fire and have none, first seen on `asOf` (history by
 * trigger, with the transaction's actor and reason).
 */
export async function crosscheckChunk(
  q: Queryable,
  batch: FindingBatch,
  month: BatchMonth,
  settings: CrosscheckSettings,
  range: IdRange,
  asOf: string,
): Promise<ChunkCounts> {
  const findings = await findingsParams(q, batch);
  const [row] = await q.query<ChunkCounts>(statement, [
    ...coverageParams(batch.id, range, month, settings),
    ...findings.slice(1),
    asOf,
  ]);
  return row ?? { polygons: 0, firing: 0, inserted: 0 };
}
