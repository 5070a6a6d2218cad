// The generated change polygons (变化图斑) as one enforcement batch, written straight to the
// database as Reclaim's import stores them (observed use from their land class), so that the
// benchmark times the cross-check alone.
import { systemActor } from '../../src/identity/domain/actor.ts';
import { asSystem } from '../../src/identity/scoped-db.ts';
import type { Db } from '../../src/platform/db/db.ts';
import {
  finishBatch,
  insertBatch,
  insertPolygons,
} from '../../src/supervision/enforcement/batches.store.ts';
import { observedUse } from '../../src/supervision/enforcement/domain/observed-use.ts';
import type { ChangePolygon } from '../generate/dataset.ts';

export const benchMonth = { month: '2025-06', start: '2025-06-01', end: '2025-06-30' } as const;
const chunk = 2_000;

/** Stores the polygons as a current batch covering the nation; returns its id. */
export function loadChanges(db: Db, changes: readonly ChangePolygon[]): Promise<string> {
  return asSystem(
    db,
    systemActor('bench-crosscheck'),
    async (tx) => {
      const batchId = await insertBatch(tx, {
        source: 'satellite_enforcement',
        externalId: 'bench',
        month: benchMonth.month,
        divisionCode: '000000',
        files: [],
        filesSha256: 'bench',
        contentSha256: 'bench',
        supersedes: null,
      });
      for (let i = 0; i < changes.length; i += chunk) {
        await insertPolygons(
          tx,
          batchId,
          changes.slice(i, i + chunk).map((c, j) => {
            const seen = observedUse(c.landClassCode, null);
            return {
              divisionCode: c.divisionCode,
              fileName: 'changes.geojson',
              feature: i + j + 1,
              surveyCode: c.code,
              changeType: null,
              landClassCode: c.landClassCode,
              detectedOn: c.detectedOn,
              observedUse: seen.use,
              disallowedUses: seen.disallowedUses,
              attributes: { code: c.code, land_class_code: c.landClassCode },
              geometry: { type: 'Polygon', coordinates: c.coordinates },
            };
          }),
        );
      }
      await finishBatch(tx, batchId);
      return batchId;
    },
    'synthetic benchmark change polygons (bench/crosscheck)',
  );
}
