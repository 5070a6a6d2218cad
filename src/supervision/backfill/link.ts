// Whether a back-fill polygon is land the register already holds (TL-STOCK-01: linked, not
// duplicated). The rule: the polygon and a live or accepted record are the same land when
// their shared area is at least `backfillLinkShare` (default one half) of the smaller of the
// two — a parcel drawn twice by different hands differs at its edges, not by half. The record
// sharing most is taken; smaller overlaps are kept as review notes.
import type { Queryable } from '../../platform/db/db.ts';
import type { RuleSettings } from '../../register/domain/settings.ts';
import { effectiveTermEnd } from '../../register/domain/rules/term-rules.ts';
import { toDomainRecord } from '../../register/record-mapping.ts';
import { findRecord } from '../../register/register.store.ts';
import { overlappingRecords } from './polygons.store.ts';
import type { LinkedRecordFacts } from './domain/signals.ts';

export interface LinkFacts {
  linked: LinkedRecordFacts | null;
  partial: { recordId: string; systemNumber: string | null; share: number }[];
}

/** The county's records the polygon meets (row-level security applies on top). */
export async function linkFacts(
  q: Queryable,
  geometry: unknown,
  county: string,
  settings: Pick<RuleSettings, 'backfillLinkShare'>,
): Promise<LinkFacts> {
  const scopeLike = `${county}%`;
  const hits = await overlappingRecords(q, geometry, scopeLike);
  const same = hits.find((h) => h.share >= settings.backfillLinkShare);
  const partial = hits
    .filter((h) => h !== same)
    .map(({ recordId, systemNumber, share }) => ({ recordId, systemNumber, share }));
  if (!same) return { linked: null, partial };
  const row = await findRecord(q, same.recordId, scopeLike);
  if (!row) return { linked: null, partial };
  return {
    linked: {
      recordId: row.id,
      systemNumber: row.systemNumber,
      state: row.state,
      termEnd: effectiveTermEnd(toDomainRecord(row, { contracts: 0, photos: 0 })),
      share: same.share,
    },
    partial,
  };
}
