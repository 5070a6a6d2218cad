// SQL for the vector tiles of an enforcement batch (domain/polygon-tiles.ts): its change
// polygons with their coverage kind and verification, through the register's clipping pipeline
// and encoders (src/register/tiles/tiles.store.ts); zoomed out, counted per cell of the grid
// and county as the register's overview counts parcels (overview.store.ts). Row-level security
// decides as well; the caller's scope and the county picked are prefixes (`^@`, leakproof).
import type { Queryable } from '../../platform/db/db.ts';
import type { TileAddress } from '../../register/tiles/domain/tile-address.ts';
import { countedCellsSql } from '../../register/tiles/overview.store.ts';
import {
  candidatesOf,
  clippedFeaturesOf,
  extentOf,
  postgisTileOf,
  type ClippedFeature,
  type TileSource,
} from '../../register/tiles/tiles.store.ts';
import type { Bounds } from '../../register/tiles/domain/tilejson.ts';
import { polygonLayerName, polygonTileFields, type CoverageKind } from './domain/polygon-tiles.ts';

/** Which polygons a caller's tiles of a batch show. */
export interface PolygonTileFilter {
  batchId: string;
  /** The caller's division as a code prefix ('' nationwide). */
  scopePrefix: string;
  /** A division picked inside it (any level), or null for all of the caller's. */
  divisionCode: string | null;
}

/** The polygon's kind (domain/polygon-tiles.ts) from its coverage row `c`, if any. */
export const coverageKindSql = `CASE WHEN c.status IS NULL THEN 'not_computed'
                   WHEN c.status = 'covered' OR c.primary_cause IS NULL THEN 'covered'
                   ELSE c.primary_cause END`;

/** The batch's polygons in view, from the parameters holding the batch id, scope and pick. */
export const inView = (batch: string, scope: string, picked: string) => `p.batch_id = ${batch}::uuid
  AND p.division_code ^@ ${scope}
  AND (${picked}::text IS NULL OR p.division_code ^@ reclaim_division_prefix(${picked}))`;

/**
 * The batch's polygons in view with their coverage and verification; candidates in a tile's
 * box found as the owner with both filters (migration 0029: under row-level security the
 * planner uses no index for `&&`, nor the better of the batch's and the GiST index for both);
 * the policies decide on the rows read back.
 * Parameters: $1 z, $2 x, $3 y, $4 batch id, $5 scope prefix, $6 picked code.
 */
const batchPolygons: TileSource = {
  from: `change_polygon p
         LEFT JOIN change_polygon_coverage c ON c.polygon_id = p.id`,
  alias: 'p',
  inBox: (box) => `reclaim_change_polygon_in_batch_box($4::uuid, ${box})`,
  where: inView('$4', '$5', '$6'),
};

/** The polygons reaching the buffered tile, simplified by zoom, as the register's. */
const candidates = candidatesOf(
  {
    ...batchPolygons,
    from: `${batchPolygons.from}
         LEFT JOIN change_polygon_verification v ON v.polygon_id = p.id`,
  },
  `p.id::text AS id, p.survey_code AS "surveyCode", c.status, ${coverageKindSql} AS kind,
           coalesce(v.state, 'pending') AS verification, p.division_code AS "divisionCode"`,
);

const attributes = ['fid', ...Object.keys(polygonTileFields).map((f) => `"${f}"`)].join(', ');

export type PolygonTileField = keyof typeof polygonTileFields;

/** A tile query's parameters: $1 z, $2 x, $3 y, $4 batch id, $5 scope prefix, $6 picked code. */
export const polygonTileParams = (address: TileAddress, filter: PolygonTileFilter) => [
  address.z,
  address.x,
  address.y,
  filter.batchId,
  filter.scopePrefix,
  filter.divisionCode,
];

/** The tile encoded by PostGIS (needs protobuf support); empty when no polygon reaches it. */
export function postgisPolygonTile(
  q: Queryable,
  address: TileAddress,
  filter: PolygonTileFilter,
): Promise<Uint8Array> {
  return postgisTileOf(
    q,
    candidates,
    attributes,
    polygonLayerName,
    polygonTileParams(address, filter),
  );
}

/** The tile's polygons clipped and quantised by PostGIS, for the Node encoder. */
export function clippedPolygonFeatures(
  q: Queryable,
  address: TileAddress,
  filter: PolygonTileFilter,
): Promise<ClippedFeature<PolygonTileField>[]> {
  return clippedFeaturesOf<PolygonTileField>(
    q,
    candidates,
    attributes,
    polygonTileParams(address, filter),
  );
}

/** One counted cell: where its polygons are (mean position, whole tile units) and how many. */
export interface PolygonCell {
  x: number;
  y: number;
  divisionCode: string;
  count: number;
  uncovered: number;
  kind: CoverageKind;
}

/**
 * The batch's polygons whose bounding-box centre lies in the tile, counted per cell and county
 * (each polygon in exactly one tile of a zoom, so a zoom's tiles add up to the polygons in
 * view); a tile reads the batch's polygons in its box only (`inBatchBox`).
 */
export function polygonCells(
  q: Queryable,
  address: TileAddress,
  filter: PolygonTileFilter,
): Promise<PolygonCell[]> {
  return q.query<PolygonCell>(
    countedCellsSql(
      batchPolygons,
      `${coverageKindSql} AS kind`,
      `(count(*) FILTER (WHERE kind <> 'covered'))::int AS uncovered,
            coalesce(mode() WITHIN GROUP (ORDER BY kind COLLATE "C") FILTER (WHERE kind <> 'covered'),
                     'covered') AS kind`,
    ),
    polygonTileParams(address, filter),
  );
}

/** The bounding box of the batch's polygons in view, or null when there are none. */
export function polygonBounds(q: Queryable, filter: PolygonTileFilter): Promise<Bounds | null> {
  return extentOf(q, 'change_polygon p', 'p', inView('$1', '$2', '$3'), [
    filter.batchId,
    filter.scopePrefix,
    filter.divisionCode,
  ]);
}
