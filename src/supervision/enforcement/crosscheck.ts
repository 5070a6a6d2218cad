// The cross-check of one batch inside the caller's transaction (run as the owner, after the
// caller's scope was checked): coverage of every polygon in chunks (coverage.store.ts), then
// the TL-ENF-01 findings reconciled with the stored ones the way the evaluation reconciles its
// own — new ones inserted, ones that stopped firing resolved, ones firing again reopened — so
// recomputing never duplicates. The daily evaluation leaves these findings alone.
import type { Queryable } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Progress } from '../../platform/progress.ts';
import { setReason } from '../../identity/scoped-db.ts';
import { resolveSettings, type SettingsOverride } from '../../register/domain/settings.ts';
import { reconcile } from '../domain/finding-lifecycle.ts';
import { insertFindings, updateFinding, type NewFinding } from '../findings.store.ts';
import { markComputed, type BatchRow } from './batches.store.ts';
import { parseBatchMonth } from './domain/batch-month.ts';
import { findingKeyOf, toleranceM2, unexplainedOccupationFinding } from './domain/coverage.ts';
import {
  computeCoverageChunk,
  uncoveredPolygons,
  type CrosscheckSettings,
} from './coverage.store.ts';
import { findingsOfBatch } from './enforcement-findings.store.ts';

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
export const coverageChunk = 2_000;
const insertChunk = 2_000;

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
  const month = parseBatchMonth(batch.month);
  const settings = await crosscheckSettings(q);
  // The geometry functions' costs make PostgreSQL JIT-compile every chunk's plan, which takes
  // longer (about 1.5 s) than the chunk's work; the setting ends with the transaction.
  await q.query(`SELECT set_config('jit', 'off', true)`);
  const all = await q.query<{ id: string }>(
    `SELECT id FROM change_polygon WHERE batch_id = $1 ORDER BY id`,
    [batch.id],
  );
  const task = progress?.start('coverage', all.length);
  let done = 0;
  for (let i = 0; i < all.length; i += coverageChunk) {
    const ids = all.slice(i, i + coverageChunk).map((r) => r.id);
    done += (await computeCoverageChunk(q, batch.id, month, settings, ids)).length;
    task?.tick(`${done}`, ids.length);
  }
  task?.done();
  await markComputed(q, batch.id);
  return done;
}

/** Reconciles the batch's TL-ENF-01 findings with its stored coverage as of `asOf`. */
export async function reconcileFindings(
  q: Queryable,
  batch: Pick<BatchRow, 'id' | 'month' | 'source' | 'externalId'>,
  asOf: string,
  reason: string,
): Promise<CrosscheckSummary['findings']> {
  const firing = new Map<string, NewFinding>();
  for (const c of await uncoveredPolygons(q, batch.id)) {
    const subject = {
      polygonId: c.polygonId,
      batchId: batch.id,
      externalBatchId: batch.externalId,
      source: batch.source,
      month: batch.month,
      surveyCode: c.surveyCode,
      divisionCode: c.divisionCode,
    };
    const f = unexplainedOccupationFinding(subject, c);
    if (!f || f.severity === 'info') continue;
    const key = findingKeyOf(c.polygonId, batch.month);
    firing.set(key, {
      findingKey: key,
      divisionCode: c.divisionCode,
      ruleCode: f.code,
      subjectKind: 'change_polygon',
      recordId: null,
      period: batch.month,
      severity: f.severity,
      messageZh: f.messageZh,
      messageEn: f.messageEn,
      evidence: f.evidence,
      firstSeenOn: asOf,
    });
  }
  const stored = await findingsOfBatch(q, batch.id);
  const counts = { firing: firing.size, inserted: 0, reopened: 0, refreshed: 0, resolved: 0 };
  const change = async (
    s: { id: string; version: number },
    why: string,
    patch: Parameters<typeof updateFinding>[3],
  ) => {
    await setReason(q, `${why}（${asOf}）/ ${reason}`);
    if (!(await updateFinding(q, s.id, s.version, patch))) {
      throw new AppError('conflict', {
        code: 'FINDING_CHANGED_DURING_CROSSCHECK',
        messageZh: `监管发现 ${s.id} 在核对期间被修改，请重新核对`,
        messageEn: `finding ${s.id} changed during the cross-check; run it again`,
      });
    }
  };
  const toInsert: NewFinding[] = [];
  for (const [key, fresh] of firing) {
    const s = stored.get(key);
    const action = reconcile(s, fresh);
    const live = s && s.resolvedOn === null && (s.status === 'open' || s.status === 'acknowledged');
    const content = {
      severity: fresh.severity,
      messageZh: fresh.messageZh,
      messageEn: fresh.messageEn,
      evidence: fresh.evidence,
    };
    if (action.kind === 'insert') {
      toInsert.push(fresh);
      counts.inserted += 1;
    } else if (s && action.kind === 'reopen') {
      await change(s, '覆盖核对再次发现未覆盖，重新打开', {
        status: 'open',
        resolvedOn: null,
        ...content,
      });
      counts.reopened += 1;
    } else if (s && live && (action.kind === 'refresh' || s.messageEn !== fresh.messageEn)) {
      // The figures moved (records registered, extended, written off…): the finding says so.
      await change(s, '覆盖核对结果变化', content);
      counts.refreshed += 1;
    }
  }
  for (const [key, s] of stored) {
    if (firing.has(key)) continue;
    const action = reconcile(s, undefined);
    if (action.kind !== 'resolve') continue;
    await change(s, '覆盖核对不再发现未覆盖', { status: action.to, resolvedOn: asOf });
    counts.resolved += 1;
  }
  await setReason(q, reason);
  for (let i = 0; i < toInsert.length; i += insertChunk)
    await insertFindings(q, toInsert.slice(i, i + insertChunk));
  return counts;
}
