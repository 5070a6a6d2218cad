// SQL for vector tiles of the temporary-land register. Two ways to the same tile: PostGIS
// encodes it whole (ST_AsMVTGeom + ST_AsMVT, server mode), or PostGIS clips and quantises each
// parcel to tile units and Node encodes the protobuf (embedded mode: PGlite's PostGIS has no
// protobuf). Both select the same rows with the same GiST-indexed bounding-box filter.
import type { Queryable } from '../../platform/db/db.ts';
import { squareMetresPerMu } from '../domain/record.ts';
import { maxZoom, type TileAddress } from './domain/tile-address.ts';
import {
  layerName,
  simplifyUnits,
  tileBuffer,
  tileExtent,
  type TileField,
  type TileValue,
} from './domain/tile-layer.ts';
import type { Bounds } from './domain/tilejson.ts';

/** Which records a caller's tiles show (row-level security applies as well). */
export interface TileFilter {
  /** LIKE pattern on division_code: '%' nationwide, '3203%' for Xuzhou. */
  scopeLike: string;
  /** The public sees records whose approval has been publicised. */
  publishedOnly: boolean;
}

const worldMercator =
  'ST_MakeEnvelope(-20037508.342789244, -20037508.342789244, 20037508.342789244, 20037508.342789244, 3857)';

/**
 * The tile addressed by $1 z, $2 x, $3 y: its envelope in EPSG:3857, its north-west corner
 * and unit in metres, and, for GiST indexes, the buffered tile in EPSG:4490 (a Mercator
 * rectangle is a lng/lat rectangle, so its bounding box is exact). Every tile query starts
 * with it; its `candidate` CTE then gives each feature's attributes and `mercator` boundary.
 */
export const tileCte = `tile AS (
    SELECT env, ST_XMin(env) AS x0, ST_YMax(env) AS y0, (ST_XMax(env) - ST_XMin(env)) / ${tileExtent} AS unit,
           ST_Transform(ST_TileEnvelope($1, $2, $3, ${worldMercator}, ${tileBuffer / tileExtent}), 4490) AS reach
    FROM ST_TileEnvelope($1, $2, $3) env
  )`;

/** `simplifyUnits` of the zoom in $1, as SQL (the addresses served are zooms 0 to `maxZoom`). */
const simplifyUnitsOfZoom = `(ARRAY[${Array.from({ length: maxZoom + 1 }, (_, z) => simplifyUnits(z)).join(', ')}]::float8[])[$1 + 1]`;

/**
 * What a layer's tiles are drawn from: a table (with any joins), the alias of the one whose
 * `id` (uuid) and `geom` (EPSG:4490) are drawn, a set-returning function that finds candidate
 * ids in a box as the table's owner (under row-level security the planner uses no index for
 * `&&`; migrations 0008, 0029, 0031), and the caller's view as further conditions.
 */
export interface TileSource {
  from: string;
  alias: string;
  /** The call finding ids in the box given as `min_lng, min_lat, max_lng, max_lat` SQL. */
  inBox: (box: string) => string;
  where: string;
}

/** The source's rows reaching the buffered tile: candidates by `inBox`, read back by id. */
export const reachingTile = (source: TileSource) =>
  `${source.alias}.id = ANY (ARRAY(SELECT ${source.inBox('ST_XMin(reach), ST_YMin(reach), ST_XMax(reach), ST_YMax(reach)')}
                            FROM tile))
      AND ${source.alias}.geom && tile.reach AND ${source.where}`;

/**
 * The tile CTE and a `candidate` CTE of the source's rows reaching the tile, with `fid` (the
 * first 52 bits of the uuid), `columns` and `mercator`: the boundary in EPSG:3857 simplified by
 * zoom (`simplifyUnits`), sub-unit slivers left out (see `candidates` below).
 */
export function candidatesOf(source: TileSource, columns: string): string {
  const a = source.alias;
  return `
  ${tileCte},
  candidate AS MATERIALIZED (
    SELECT ('x' || left(replace(${a}.id::text, '-', ''), 13))::bit(52)::bigint AS fid,
           ${columns}, s.mercator
    FROM tile, ${source.from},
         LATERAL (SELECT ST_RemoveRepeatedPoints(ST_Transform(${a}.geom, 3857), tile.unit / 2) AS g) r,
         LATERAL (SELECT ST_Area(r.g) AS area, ST_Perimeter(r.g) AS perimeter) m,
         LATERAL (SELECT ST_Simplify(r.g, least(tile.unit * ${simplifyUnitsOfZoom}, m.area / nullif(m.perimeter, 0))) AS mercator) s
    WHERE ${reachingTile(source)}
      AND 2 * m.area >= m.perimeter * tile.unit
  )`;
}

/**
 * Records visible to the caller, written-off ones left out (history keeps them).
 * @param scope the parameter holding the LIKE pattern; @param published the published-only flag's
 */
export const visibleRecords = (
  scope: string,
  published: string,
) => `t.geom IS NOT NULL AND t.state <> 'written_off'
  AND t.division_code LIKE ${scope} AND (NOT ${published}::boolean OR t.disclosure_published_on IS NOT NULL)`;

/** The records the caller may see ($4 scope LIKE pattern, $5 published only). */
export const visibleRecordSource: TileSource = {
  from: 'temporary_land t',
  alias: 't',
  inBox: (box) => `reclaim_temporary_land_in_box(${box})`,
  where: visibleRecords('$4', '$5'),
};

/**
 * The tile's envelope in EPSG:3857, its north-west corner and unit in metres, and, for the
 * GiST index, the buffered tile in the table's EPSG:4490 (a Mercator rectangle is a lng/lat
 * rectangle, so its bounding box is exact); then the records reaching into it — candidates
 * from the GiST index through `reclaim_temporary_land_in_box` (migration 0008: under row-level
 * security the planner may not use `&&` itself, and every tile scanned the whole table), read
 * by primary key so the policies still decide — with their
 * attributes and their boundary in EPSG:3857 without points closer than half a unit
 * (ST_RemoveRepeatedPoints), then simplified by Douglas–Peucker (ST_Simplify) to a pixel —
 * half a unit at the deepest zoom, which clients over-zoom (`simplifyUnits`).
 * Parcels whose mean width (2 × area / perimeter) is under one unit are left out: at this
 * zoom they are sub-pixel ribbons or specks, and snapping them to the grid leaves arbitrary
 * shards that differ between clipping engines. Both encoders share this step, so they drop
 * exactly the same parcels.
 * Parameters: $1 z, $2 x, $3 y, $4 scope LIKE pattern, $5 published only.
 */
const candidates = candidatesOf(
  visibleRecordSource,
  `t.id::text AS id, t.system_number AS "systemNumber", t.state, t.use_type AS "useType",
           t.project_name AS "projectName", t.division_code AS "divisionCode",
           round((t.area_m2 / ${squareMetresPerMu})::numeric, 2)::float8 AS "areaMu",
           t.term_end::text AS "termEnd"`,
);

const attributes = `fid, id, "systemNumber", state, "useType", "projectName", "divisionCode", "areaMu", "termEnd"`;

const params = (address: TileAddress, filter: TileFilter) => [
  address.z,
  address.x,
  address.y,
  filter.scopeLike,
  filter.publishedOnly,
];

/** The whole tile encoded by PostGIS (empty when no parcel reaches it). Needs protobuf support. */
export async function postgisTile(
  q: Queryable,
  address: TileAddress,
  filter: TileFilter,
): Promise<Uint8Array> {
  return postgisTileOf(q, candidates, attributes, layerName, params(address, filter));
}

/**
 * A tile encoded by PostGIS from `candidates` (the tile CTE and a `candidate` CTE with
 * `attributes`, `fid` and `mercator`), features in `fid` order; empty when none.
 */
export async function postgisTileOf(
  q: Queryable,
  candidates: string,
  attributes: string,
  layer: string,
  parameters: unknown[],
): Promise<Uint8Array> {
  const [row] = await q.query<{ mvt: Uint8Array | null }>(
    `WITH ${candidates}
     SELECT ST_AsMVT(f, '${layer}', ${tileExtent}, 'geom', 'fid') AS mvt
     FROM (SELECT ${attributes}, ST_AsMVTGeom(c.mercator, tile.env, ${tileExtent}, ${tileBuffer}, true) AS geom
           FROM candidate c, tile ORDER BY c.fid) f`,
    parameters,
  );
  return row?.mvt ? new Uint8Array(row.mvt) : new Uint8Array();
}

/** A parcel clipped to a tile, in tile units, ready for the protobuf encoder. */
export interface ClippedFeature<P extends string = TileField> {
  /** The MVT feature id: the first 52 bits of the record's uuid (exact in a JS number). */
  fid: number;
  properties: Record<P, TileValue>;
  /**
   * GeoJSON Polygon or MultiPolygon in tile units (integers; x east, y south from the tile's
   * north-west corner), exterior rings counter-clockwise in those numbers, which is the MVT
   * spec's clockwise on screen.
   */
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
}

/**
 * Each parcel as ST_AsMVTGeom makes it, in SQL that any PostGIS runs: map Mercator metres
 * onto the 4096-unit grid (ST_Affine, y flipped), snap to whole units (ST_SnapToGrid, which
 * also drops repeated points), clip to the buffered tile (ST_Intersection on valid input,
 * skipped when the parcel lies inside), snap and repair again (ST_MakeValid, polygons only),
 * drop what collapsed, and wind rings the MVT way (ST_ForcePolygonCCW in y-down tile units).
 */
export async function clippedFeatures(
  q: Queryable,
  address: TileAddress,
  filter: TileFilter,
): Promise<ClippedFeature[]> {
  return clippedFeaturesOf(q, candidates, attributes, params(address, filter));
}

/** `clippedFeatures` for any `candidates` (see `postgisTileOf`), features in `fid` order. */
export async function clippedFeaturesOf<P extends string>(
  q: Queryable,
  candidates: string,
  attributes: string,
  parameters: unknown[],
): Promise<ClippedFeature<P>[]> {
  const box = `ST_MakeEnvelope(${-tileBuffer}, ${-tileBuffer}, ${tileExtent + tileBuffer}, ${tileExtent + tileBuffer}, 0)`;
  const valid = (g: string) =>
    `CASE WHEN (ST_IsValidDetail(${g})).valid THEN ${g} ELSE ST_CollectionExtract(ST_MakeValid(${g}), 3) END`;
  // MATERIALIZED: each stage once per row (an inlined CTE would repeat its expression per use).
  const rows = await q.query<Record<P, TileValue> & Omit<ClippedFeature<P>, 'properties'>>(
    `WITH ${candidates},
     placed AS MATERIALIZED (
       SELECT ${attributes}, ST_SnapToGrid(ST_SetSRID(ST_Affine(c.mercator,
                1 / tile.unit, 0, 0, -1 / tile.unit, -tile.x0 / tile.unit, tile.y0 / tile.unit), 0), 1) AS g
       FROM candidate c, tile
     ),
     clipped AS MATERIALIZED (
       SELECT ${attributes}, ST_SnapToGrid(CASE WHEN g @ ${box} THEN g ELSE ST_Intersection(${valid('g')}, ${box}) END, 1) AS g
       FROM placed WHERE NOT ST_IsEmpty(g)
     ),
     repaired AS MATERIALIZED (
       SELECT ${attributes}, ST_SnapToGrid(${valid('ST_CollectionExtract(g, 3)')}, 1) AS g FROM clipped
     )
     SELECT ${attributes}, ST_AsGeoJSON(ST_ForcePolygonCCW(g), 0)::json AS geometry
     FROM repaired
     WHERE g IS NOT NULL AND NOT ST_IsEmpty(g) AND ST_Area(g) > 0
     ORDER BY fid`,
    parameters,
  );
  return rows.map(({ fid, geometry, ...properties }) => ({
    fid,
    geometry,
    properties: properties as unknown as Record<P, TileValue>,
  }));
}

/** Whether this database's PostGIS can encode tiles (built with protobuf-c). */
export async function postgisEncodesTiles(q: Queryable): Promise<boolean> {
  try {
    await q.query(
      `SELECT ST_AsMVT(f, 'probe') FROM (SELECT ST_AsMVTGeom(ST_MakeEnvelope(0, 0, 1, 1, 3857), ST_MakeEnvelope(0, 0, 2, 2, 3857)) AS geom) f`,
    );
    return true;
  } catch {
    return false;
  }
}

/** The bounding box of the records the caller may see, or null when there are none. */
export function visibleBounds(q: Queryable, filter: TileFilter): Promise<Bounds | null> {
  return extentOf(q, 'temporary_land t', 't', visibleRecords('$1', '$2'), [
    filter.scopeLike,
    filter.publishedOnly,
  ]);
}

/**
 * The bounding box of the `geom` of `alias` over `from` where `where` holds, or null when no
 * row does.
 */
export async function extentOf(
  q: Queryable,
  from: string,
  alias: string,
  where: string,
  parameters: unknown[],
): Promise<Bounds | null> {
  const [row] = await q.query<{ west: number | null; south: number; east: number; north: number }>(
    `SELECT ST_XMin(e) AS west, ST_YMin(e) AS south, ST_XMax(e) AS east, ST_YMax(e) AS north
     FROM (SELECT ST_Extent(${alias}.geom) AS e FROM ${from} WHERE ${where}) s`,
    parameters,
  );
  return row && row.west !== null ? [row.west, row.south, row.east, row.north] : null;
}
