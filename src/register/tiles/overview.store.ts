// SQL for the overview layer of zoomed-out tiles: the visible parcels whose bounding-box centre
// lies in the tile, counted per cell of a grid and county, each one point at the mean position
// of its parcels. Only one point per parcel is transformed (the centre of the box PostGIS keeps with
// every geometry), so a tile over ten thousand parcels costs what a few hundred outlines did.
// The same SQL runs in both storage modes; Node writes the protobuf (mvt-encoder.ts).
import type { Queryable } from '../../platform/db/db.ts';
import { squareMetresPerMu } from '../domain/record.ts';
import type { TileAddress } from './domain/tile-address.ts';
import { overviewCellUnits, tileExtent } from './domain/tile-layer.ts';
import {
  reachingTile,
  tileCte,
  visibleRecordSource,
  type TileFilter,
  type TileSource,
} from './tiles.store.ts';

/** One cell of the overview: where its parcels are, in tile units, and what they add up to. */
export interface OverviewCell {
  /** Mean position of the cell's parcels, whole tile units, x east and y south of the corner. */
  x: number;
  y: number;
  divisionCode: string;
  count: number;
  areaMu: number;
  state: string;
  firstLiveTermEnd: string | null;
}

/**
 * States whose parcels should be gone or reclaiming once their term is over (the map outlines
 * such a parcel in red; web/src/map/style.ts lists the same states).
 */
export const termStates = ['approved', 'registered', 'in_use', 'expired'] as const;

/**
 * The overview cells of the tile (a cell per county: the map's county filter hides the
 * others') for the caller, row-level security deciding as well (`countedCellsSql`).
 */
export async function overviewCells(
  q: Queryable,
  address: TileAddress,
  filter: TileFilter,
): Promise<OverviewCell[]> {
  return q.query<OverviewCell>(
    countedCellsSql(
      visibleRecordSource,
      't.state, t.term_end, t.area_m2',
      `round((sum(area_m2) / ${squareMetresPerMu})::numeric, 1)::float8 AS "areaMu",
            mode() WITHIN GROUP (ORDER BY state COLLATE "C") AS state,
            (min(term_end) FILTER (WHERE state IN (${termStates.map((s) => `'${s}'`).join(', ')})))::text AS "firstLiveTermEnd"`,
    ),
    [address.z, address.x, address.y, filter.scopeLike, filter.publishedOnly],
  );
}

/**
 * A query of the counted cells of the tile addressed by $1 z, $2 x, $3 y: the source's rows
 * reaching the tile whose bounding-box centre lies in it, grouped per cell of the grid and
 * county, each cell `x`, `y` (the mean position in whole tile units), `"divisionCode"`,
 * `count` and the `aggregates` over `member` (the source's `division_code`, `columns`, and
 * `ux`, `uy`), in row-major order. A row belongs to the one tile of a zoom that holds its
 * centre (x and y in [0, extent)), so the counts of a zoom's tiles add up, none twice.
 */
export function countedCellsSql(source: TileSource, columns: string, aggregates: string): string {
  const a = source.alias;
  const cell = (u: string) => `floor(${u} / ${overviewCellUnits})`;
  return `WITH ${tileCte},
     member AS MATERIALIZED (
       SELECT ${a}.division_code, ${columns},
              (ST_X(m.centre) - tile.x0) / tile.unit AS ux, (tile.y0 - ST_Y(m.centre)) / tile.unit AS uy
       FROM tile, ${source.from},
            LATERAL (SELECT ST_Transform(ST_Centroid(ST_Envelope(${a}.geom)), 3857) AS centre) m
       WHERE ${reachingTile(source)}
     )
     SELECT round(avg(ux))::int AS x, round(avg(uy))::int AS y, division_code AS "divisionCode",
            count(*)::int AS count, ${aggregates}
     FROM member
     WHERE ux >= 0 AND ux < ${tileExtent} AND uy >= 0 AND uy < ${tileExtent}
     GROUP BY ${cell('uy')}, ${cell('ux')}, division_code
     ORDER BY ${cell('uy')}, ${cell('ux')}, division_code COLLATE "C"`;
}
