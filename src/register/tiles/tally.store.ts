// SQL for the overview of the most zoomed-out tiles (zooms 0–7): the same cells as the overview
// of zooms 8–11 (overview.store.ts) — parcels per cell of 256 tile units and county, one point
// at the mean of their bounding-box centres — added up from the register's tally (migration
// 0026), kept per zoom-11 tile as parcels change, instead of read parcel by parcel: a zoom-5
// tile over a province of 100,000 parcels sums a few hundred rows. The tally keeps counts and
// sums, not dates, so these points carry no first term end (the map's red outline for an
// overdue term starts at zoom 8).
import type { Queryable } from '../../platform/db/db.ts';
import { squareMetresPerMu } from '../domain/record.ts';
import type { TileAddress } from './domain/tile-address.ts';
import { tallyGridZoom, tallyMaxZoom, tileExtent } from './domain/tile-layer.ts';
import type { OverviewCell } from './overview.store.ts';
import { tileCte, type TileFilter } from './tiles.store.ts';

/**
 * A tile's place on the tally's grid: the shift from zoom-11 columns and rows to its cells,
 * then its first column, the column after its last, its first row and the row after its last.
 * @throws RangeError for a tile deeper than `tallyMaxZoom` (a caller's mistake: the tile
 *   services route deeper zooms elsewhere)
 */
export function tallyRange(address: TileAddress): [number, number, number, number, number] {
  if (address.z > tallyMaxZoom) {
    throw new RangeError(
      `the tally serves tiles of zoom ${tallyMaxZoom} or less, not ${address.z}`,
    );
  }
  const span = 2 ** (tallyGridZoom - address.z);
  return [
    tallyMaxZoom - address.z,
    address.x * span,
    (address.x + 1) * span,
    address.y * span,
    (address.y + 1) * span,
  ];
}

/**
 * The overview cells of a tile of zoom `tallyMaxZoom` or less, as `overviewCells` gives them
 * (row-major, a cell per county), from the tally rows the caller's row-level security shows,
 * filtered again by `filter`; `firstLiveTermEnd` is always null.
 */
export async function tallyCells(
  q: Queryable,
  address: TileAddress,
  filter: TileFilter,
): Promise<OverviewCell[]> {
  return q.query<OverviewCell>(
    `WITH ${tileCte},
     member AS (
       SELECT division_code, state, gx >> $6 AS cx, gy >> $6 AS cy, sum(parcels) AS n,
              sum(area_m2) AS area_m2, sum(sum_x) AS sum_x, sum(sum_y) AS sum_y
       FROM temporary_land_tally
       WHERE gx >= $7 AND gx < $8 AND gy >= $9 AND gy < $10
         AND division_code LIKE $4 AND (NOT $5::boolean OR published)
       GROUP BY division_code, state, cx, cy
       HAVING sum(parcels) > 0
     )
     SELECT least(${tileExtent - 1}, greatest(0, round((sum(sum_x) / sum(n) - tile.x0) / tile.unit)))::int AS x,
            least(${tileExtent - 1}, greatest(0, round((tile.y0 - sum(sum_y) / sum(n)) / tile.unit)))::int AS y,
            division_code AS "divisionCode", sum(n)::int AS count,
            round((sum(area_m2) / ${squareMetresPerMu})::numeric, 1)::float8 AS "areaMu",
            (array_agg(state ORDER BY n DESC, state COLLATE "C"))[1] AS state,
            NULL::text AS "firstLiveTermEnd"
     FROM member, tile
     GROUP BY cy, cx, division_code, tile.x0, tile.y0, tile.unit
     ORDER BY cy, cx, division_code COLLATE "C"`,
    [
      address.z,
      address.x,
      address.y,
      filter.scopeLike,
      filter.publishedOnly,
      ...tallyRange(address),
    ],
  );
}
