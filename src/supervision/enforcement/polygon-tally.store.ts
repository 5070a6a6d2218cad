// A batch's change polygons counted per zoom-11 tile, county and coverage kind (migration
// 0030), written by the cross-check once the coverage is computed, and the zoomed-out review
// tiles (zooms 0–7) added up from those counts: the same cells as `polygonCells` gives from
// the polygons one by one (polygon-tiles.store.ts), without reading them.
import type { Queryable } from '../../platform/db/db.ts';
import type { TileAddress } from '../../register/tiles/domain/tile-address.ts';
import { tallyGridZoom, tileExtent } from '../../register/tiles/domain/tile-layer.ts';
import { tileCte } from '../../register/tiles/tiles.store.ts';
import { tallyRange } from '../../register/tiles/tally.store.ts';
import {
  coverageKindSql,
  inView,
  polygonTileParams,
  type PolygonCell,
  type PolygonTileFilter,
} from './polygon-tiles.store.ts';

/** Half the width of the Web Mercator world in metres (EPSG:3857). */
const worldHalf = 20037508.342789244;
/** The width in metres of a tile of the tally's zoom. */
const gridTile = (2 * worldHalf) / 2 ** tallyGridZoom;
const lastTile = 2 ** tallyGridZoom - 1;

/**
 * The batch $1's polygons as the tally counts them: `batch_id`, `province_code`,
 * `division_code`, `status` and `primary_cause` of their stored coverage (none before the
 * first cross-check), and `box`, their bounding box. The cross-check passes its own rows
 * instead, the coverage it has just computed (coverage.store.ts).
 */
export const storedPolygons = `SELECT p.batch_id, p.province_code, p.division_code, c.status, c.primary_cause,
         Box2D(p.geom) AS box
  FROM change_polygon p LEFT JOIN change_polygon_coverage c ON c.polygon_id = p.id
  WHERE p.batch_id = $1`;

/**
 * Counts the batch's polygons again (run as the owner, in the cross-check's transaction) from
 * `polygons`, a query with the columns of `storedPolygons`. Each polygon is placed by its
 * bounding-box centre, projected to EPSG:3857 by the spherical Mercator formula; returns the
 * rows written. The box is taken once per polygon (the same doubles as ST_XMin and the others
 * of the geometry, which read the whole geometry again for each side).
 */
export async function tallyBatch(
  q: Queryable,
  batchId: string,
  polygons = storedPolygons,
): Promise<number> {
  await q.query(`DELETE FROM change_polygon_tally WHERE batch_id = $1`, [batchId]);
  const rows = await q.query<{ n: number }>(
    `WITH counted AS (
       INSERT INTO change_polygon_tally (batch_id, province_code, division_code, kind, gx, gy, polygons, sum_x, sum_y)
       SELECT c.batch_id, c.province_code, c.division_code, ${coverageKindSql}, g.gx, g.gy, count(*), sum(m.x), sum(m.y)
       FROM (${polygons} OFFSET 0) c,
            LATERAL (SELECT 6378137 * radians((ST_XMin(c.box) + ST_XMax(c.box)) / 2) AS x,
                            6378137 * ln(tan(pi() / 4 + radians((ST_YMin(c.box) + ST_YMax(c.box)) / 4))) AS y) m,
            LATERAL (SELECT least(${lastTile}, greatest(0, floor((m.x + ${worldHalf}) / ${gridTile})))::int AS gx,
                            least(${lastTile}, greatest(0, floor((${worldHalf} - m.y) / ${gridTile})))::int AS gy) g
       GROUP BY c.batch_id, c.province_code, c.division_code, 4, g.gx, g.gy
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM counted`,
    [batchId],
  );
  return rows[0]?.n ?? 0;
}

/**
 * The cells of a tile of zoom `tallyMaxZoom` or less, as `polygonCells` gives them (row-major,
 * a cell per county), from the batch's counts the caller's row-level security shows.
 * @throws RangeError for a deeper tile (see `tallyRange`)
 */
export async function tallyPolygonCells(
  q: Queryable,
  address: TileAddress,
  filter: PolygonTileFilter,
): Promise<PolygonCell[]> {
  return q.query<PolygonCell>(
    `WITH ${tileCte},
     member AS (
       SELECT p.division_code, p.kind, p.gx >> $7 AS cx, p.gy >> $7 AS cy, sum(p.polygons) AS n,
              sum(p.sum_x) AS sum_x, sum(p.sum_y) AS sum_y
       FROM change_polygon_tally p
       WHERE ${inView('$4', '$5', '$6')} AND p.gx >= $8 AND p.gx < $9 AND p.gy >= $10 AND p.gy < $11
       GROUP BY p.division_code, p.kind, cx, cy
     )
     SELECT least(${tileExtent - 1}, greatest(0, round((sum(sum_x) / sum(n) - tile.x0) / tile.unit)))::int AS x,
            least(${tileExtent - 1}, greatest(0, round((tile.y0 - sum(sum_y) / sum(n)) / tile.unit)))::int AS y,
            division_code AS "divisionCode", sum(n)::int AS count,
            coalesce(sum(n) FILTER (WHERE kind <> 'covered'), 0)::int AS uncovered,
            coalesce((array_agg(kind ORDER BY n DESC, kind COLLATE "C") FILTER (WHERE kind <> 'covered'))[1],
                     'covered') AS kind
     FROM member, tile
     GROUP BY cy, cx, division_code, tile.x0, tile.y0, tile.unit
     ORDER BY cy, cx, division_code COLLATE "C"`,
    [...polygonTileParams(address, filter), ...tallyRange(address)],
  );
}
