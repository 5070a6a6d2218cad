// Reading enforcement batches and change polygons in the caller's scope (row-level security
// applies): batches with their polygons counted by coverage, polygons as GeoJSON with filters,
// and one polygon with its coverage, the records involved, its finding, verification,
// timeline and photos.
import type { Db } from '../../platform/db/db.ts';
import { type Actor, scopePrefix } from '../../identity/domain/actor.ts';
import { inScope } from '../../identity/scoped-db.ts';
import {
  batchCounts,
  findBatch,
  listBatches,
  type BatchCounts,
  type BatchFilter,
  type BatchRow,
} from './batches.store.ts';
import { coverageCauses, coverageRatio, findingKeyOf } from './domain/coverage.ts';
import { findingByKey } from './enforcement-findings.store.ts';
import { batchNotFound, polygonNotFound } from './not-found.ts';
import {
  findPolygon,
  involvedRecords,
  listPolygons,
  type PolygonFilter,
} from './polygons.store.ts';
import { findVerification, listEvents, listPhotos } from './verification.store.ts';

export function createEnforcementReadService(db: Db) {
  return {
    batches(actor: Actor, filter: BatchFilter) {
      return inScope(db, actor, (tx) => listBatches(tx, scopePrefix(actor), filter));
    },

    /** One batch, its polygons counted in the caller's scope (narrowed to `divisionCode` if given). */
    batch(
      actor: Actor,
      id: string,
      divisionCode?: string,
    ): Promise<BatchRow & { inScope: BatchCounts }> {
      return inScope(db, actor, async (tx) => {
        const batch = await findBatch(tx, id, scopePrefix(actor));
        if (!batch) throw batchNotFound();
        return { ...batch, inScope: await batchCounts(tx, id, scopePrefix(actor), divisionCode) };
      });
    },

    polygons(actor: Actor, filter: Omit<PolygonFilter, 'prefix'>) {
      return inScope(db, actor, (tx) =>
        listPolygons(tx, { ...filter, prefix: scopePrefix(actor) }),
      );
    },

    polygon(actor: Actor, id: string) {
      return inScope(db, actor, async (tx) => {
        const polygon = await findPolygon(tx, id, scopePrefix(actor));
        if (!polygon) throw polygonNotFound();
        const c = polygon.coverage;
        const ids = c
          ? [
              ...new Set([
                ...c.coveredRecords,
                ...coverageCauses.flatMap((k) => c.causes[k].records),
              ]),
            ]
          : [];
        const finding = await findingByKey(tx, findingKeyOf(polygon.id, polygon.month));
        const verification = await findVerification(tx, id);
        return {
          ...polygon,
          coverage: c ? { ...c, coverage: coverageRatio(c) } : null,
          records: await involvedRecords(tx, ids),
          finding: finding
            ? { id: finding.id, status: finding.status, severity: finding.severity }
            : null,
          verification: verification ?? { state: 'pending' as const, version: 0 },
          events: await listEvents(tx, id),
          photos: await listPhotos(tx, id),
        };
      });
    },
  };
}

export type EnforcementReadService = ReturnType<typeof createEnforcementReadService>;
