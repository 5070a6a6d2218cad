// SQL for vector tiles of the survey reference layers (land-class polygons, permanent basic
// farmland, division boundaries): the current batches only, in the caller's division, through the same clipping
// pipeline and encoders as the register's tiles (src/register/tiles/tiles.store.ts).
import type { Queryable } from '../../platform/db/db.ts';
import type { TileAddress } from '../../register/tiles/domain/tile-address.ts';
import {
  clippedFeaturesOf,
  postgisTileOf,
  tileCte,
  type ClippedFeature,
} from '../../register/tiles/tiles.store.ts';
import { referenceLayerTables, type ReferenceLayer } from '../layers/layers.store.ts';
import { boundaryColumnAt } from './domain/boundary-bands.ts';

/** The layer name inside the tiles (MapLibre's `source-layer`) and each feature's attributes. */
export const referenceTileLayers = {
  land_class: {
    name: 'land_class',
    fields: {
      landClassCode: 'String',
      category: 'String',
      surveyCode: 'String',
      divisionCode: 'String',
    },
  },
  farmland: {
    name: 'farmland',
    fields: { surveyCode: 'String', divisionCode: 'String' },
  },
  /**
   * Division boundaries: the code and name as delivered (XZQDM, XZQMC), the county, and the
   * name again as `label` in the one tile holding the boundary's point on surface, so that a
   * map labels each boundary once rather than once per tile it crosses.
   */
  division: {
    name: 'division',
    fields: { code: 'String', name: 'String', label: 'String', divisionCode: 'String' },
  },
} as const satisfies Record<
  ReferenceLayer,
  { name: string; fields: Record<string, 'String' | 'Number'> }
>;

export type ReferenceTileField<L extends ReferenceLayer> =
  keyof (typeof referenceTileLayers)[L]['fields'] & string;

/**
 * Mercator metres per degree of longitude (EPSG:3857 x is the sphere's radius times the
 * longitude); a degree of latitude is at least as long there.
 */
const mercatorMetresPerDegree = 111_319.490_793_273_6;

/**
 * Each layer's candidates: polygons of current batches reaching the buffered tile, found
 * through the GiST index by the in-box functions of migrations 0013 and 0023 (under row-level
 * security the planner does not use `&&` itself), simplified by zoom and without sub-unit
 * slivers, as the register's tiles are. Division boundaries are drawn at every zoom, so a
 * low-zoom tile reaches whole counties: up to zoom 11 they come from the copy pre-simplified
 * for the tile's zoom band when they were loaded (migration 0025, `boundaryColumnAt`), deeper
 * from the full geometry; either is simplified once more before the projection, in degrees by
 * at most half a tile unit (Douglas–Peucker, ST_Simplify), so a boundary of a hundred thousand
 * vertices is projected with the few hundred that a zoomed-out tile can show. Each boundary is
 * labelled in the tile holding its stored point on surface. Parameters: $1 z, $2 x, $3 y,
 * $4 scope LIKE pattern.
 */
function candidatesOf(
  layer: ReferenceLayer,
  z: number,
  boundaries: BoundarySource,
): { sql: string; attributes: string } {
  const table = referenceLayerTables[layer];
  const columns = {
    land_class: `p.land_class_code AS "landClassCode", lc.category AS "category", p.survey_code AS "surveyCode",`,
    farmland: `p.survey_code AS "surveyCode",`,
    division: `p.boundary_code AS "code", coalesce(p.name, d.name) AS "name",
      CASE WHEN ST_Intersects(p.label_point, ST_Transform(tile.env, 4490))
           THEN coalesce(p.name, d.name) END AS "label",`,
  }[layer];
  const joins = {
    land_class: 'LEFT JOIN land_class lc ON lc.code = p.land_class_code',
    farmland: '',
    division: 'LEFT JOIN division d ON d.code = p.boundary_code',
  }[layer];
  const source =
    layer === 'division'
      ? `ST_Simplify(p.${boundaries === 'banded' ? boundaryColumnAt(z) : 'geom'}, tile.unit / 2 / ${mercatorMetresPerDegree})`
      : 'p.geom';
  const sql = `
  ${tileCte},
  candidate AS MATERIALIZED (
    SELECT p.id AS fid, ${columns} p.division_code AS "divisionCode", s.mercator
    FROM tile, ${table} p
         JOIN reference_layer_batch b ON b.id = p.batch_id AND b.status = 'current'
         ${joins},
         LATERAL (SELECT ST_Simplify(ST_RemoveRepeatedPoints(ST_Transform(${source}, 3857), tile.unit / 2), tile.unit / 2) AS mercator) s
    WHERE (p.province_code, p.id) IN (
            SELECT k.province_code, k.id FROM tile t2,
                   reclaim_${table}_keys_in_box(ST_XMin(t2.reach), ST_YMin(t2.reach), ST_XMax(t2.reach), ST_YMax(t2.reach)) k)
      AND p.geom && tile.reach AND p.division_code LIKE $4
      AND 2 * ST_Area(s.mercator) >= ST_Perimeter(s.mercator) * tile.unit
  )`;
  const attributes = [
    'fid',
    ...Object.keys(referenceTileLayers[layer].fields).map((f) => `"${f}"`),
  ].join(', ');
  return { sql, attributes };
}

/**
 * Where division boundaries come from: the copy of the tile's zoom band ('banded', what Reclaim
 * serves) or always the full geometry ('full', for the tests and the benchmark to compare).
 */
export type BoundarySource = 'banded' | 'full';

const params = (address: TileAddress, scopeLike: string) => [
  address.z,
  address.x,
  address.y,
  scopeLike,
];

/** The whole tile encoded by PostGIS (needs protobuf support); empty when nothing reaches it. */
export function postgisReferenceTile(
  q: Queryable,
  layer: ReferenceLayer,
  address: TileAddress,
  scopeLike: string,
  boundaries: BoundarySource = 'banded',
): Promise<Uint8Array> {
  const { sql, attributes } = candidatesOf(layer, address.z, boundaries);
  return postgisTileOf(
    q,
    sql,
    attributes,
    referenceTileLayers[layer].name,
    params(address, scopeLike),
  );
}

/** The tile's polygons clipped and quantised by PostGIS, for the Node encoder. */
export function clippedReferenceFeatures<L extends ReferenceLayer>(
  q: Queryable,
  layer: L,
  address: TileAddress,
  scopeLike: string,
  boundaries: BoundarySource = 'banded',
): Promise<ClippedFeature<ReferenceTileField<L>>[]> {
  const { sql, attributes } = candidatesOf(layer, address.z, boundaries);
  return clippedFeaturesOf<ReferenceTileField<L>>(q, sql, attributes, params(address, scopeLike));
}

/**
 * A digest of the layer's batches the caller may see — id, status, feature count and version
 * of each — that changes whenever a batch is imported, superseded or filled.
 */
export async function layerGeneration(q: Queryable, layer: ReferenceLayer): Promise<string> {
  const [row] = await q.query<{ generation: string | null }>(
    `SELECT md5(string_agg(id::text || ':' || status || ':' || feature_count || ':' || version, ',' ORDER BY id)) AS generation
     FROM reference_layer_batch WHERE layer = $1`,
    [layer],
  );
  return row?.generation ?? 'none';
}
