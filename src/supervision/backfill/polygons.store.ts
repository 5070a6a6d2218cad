// SQL for back-fill polygons with their decisions, the registered records a polygon overlaps
// and overlaps between the polygons of one batch. Geometry goes in as GeoJSON ([lng, lat],
// EPSG:4490); areas are on the ellipsoid.
import type { Queryable } from '../../platform/db/db.ts';
import type { RecordState } from '../../register/domain/lifecycle.ts';
import type { BackfillClass, Decision } from './domain/classify.ts';
import type { PolygonFacts } from './domain/polygon-facts.ts';

/** Patch numbers of `codes` already back-filled in the county for the survey year. */
export async function takenSurveyCodes(
  q: Queryable,
  divisionCode: string,
  surveyYear: number,
  codes: readonly string[],
): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await q.query<{ code: string }>(
    `SELECT survey_code AS code FROM backfill_polygon
     WHERE division_code = $1 AND survey_year = $2 AND survey_code = ANY($3::text[])`,
    [divisionCode, surveyYear, codes],
  );
  return new Set(rows.map((r) => r.code));
}

/**
 * Pairs of a batch's polygons that share at least `share` of the smaller one's area (the
 * survey delivers patches that do not overlap; such pairs are the same land twice).
 * Positions are indexes into `geometries`.
 */
export function overlappingPairs(
  q: Queryable,
  geometries: readonly unknown[],
  share: number,
): Promise<{ a: number; b: number; share: number }[]> {
  return q.query(
    `WITH g AS (
       SELECT (ord - 1)::int AS i, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(value::text), 4490)) AS geom
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, ord)),
     m AS (SELECT i, geom, ST_Area(geom::geography) AS m2 FROM g)
     SELECT x.i AS a, y.i AS b,
            ST_Area(ST_Intersection(x.geom, y.geom)::geography) / nullif(least(x.m2, y.m2), 0) AS share
     FROM m x JOIN m y ON x.i < y.i AND x.geom && y.geom AND ST_Intersects(x.geom, y.geom)
     WHERE ST_Area(ST_Intersection(x.geom, y.geom)::geography) >= $2 * least(x.m2, y.m2)
     ORDER BY 1, 2`,
    [JSON.stringify(geometries), share],
  );
}

export interface OverlapCandidate {
  recordId: string;
  systemNumber: string | null;
  state: RecordState;
  sharedM2: number;
  /** Shared area over the smaller of the polygon and the record. */
  share: number;
}

/**
 * Registered records (live or accepted; not written off or converted) the polygon overlaps,
 * largest shared area first. Candidates come through the GiST index (migration 0008's
 * function) and are read under row-level security.
 */
export function overlapQuery(geometry: unknown, scopeLike: string) {
  return {
    sql: `WITH p AS (SELECT g, ST_Area(g::geography) AS m2
                FROM (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)) AS g) x),
     hits AS (
       SELECT t.id, t.system_number, t.state, t.area_m2, ST_Area(ST_Intersection(t.geom, p.g)::geography) AS shared, p.m2
       FROM p, temporary_land t
       -- uncorrelated (parameters only), so the candidates become an index condition
       WHERE t.id IN (SELECT reclaim_temporary_land_in_box(ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b))
                      FROM (SELECT ST_GeomFromGeoJSON($1)::box2d AS b) box)
         AND t.division_code LIKE $2 AND t.state NOT IN ('written_off', 'converted')
         AND ST_Intersects(t.geom, p.g))
     SELECT id AS "recordId", system_number AS "systemNumber", state, shared AS "sharedM2",
            shared / nullif(least(m2, area_m2), 0) AS share
     FROM hits WHERE shared > 0.01 ORDER BY shared DESC, id`,
    params: [JSON.stringify(geometry), scopeLike],
  };
}

export function overlappingRecords(
  q: Queryable,
  geometry: unknown,
  scopeLike: string,
): Promise<OverlapCandidate[]> {
  const { sql, params } = overlapQuery(geometry, scopeLike);
  return q.query<OverlapCandidate>(sql, params);
}

export interface PolygonRow {
  id: string;
  batchId: string;
  divisionCode: string;
  surveyYear: number;
  file: string;
  feature: number;
  surveyCode: string | null;
  attributes: Record<string, unknown>;
  facts: PolygonFacts;
  areaM2: number;
  class: BackfillClass;
  decision: Decision;
  override: Override | null;
  reviewDue: boolean;
  recordId: string | null;
  recordLink: 'created' | 'linked' | null;
  recordState: RecordState | null;
  systemNumber: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A supervisor's ruling on a polygon. */
export interface Override {
  class: BackfillClass;
  /** What the classifier said when the supervisor ruled. */
  classifierClass: BackfillClass;
  by: string;
  role: string;
  on: string;
  reason: string;
}

const polygonColumns = `p.id, p.batch_id AS "batchId", p.division_code AS "divisionCode", p.survey_year AS "surveyYear",
  p.file, p.feature, p.survey_code AS "surveyCode", p.attributes, p.facts, p.area_m2 AS "areaM2", p.class, p.decision,
  p.override, p.review_due AS "reviewDue", p.record_id AS "recordId", p.record_link AS "recordLink",
  t.state AS "recordState", t.system_number AS "systemNumber", p.version, p.created_at AS "createdAt",
  p.updated_at AS "updatedAt"`;
const polygonFrom = `backfill_polygon p LEFT JOIN temporary_land t ON t.id = p.record_id`;

/** Where a polygon comes from and what it is, as the survey delivered it. */
export interface PolygonSource {
  batchId: string;
  divisionCode: string;
  surveyYear: number;
  file: string;
  feature: number;
  surveyCode: string | null;
  attributes: Record<string, unknown>;
  /** GeoJSON MultiPolygon, [lng, lat] in EPSG:4490. */
  geometry: unknown;
}

export async function insertPolygon(
  q: Queryable,
  p: PolygonSource & {
    facts: PolygonFacts;
    class: BackfillClass;
    decision: Decision;
    reviewDue: boolean;
  },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO backfill_polygon (batch_id, province_code, division_code, survey_year, file, feature, survey_code,
       attributes, facts, geom, area_m2, class, decision, review_due)
     SELECT $1, left($2, 2), $2, $3, $4, $5, $6, $7, $8, g, ST_Area(g::geography), $10, $11, $12
     FROM (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($9), 4490)) AS g) x
     RETURNING id`,
    [
      p.batchId,
      p.divisionCode,
      p.surveyYear,
      p.file,
      p.feature,
      p.surveyCode,
      JSON.stringify(p.attributes),
      JSON.stringify(p.facts),
      JSON.stringify(p.geometry),
      p.class,
      JSON.stringify(p.decision),
      p.reviewDue,
    ],
  );
  return row!.id;
}

/** Changes a polygon when its version is still `version`; false when it is not. */
export async function updatePolygon(
  q: Queryable,
  id: string,
  version: number,
  change: {
    class?: BackfillClass;
    decision?: Decision;
    override?: Override;
    reviewDue?: boolean;
    record?: { id: string; link: 'created' | 'linked' } | null;
  },
): Promise<boolean> {
  const sets: string[] = [];
  const values: unknown[] = [id, version];
  const set = (column: string, value: unknown, cast = '') => {
    values.push(value);
    sets.push(`${column} = $${values.length}${cast}`);
  };
  if (change.class !== undefined) set('class', change.class);
  if (change.decision !== undefined) set('decision', JSON.stringify(change.decision), '::jsonb');
  if (change.override !== undefined) set('override', JSON.stringify(change.override), '::jsonb');
  if (change.reviewDue !== undefined) set('review_due', change.reviewDue);
  if (change.record !== undefined) {
    set('record_id', change.record?.id ?? null, '::uuid');
    set('record_link', change.record?.link ?? null);
  }
  if (sets.length === 0) sets.push('version = version');
  const rows = await q.query(
    `UPDATE backfill_polygon SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING id`,
    values,
  );
  return rows.length === 1;
}

/** A polygon with its shape as GeoJSON. */
export type PolygonWithGeometry = PolygonRow & { geometry: PolygonFeature['geometry'] };

/** The polygon `id` if the caller's scope holds it, with its shape when asked. */
export async function findPolygon(
  q: Queryable,
  id: string,
  scopeLike: string,
): Promise<PolygonRow | undefined>;
export async function findPolygon(
  q: Queryable,
  id: string,
  scopeLike: string,
  withGeometry: true,
): Promise<PolygonWithGeometry | undefined>;
export async function findPolygon(
  q: Queryable,
  id: string,
  scopeLike: string,
  withGeometry = false,
): Promise<PolygonRow | undefined> {
  const geometry = withGeometry ? `, ST_AsGeoJSON(p.geom, 9, 0)::json AS geometry` : '';
  const [row] = await q.query<PolygonRow>(
    `SELECT ${polygonColumns}${geometry} FROM ${polygonFrom} WHERE p.id = $1 AND p.division_code LIKE $2`,
    [id, scopeLike],
  );
  return row;
}

export interface PolygonFilter {
  scopeLike: string;
  batchId?: string;
  class?: BackfillClass;
  reviewDue?: boolean;
  divisionCode?: string;
  limit: number;
  offset: number;
}

/** The filter as SQL over `backfill_polygon p`: parameters $1…$5. */
function polygonWhere(filter: Omit<PolygonFilter, 'limit' | 'offset'>) {
  return {
    where: `p.division_code LIKE $1 AND ($2::uuid IS NULL OR p.batch_id = $2::uuid)
    AND ($3::text IS NULL OR p.class = $3) AND ($4::boolean IS NULL OR p.review_due = $4)
    AND ($5::text IS NULL OR p.division_code LIKE reclaim_division_prefix($5) || '%')`,
    params: [
      filter.scopeLike,
      filter.batchId ?? null,
      filter.class ?? null,
      filter.reviewDue ?? null,
      filter.divisionCode ?? null,
    ],
  };
}

/** A back-fill polygon on the map: its shape and what colours and names it. */
export interface PolygonFeature {
  type: 'Feature';
  id: string;
  /** [lng, lat] in EPSG:4490. */
  geometry: { type: 'MultiPolygon'; coordinates: unknown[] };
  properties: {
    id: string;
    batchId: string;
    divisionCode: string;
    surveyCode: string | null;
    projectName: string | null;
    areaM2: number;
    class: BackfillClass;
    reviewDue: boolean;
    overridden: boolean;
  };
}

/** The filtered polygons as GeoJSON features, in the list's order; PostGIS writes the shapes. */
export async function polygonFeatures(
  q: Queryable,
  filter: PolygonFilter,
): Promise<{ features: PolygonFeature[]; total: number }> {
  const { where, params } = polygonWhere(filter);
  const features = await q.query<PolygonFeature>(
    `SELECT 'Feature' AS type, p.id, ST_AsGeoJSON(p.geom, 9, 0)::json AS geometry,
       json_build_object('id', p.id, 'batchId', p.batch_id, 'divisionCode', p.division_code,
         'surveyCode', p.survey_code, 'projectName', p.attributes->>'项目名称', 'areaM2', p.area_m2,
         'class', p.class, 'reviewDue', p.review_due, 'overridden', p.override IS NOT NULL) AS properties
     FROM backfill_polygon p WHERE ${where}
     ORDER BY p.batch_id, p.file, p.feature LIMIT $6 OFFSET $7`,
    [...params, filter.limit, filter.offset],
  );
  return { features, total: await countPolygons(q, where, params) };
}

async function countPolygons(q: Queryable, where: string, params: unknown[]): Promise<number> {
  const [count] = await q.query<{ n: number }>(
    `SELECT count(*) AS n FROM backfill_polygon p WHERE ${where}`,
    params,
  );
  return count?.n ?? 0;
}

export async function listPolygons(
  q: Queryable,
  filter: PolygonFilter,
): Promise<{ items: PolygonRow[]; total: number }> {
  const { where, params } = polygonWhere(filter);
  const items = await q.query<PolygonRow>(
    `SELECT ${polygonColumns} FROM ${polygonFrom} WHERE ${where}
     ORDER BY p.batch_id, p.file, p.feature LIMIT $6 OFFSET $7`,
    [...params, filter.limit, filter.offset],
  );
  return { items, total: await countPolygons(q, where, params) };
}
