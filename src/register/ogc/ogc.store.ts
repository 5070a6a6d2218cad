// SQL for the OGC API – Features collections: one page of features (bbox, stable order,
// LIMIT/OFFSET), the matched count, one feature, and the extent. PostGIS writes the GeoJSON
// and swaps the axes for latitude-first CRSs. Row-level security decides what the caller sees;
// the scope filter repeats it (defence in depth). Table and column names are constants.
import type { Queryable } from '../../platform/db/db.ts';
import type { LngLatBox } from './bbox.ts';
import type { CollectionId } from './collections.ts';

interface CollectionSql {
  /** FROM clause; the collection's own table is `t`. */
  from: string;
  /** A json object of the feature's properties. */
  properties: string;
  /** Condition every request carries unless it asks otherwise (written-off records left out). */
  live?: string;
  /**
   * The condition "t's bounding box meets the box", through the functions returning candidate
   * keys by the GiST index (migrations 0008 and 0013; the partitioned layers with their key).
   */
  inBox: (box: string) => string;
}

const currentBatch = `JOIN reference_layer_batch b ON b.id = t.batch_id AND b.status = 'current'`;

/** The register's feature properties (`t` is temporary_land), shared with the nearby search. */
export const temporaryLandProperties = `json_build_object('systemNumber', t.system_number, 'divisionCode', t.division_code, 'state', t.state,
      'projectName', t.project_name, 'projectClass', t.project_class, 'useType', t.use_type,
      'projectOwner', t.project_owner, 'landUser', t.land_user, 'approvalNumber', t.approval_number,
      'approvalDate', t.approval_date, 'approvalBody', t.approval_body, 'approvalLevel', t.approval_level,
      'termStart', t.term_start, 'termEnd', t.term_end, 'registeredOn', t.registered_on,
      'disclosurePublishedOn', t.disclosure_published_on, 'areaM2', round(t.area_m2::numeric, 2),
      'version', t.version, 'updatedAt', t.updated_at)`;

const sqlOf: Record<CollectionId, CollectionSql> = {
  'temporary-land': {
    from: 'temporary_land t',
    properties: temporaryLandProperties,
    live: `t.state <> 'written_off'`,
    inBox: (box) => `t.id IN (SELECT reclaim_temporary_land_in_box(${box}))`,
  },
  'land-class-parcels': {
    from: `land_class_parcel t ${currentBatch} JOIN land_class c ON c.code = t.land_class_code`,
    properties: `json_build_object('divisionCode', t.division_code, 'surveyCode', t.survey_code,
      'landClassCode', t.land_class_code, 'landClassName', c.name_zh, 'areaM2', round(t.area_m2::numeric, 2),
      'surveyYear', b.survey_year)`,
    inBox: (box) =>
      `(t.province_code, t.id) IN (SELECT province_code, id FROM reclaim_land_class_parcel_keys_in_box(${box}))`,
  },
  'permanent-basic-farmland': {
    from: `farmland_parcel t ${currentBatch}`,
    properties: `json_build_object('divisionCode', t.division_code, 'surveyCode', t.survey_code,
      'areaM2', round(t.area_m2::numeric, 2), 'surveyYear', b.survey_year)`,
    inBox: (box) =>
      `(t.province_code, t.id) IN (SELECT province_code, id FROM reclaim_farmland_parcel_keys_in_box(${box}))`,
  },
};

export interface ItemsFilter {
  /** LIKE pattern of the caller's scope. */
  scopeLike: string;
  bbox?: LngLatBox;
  /** Only records in this state (temporary-land). */
  state?: string;
  /** Keep written-off records (temporary-land); a `state` filter decides on its own. */
  includeWrittenOff?: boolean;
}

export interface FeatureRow {
  id: string | number;
  /** GeoJSON MultiPolygon in the requested axis order. */
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
  properties: Record<string, unknown>;
}

/** Parameters numbered as they are added, so conditions can be combined freely. */
function conditions(collection: CollectionId, filter: ItemsFilter) {
  const params: unknown[] = [filter.scopeLike];
  const where = ['t.division_code LIKE $1', 't.geom IS NOT NULL'];
  const add = (value: unknown) => `$${params.push(value)}`;
  if (filter.bbox) {
    const box = filter.bbox.map(add).join(', ');
    // Candidates come through the GiST index (see migration 0008: under row-level security
    // the planner may not use `&&` itself); ST_Envelope turns a box of zero width or height,
    // which OGC allows, into a point or line, since a collapsed polygon intersects nothing.
    where.push(
      sqlOf[collection].inBox(box),
      `ST_Intersects(t.geom, ST_Envelope(ST_MakeEnvelope(${box}, 4490)))`,
    );
  }
  const live = sqlOf[collection].live;
  if (filter.state !== undefined) where.push(`t.state = ${add(filter.state)}`);
  else if (live && !filter.includeWrittenOff) where.push(live);
  return { where: where.join(' AND '), params };
}

/** GeoJSON of `t.geom`, latitude first when the CRS says so (storage is longitude first). */
const geometrySql = (latFirst: boolean) =>
  `ST_AsGeoJSON(${latFirst ? 'ST_FlipCoordinates(t.geom)' : 't.geom'}, 9, 0)::json`;

export interface PageOptions {
  latFirst: boolean;
  limit: number;
  offset: number;
}

/** The page query and its parameters (exported so a test can EXPLAIN it). */
export function pageQuery(collection: CollectionId, filter: ItemsFilter, page: PageOptions) {
  const { from, properties } = sqlOf[collection];
  const { where, params } = conditions(collection, filter);
  const n = params.length;
  return {
    sql: `SELECT t.id, ${geometrySql(page.latFirst)} AS geometry, ${properties} AS properties
     FROM ${from} WHERE ${where} ORDER BY t.id LIMIT $${n + 1} OFFSET $${n + 2}`,
    params: [...params, page.limit, page.offset],
  };
}

/**
 * One page of features ordered by id (a stable key, so pages neither overlap nor skip), the
 * number matched by the same filter, and the time of the snapshot both were read from.
 */
export async function itemsPage(
  q: Queryable,
  collection: CollectionId,
  filter: ItemsFilter,
  page: PageOptions,
): Promise<{ rows: FeatureRow[]; numberMatched: number; timeStamp: Date }> {
  const { from } = sqlOf[collection];
  const { where, params } = conditions(collection, filter);
  const [count] = await q.query<{ n: number; timeStamp: Date }>(
    `SELECT count(*) AS n, now() AS "timeStamp" FROM ${from} WHERE ${where}`,
    params,
  );
  const { sql, params: pageParams } = pageQuery(collection, filter, page);
  const rows = await q.query<FeatureRow>(sql, pageParams);
  return { rows, numberMatched: count?.n ?? 0, timeStamp: count?.timeStamp ?? new Date() };
}

/** One feature by id, in scope; `id` must already have the collection's id type. */
export async function findItem(
  q: Queryable,
  collection: CollectionId,
  id: string,
  scopeLike: string,
  latFirst: boolean,
): Promise<FeatureRow | undefined> {
  const { from, properties } = sqlOf[collection];
  const [row] = await q.query<FeatureRow>(
    `SELECT t.id, ${geometrySql(latFirst)} AS geometry, ${properties} AS properties
     FROM ${from} WHERE t.id = $1 AND t.division_code LIKE $2 AND t.geom IS NOT NULL`,
    [id, scopeLike],
  );
  return row;
}

/** The bounding box of what the caller sees by default ([minLng, minLat, maxLng, maxLat]), or null when nothing. */
export async function extentOf(
  q: Queryable,
  collection: CollectionId,
  scopeLike: string,
): Promise<LngLatBox | null> {
  const { from } = sqlOf[collection];
  const { where, params } = conditions(collection, { scopeLike });
  const [row] = await q.query<{ box: [number, number, number, number] | null }>(
    `SELECT CASE WHEN e IS NULL THEN NULL ELSE json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)) END AS box
     FROM (SELECT ST_Extent(t.geom) AS e FROM ${from} WHERE ${where}) x`,
    params,
  );
  return row?.box ?? null;
}
