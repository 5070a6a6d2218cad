// SQL for the vector tiles of the back-fill review (domain/polygon-tiles.ts): the polygons the
// caller may see, filtered as the list is, through the register's clipping pipeline and
// encoders (src/register/tiles/tiles.store.ts); zoomed out, counted per cell of the grid and
// county (overview.store.ts). Candidates in a tile's box come from migration 0031's function;
// row-level security decides on the rows read back; the caller's scope and the division
// picked are prefixes (`^@`, leakproof).
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
import { classLetters, type BackfillClass } from './domain/classify.ts';
import { backfillLayerName, backfillTileFields } from './domain/polygon-tiles.ts';

/** Which back-fill polygons a caller's tiles show: the list's filters. */
export interface BackfillTileFilter {
  /** The caller's division as a code prefix ('' nationwide). */
  scopePrefix: string;
  batchId: string | null;
  class: BackfillClass | null;
  reviewDue: boolean | null;
  /** A division picked inside the caller's (any level), or null for all of theirs. */
  divisionCode: string | null;
}

/** The polygons in view, from the filter's parameters (`filterParams`) numbered from `$first`. */
function inView(first: number): string {
  const [scope, batch, klass, due, picked] = [0, 1, 2, 3, 4].map((i) => `$${first + i}`);
  return `p.division_code ^@ ${scope}
  AND (${batch}::uuid IS NULL OR p.batch_id = ${batch}::uuid) AND (${klass}::text IS NULL OR p.class = ${klass})
  AND (${due}::boolean IS NULL OR p.review_due = ${due})
  AND (${picked}::text IS NULL OR p.division_code ^@ reclaim_division_prefix(${picked}))`;
}

const backfillPolygons: TileSource = {
  from: 'backfill_polygon p',
  alias: 'p',
  inBox: (box) => `reclaim_backfill_polygon_in_box(${box})`,
  // After the tile's $1 z, $2 x, $3 y.
  where: inView(4),
};

const letterSql = `CASE p.class ${Object.entries(classLetters)
  .map(([c, letter]) => `WHEN '${c}' THEN '${letter}'`)
  .join(' ')} END`;

const candidates = candidatesOf(
  backfillPolygons,
  `p.id::text AS id, p.batch_id::text AS "batchId", p.survey_code AS "surveyCode",
           p.attributes->>'项目名称' AS "projectName", p.class,
           ${letterSql} AS letter,
           CASE WHEN p.review_due THEN 'review_due' WHEN p.override IS NOT NULL THEN 'overridden' END AS mark,
           p.division_code AS "divisionCode"`,
);

const attributes = ['fid', ...Object.keys(backfillTileFields).map((f) => `"${f}"`)].join(', ');

export type BackfillTileField = keyof typeof backfillTileFields;

const filterParams = (filter: BackfillTileFilter) => [
  filter.scopePrefix,
  filter.batchId,
  filter.class,
  filter.reviewDue,
  filter.divisionCode,
];

const params = (address: TileAddress, filter: BackfillTileFilter) => [
  address.z,
  address.x,
  address.y,
  ...filterParams(filter),
];

/** The tile encoded by PostGIS (needs protobuf support); empty when no polygon reaches it. */
export function postgisBackfillTile(
  q: Queryable,
  address: TileAddress,
  filter: BackfillTileFilter,
): Promise<Uint8Array> {
  return postgisTileOf(q, candidates, attributes, backfillLayerName, params(address, filter));
}

/** The tile's polygons clipped and quantised by PostGIS, for the Node encoder. */
export function clippedBackfillFeatures(
  q: Queryable,
  address: TileAddress,
  filter: BackfillTileFilter,
): Promise<ClippedFeature<BackfillTileField>[]> {
  return clippedFeaturesOf<BackfillTileField>(q, candidates, attributes, params(address, filter));
}

/** One counted cell: where its polygons are (mean position, whole tile units) and how many. */
export interface BackfillCell {
  x: number;
  y: number;
  divisionCode: string;
  count: number;
  reviewDue: number;
  class: BackfillClass;
}

/**
 * The polygons in view whose bounding-box centre lies in the tile, counted per cell and county
 * (each polygon in exactly one tile of a zoom, so a zoom's tiles add up to the polygons in view).
 */
export function backfillCells(
  q: Queryable,
  address: TileAddress,
  filter: BackfillTileFilter,
): Promise<BackfillCell[]> {
  return q.query<BackfillCell>(
    countedCellsSql(
      backfillPolygons,
      'p.class, p.review_due',
      `(count(*) FILTER (WHERE review_due))::int AS "reviewDue",
            mode() WITHIN GROUP (ORDER BY class COLLATE "C") AS class`,
    ),
    params(address, filter),
  );
}

/** The bounding box of the polygons in view, or null when there are none. */
export function backfillBounds(q: Queryable, filter: BackfillTileFilter): Promise<Bounds | null> {
  return extentOf(q, 'backfill_polygon p', 'p', inView(1), filterParams(filter));
}
