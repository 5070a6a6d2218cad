// After a survey layer changes, the stored overlay (computed_breakdown) of every live record
// in the county is recomputed; a record whose breakdown moved by more than a square
// centimetre is updated (a new version, with the load's reason in its history). Records in
// a final state (accepted, converted, written off) keep the overlay they were decided on.
import type { Queryable } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Progress } from '../../platform/progress.ts';
import { overlayFacts, storedBreakdown } from '../overlay.store.ts';
import { updateRecord } from '../register.store.ts';

export interface ReoverlayResult {
  /** Live records with a boundary in the county. */
  checked: number;
  /** Those whose computed breakdown changed, by id with their system number. */
  changed: { id: string; systemNumber: string | null }[];
}

const finalStates = ['accepted', 'converted', 'written_off'];

/** Whether any area in the fresh breakdown moved by more than a square centimetre. */
function differs(stored: Record<string, unknown> | null, fresh: Record<string, unknown>): boolean {
  if (!stored) return true;
  return Object.entries(fresh).some(
    ([key, value]) => typeof value === 'number' && !(Math.abs(value - Number(stored[key])) <= 0.01),
  );
}

export async function reoverlayDivision(
  q: Queryable,
  divisionCode: string,
  progress?: Progress,
): Promise<ReoverlayResult> {
  const records = await q.query<{
    id: string;
    version: number;
    systemNumber: string | null;
    geometry: unknown;
    stored: Record<string, unknown> | null;
  }>(
    `SELECT id, version, system_number AS "systemNumber", ST_AsGeoJSON(geom, 9, 0)::json AS geometry,
            computed_breakdown AS stored
     FROM temporary_land
     WHERE division_code LIKE $1 || '%' AND geom IS NOT NULL AND NOT (state = ANY($2::text[]))
     ORDER BY id`,
    [divisionCode, finalStates],
  );
  const task = progress?.start('overlay', records.length);
  const changed: ReoverlayResult['changed'] = [];
  for (const r of records) {
    const fresh = storedBreakdown(await overlayFacts(q, r.geometry, r.id));
    if (differs(r.stored, fresh)) {
      const updated = await updateRecord(q, r.id, r.version, { computedBreakdown: fresh });
      if (!updated) {
        throw new AppError('conflict', {
          code: 'RECORD_CHANGED_DURING_LOAD',
          messageZh: `记录 ${r.systemNumber ?? r.id} 在图层导入期间被修改，请重试导入`,
          messageEn: `record ${r.systemNumber ?? r.id} changed while the layer was loading; retry the load`,
        });
      }
      changed.push({ id: r.id, systemNumber: r.systemNumber });
    }
    task?.tick(r.systemNumber ?? r.id);
  }
  task?.done();
  return { checked: records.length, changed };
}
