// The cross-check of one batch inside the caller's transaction (run as the owner, after the
// caller's scope was checked): coverage of every polygon in chunks, each chunk's statement
// also inserting the TL-ENF-01 findings of its polygons that have none (crosscheck-chunk.store.ts);
// then the stored findings reconciled the way the evaluation reconciles its own — ones that
// stopped firing resolved, ones firing again reopened, ones whose figures moved rewritten — so
// recomputing never duplicates. The daily evaluation leaves these findings alone.
import type { Queryable } from '../../platform/db/db.ts';
import type { Progress } from '../../platform/progress.ts';
import { setReason } from '../../identity/scoped-db.ts';
import { resolveSettings, type SettingsOverride } from '../../register/domain/settings.ts';
import { markComputed, type BatchRow } from './batches.store.ts';
import { parseBatchMonth } from './domain/batch-month.ts';
import { toleranceM2 } from './domain/coverage.ts';
import { computeCoverageChunk, polygonRanges, type CrosscheckSettings } from './coverage.store.ts';
import { crosscheckChunk } from './crosscheck-chunk.store.ts';
import {
  refreshFindings,
  reopenFindings,
  resolveFindings,
  type FindingBatch,
} from './enforcement-findings.store.ts';

export interface CrosscheckSummary {
  polygons: number;
  findings: {
    firing: number;
    inserted: number;
    reopened: number;
    refreshed: number;
    resolved: number;
  };
}

/** Polygons per coverage statement: large enough to amortise, small enough to show progress. */
export const coverageChunk = 20_000;

/** The national settings and every province's overrides, as the cross-check SQL takes them. */
export async function crosscheckSettings(q: Queryable): Promise<CrosscheckSettings> {
  const packs = await q.query<{ divisionCode: string; overrides: SettingsOverride }>(
    `SELECT division_code AS "divisionCode", overrides FROM rule_pack`,
  );
  const of = (override: SettingsOverride | undefined) => {
    const { settings } = resolveSettings(override);
    return {
      toleranceM2: toleranceM2(settings.coverageToleranceMu),
      reclamationYears: settings.reclamationYears,
    };
  };
  return {
    byProvince: Object.fromEntries(packs.map((p) => [p.divisionCode.slice(0, 2), of(p.overrides)])),
    defaults: of(undefined),
  };
}

/**
 * Computes and stores the coverage of every polygon of `batch`; returns how many. (The
 * cross-check proper is `crosscheck`, which writes the findings too.)
 */
export async function computeCoverage(
  q: Queryable,
  batch: Pick<BatchRow, 'id' | 'month' | 'featureCount'>,
  progress?: Progress,
): Promise<number> {
  const month = parseBatchMonth(batch.month);
  const settings = await crosscheckSettings(q);
  const { ranges, total } = await coverageStart(q, batch.id);
  const task = progress?.start('coverage', total);
  let done = 0;
  for (const range of ranges) {
    const n = await computeCoverageChunk(q, batch.id, month, settings, range);
    done += n;
    task?.tick(`${done}`, n);
  }
  task?.done();
  await markComputed(q, batch.id);
  return done;
}

/** The chunks of the batch; the planner settings for them (to the end of the transaction). */
async function coverageStart(q: Queryable, batchId: string, chunk = coverageChunk) {
  // The geometry functions' costs make PostgreSQL JIT-compile every chunk's plan, which takes
  // longer (about 1.5 s) than the chunk's work; the setting ends with the transaction.
  await q.query(`SELECT set_config('jit', 'off', true)`);
  return polygonRanges(q, batchId, chunk);
}

/**
 * The cross-check of `batch` as of `asOf`: the coverage of every polygon computed and stored,
 * chunk by chunk, with the new TL-ENF-01 findings (first seen on `asOf`, history reason
 * `reason`); then the stored findings reconciled (reconcileFindings). Returns what it did.
 * `chunk`: polygons per statement (tests use small ones to cross chunk boundaries).
 */
export async function crosscheck(
  q: Queryable,
  batch: FindingBatch & Pick<BatchRow, 'featureCount'>,
  asOf: string,
  reason: string,
  progress?: Progress,
  chunk = coverageChunk,
): Promise<CrosscheckSummary> {
  const month = parseBatchMonth(batch.month);
  const settings = await crosscheckSettings(q);
  const { ranges, total } = await coverageStart(q, batch.id, chunk);
  await setReason(q, reason);
  const task = progress?.start('coverage', total);
  const counts = { polygons: 0, firing: 0, inserted: 0 };
  for (const range of ranges) {
    const n = await crosscheckChunk(q, batch, month, settings, range, asOf);
    counts.polygons += n.polygons;
    counts.firing += n.firing;
    counts.inserted += n.inserted;
    task?.tick(`${counts.polygons}`, n.polygons);
  }
  task?.done();
  await markComputed(q, batch.id);
  const stored = await reconcileFindings(q, batch, asOf, reason);
  return {
    polygons: counts.polygons,
    findings: { firing: counts.firing, inserted: counts.inserted, ...stored },
  };
}

/**
 * Reconciles the batch's stored TL-ENF-01 findings with its stored coverage as of `asOf`,
 * set-based (enforcement-findings.store.ts): findings resolved earlier whose polygons fire
 * again are reopened, live ones whose figures moved are rewritten, ones that stopped firing are
 * resolved — each kind of change with its reason in history. (New findings are the chunks'.)
 */
async function reconcileFindings(
  q: Queryable,
  batch: FindingBatch,
  asOf: string,
  reason: string,
): Promise<{ reopened: number; refreshed: number; resolved: number }> {
  const why = (what: string) => setReason(q, `${what}（${asOf}）/ ${reason}`);
  await why('覆盖核对再次发现未覆盖，重新打开');
  const reopened = await reopenFindings(q, batch);
  await why('覆盖核对结果变化');
  const refreshed = await refreshFindings(q, batch);
  await why('覆盖核对不再发现未覆盖');
  const resolved = await resolveFindings(q, batch.id, asOf);
  await setReason(q, reason);
  return { reopened, refreshed, resolved };
}
