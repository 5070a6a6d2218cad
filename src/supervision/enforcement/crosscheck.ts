// The cross-check of one batch inside the caller's transaction (run as the owner, after the
// caller's scope was checked): coverage of every polygon (coverage.store.ts), then
// the TL-ENF-01 findings reconciled with the stored ones the way the evaluation reconciles its
// own — new ones inserted, ones that stopped firing resolved, ones firing again reopened — so
// recomputing never duplicates. The daily evaluation leaves these findings alone.
import type { Queryable } from '../../platform/db/db.ts';
import type { Progress } from '../../platform/progress.ts';
import { setReason } from '../../identity/scoped-db.ts';
import { resolveSettings, type SettingsOverride } from '../../register/domain/settings.ts';
import { markComputed, type BatchRow } from './batches.store.ts';
import { parseBatchMonth } from './domain/batch-month.ts';
import { toleranceM2 } from './domain/coverage.ts';
import { storeCoverage, type CrosscheckSettings } from './coverage.store.ts';
import {
  firingCount,
  insertNewFindings,
  refreshFindings,
  reopenFindings,
  resolveFindings,
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

/** Computes and stores the coverage of every polygon of `batch`; returns how many. */
export async function computeCoverage(
  q: Queryable,
  batch: Pick<BatchRow, 'id' | 'month' | 'featureCount'>,
  progress?: Progress,
): Promise<number> {
  // Two cross-checks of one batch at once (two recomputes) wait for each other: each replaces
  // the batch's coverage and tally rows, which the other's would not see before it commits.
  await q.query(`SELECT 1 FROM enforcement_batch WHERE id = $1 FOR NO KEY UPDATE`, [batch.id]);
  const month = parseBatchMonth(batch.month);
  const settings = await crosscheckSettings(q);
  // The geometry functions' costs make PostgreSQL JIT-compile the plan, which takes longer
  // (about 1.5 s) than the work of 20,000 polygons; the setting ends with the transaction.
  await q.query(`SELECT set_config('jit', 'off', true)`);
  // One statement: the progress says the step has begun, then that it ended.
  const task = progress?.start('coverage', batch.featureCount);
  const done = await storeCoverage(q, batch.id, month, settings);
  task?.tick(`${done}`, done);
  task?.done();
  await markComputed(q, batch.id);
  return done;
}

/**
 * Reconciles the batch's TL-ENF-01 findings with its stored coverage as of `asOf`, set-based
 * (enforcement-findings.store.ts): findings resolved earlier whose polygons fire again are
 * reopened, live ones whose figures moved are rewritten, ones that stopped firing are resolved,
 * then the new ones are inserted — each kind of change with its reason in history.
 */
export async function reconcileFindings(
  q: Queryable,
  batch: Pick<BatchRow, 'id' | 'month' | 'source' | 'externalId'>,
  asOf: string,
  reason: string,
): Promise<CrosscheckSummary['findings']> {
  const why = (what: string) => setReason(q, `${what}（${asOf}）/ ${reason}`);
  const counts = {
    firing: await firingCount(q, batch.id),
    inserted: 0,
    reopened: 0,
    refreshed: 0,
    resolved: 0,
  };
  await why('覆盖核对再次发现未覆盖，重新打开');
  counts.reopened = await reopenFindings(q, batch);
  await why('覆盖核对结果变化');
  counts.refreshed = await refreshFindings(q, batch);
  await why('覆盖核对不再发现未覆盖');
  counts.resolved = await resolveFindings(q, batch.id, asOf);
  await setReason(q, reason);
  counts.inserted = await insertNewFindings(q, batch, asOf);
  return counts;
}
