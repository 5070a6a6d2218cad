// SQL for reading change polygons in the caller's scope: a filtered page as a GeoJSON
// FeatureCollection built by PostGIS, and one polygon with its coverage, verification and the
// records involved. Coordinates are [lng, lat] in EPSG:4490.
import type { Queryable } from '../../platform/db/db.ts';
import type { CoverageCause, CoverageStatus } from './domain/coverage.ts';
import type { VerificationState } from './domain/verification.ts';
import type { NewPolygon } from './batches.store.ts';
import { coverageColumns } from './coverage.store.ts';

export interface PolygonFilter {
  /** Scope prefix ('' for the nation). */
  prefix: string;
  batchId?: string;
  divisionCode?: string;
  month?: string;
  status?: CoverageStatus;
  /** Polygons where this cause's area exceeds the tolerance. */
  cause?: CoverageCause;
  verification?: VerificationState;
  /** Include polygons of superseded batches (default: current batches only). */
  includeSuperseded?: boolean;
  /** [minLng, minLat, maxLng, maxLat], EPSG:4490. */
  bbox?: readonly [number, number, number, number];
  limit: number;
  offset: number;
}

const causeColumn: Record<CoverageCause, string> = {
  use_differs: 'use_differs_m2',
  not_registered: 'not_registered_m2',
  expired: 'expired_m2',
  outside: 'outside_m2',
};

function where(filter: PolygonFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [filter.prefix];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  // Prefixes by `^@`, which is leakproof: under row-level security an index may serve it.
  const parts = [`p.division_code ^@ $1`];
  if (filter.batchId) parts.push(`p.batch_id = ${add(filter.batchId)}::uuid`);
  // A division of any level picked inside the caller's: a city's code names its counties too.
  if (filter.divisionCode)
    parts.push(`p.division_code ^@ reclaim_division_prefix(${add(filter.divisionCode)})`);
  if (filter.month) parts.push(`b.month = ${add(filter.month)}`);
  if (!filter.includeSuperseded) parts.push(`b.status = 'current'`);
  if (filter.status) parts.push(`c.status = ${add(filter.status)}`);
  if (filter.cause) parts.push(`c.${causeColumn[filter.cause]} > c.tolerance_m2`);
  if (filter.verification) parts.push(`coalesce(v.state, 'pending') = ${add(filter.verification)}`);
  if (filter.bbox) {
    const [a, b, c, d] = filter.bbox.map(add) as [string, string, string, string];
    // Candidates through the GiST index (RLS would keep && from using it), then the exact test.
    parts.push(
      `p.id IN (SELECT reclaim_change_polygon_in_box(${a}, ${b}, ${c}, ${d}))`,
      `ST_Intersects(p.geom, ST_MakeEnvelope(${a}, ${b}, ${c}, ${d}, 4490))`,
    );
  }
  return { sql: parts.join(' AND '), params };
}

const from = `change_polygon p
  JOIN enforcement_batch b ON b.id = p.batch_id
  LEFT JOIN change_polygon_coverage c ON c.polygon_id = p.id
  LEFT JOIN change_polygon_verification v ON v.polygon_id = p.id`;

/** A page of polygons as a GeoJSON FeatureCollection, and how many match in all. */
export async function listPolygons(
  q: Queryable,
  filter: PolygonFilter,
): Promise<{ collection: { type: 'FeatureCollection'; features: unknown[] }; total: number }> {
  const { sql, params } = where(filter);
  const n = params.length;
  const [row] = await q.query<{ collection: { type: 'FeatureCollection'; features: unknown[] } }>(
    `WITH hits AS (
       SELECT p.id, p.batch_id, b.source, b.month, b.external_id, p.survey_code, p.division_code, p.change_type,
              p.land_class_code, p.observed_use, p.area_m2, p.geom, c.covered_m2, c.use_differs_m2,
              c.not_registered_m2, c.expired_m2, c.outside_m2, c.status, c.primary_cause, v.state, v.verdict
       FROM ${from} WHERE ${sql}
       ORDER BY b.month DESC, p.batch_id, p.file_name, p.feature, p.id
       LIMIT $${n + 1} OFFSET $${n + 2})
     SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
       'type', 'Feature', 'id', h.id, 'geometry', ST_AsGeoJSON(h.geom, 9, 0)::json,
       'properties', json_build_object(
         'id', h.id, 'batchId', h.batch_id, 'source', h.source, 'month', h.month, 'externalBatchId', h.external_id,
         'surveyCode', h.survey_code, 'divisionCode', h.division_code, 'changeType', h.change_type,
         'landClassCode', h.land_class_code, 'observedUse', h.observed_use, 'areaM2', h.area_m2,
         'coveredM2', h.covered_m2,
         'coverage', CASE WHEN h.area_m2 > 0 AND h.covered_m2 IS NOT NULL THEN least(1, h.covered_m2 / h.area_m2) END,
         'status', h.status, 'primaryCause', h.primary_cause,
         'causes', CASE WHEN h.status IS NULL THEN NULL ELSE json_build_object('use_differs', h.use_differs_m2,
           'not_registered', h.not_registered_m2, 'expired', h.expired_m2, 'outside', h.outside_m2) END,
         'verification', coalesce(h.state, 'pending'), 'verdict', h.verdict))), '[]'::json)) AS collection
     FROM hits h`,
    [...params, filter.limit, filter.offset],
  );
  const [count] = await q.query<{ n: number }>(
    `SELECT count(*) AS n FROM ${from} WHERE ${sql}`,
    params,
  );
  return {
    collection: row?.collection ?? { type: 'FeatureCollection', features: [] },
    total: count?.n ?? 0,
  };
}

export interface PolygonRow extends Pick<
  NewPolygon,
  | 'divisionCode'
  | 'fileName'
  | 'feature'
  | 'surveyCode'
  | 'changeType'
  | 'landClassCode'
  | 'detectedOn'
  | 'observedUse'
  | 'attributes'
> {
  id: string;
  batchId: string;
  source: string;
  month: string;
  externalBatchId: string;
  batchStatus: 'current' | 'superseded';
  areaM2: number;
  geometry: unknown;
  coverage: {
    areaM2: number;
    coveredM2: number;
    coveredRecords: string[];
    causes: Record<CoverageCause, { areaM2: number; records: string[] }>;
    toleranceM2: number;
    status: CoverageStatus;
    primaryCause: CoverageCause | null;
    computedAt: Date;
  } | null;
}

export async function findPolygon(
  q: Queryable,
  id: string,
  prefix: string,
): Promise<PolygonRow | undefined> {
  const [row] = await q.query<PolygonRow>(
    `SELECT p.id, p.batch_id AS "batchId", b.source, b.month, b.external_id AS "externalBatchId",
            b.status AS "batchStatus", p.division_code AS "divisionCode", p.file_name AS "fileName", p.feature,
            p.survey_code AS "surveyCode", p.change_type AS "changeType", p.land_class_code AS "landClassCode",
            p.detected_on AS "detectedOn", p.observed_use AS "observedUse", p.attributes, p.area_m2 AS "areaM2",
            ST_AsGeoJSON(p.geom, 9, 0)::json AS geometry,
            CASE WHEN c.polygon_id IS NULL THEN NULL ELSE
              (SELECT to_json(x) FROM (SELECT ${coverageColumns}, c.computed_at AS "computedAt") x) END AS coverage
     FROM change_polygon p JOIN enforcement_batch b ON b.id = p.batch_id
     LEFT JOIN change_polygon_coverage c ON c.polygon_id = p.id
     WHERE p.id = $1 AND p.division_code LIKE $2 || '%'`,
    [id, prefix],
  );
  return row;
}

/** The records a coverage names, as the caller may see them (others: id only, `visible` false). */
export interface InvolvedRecord {
  id: string;
  visible: boolean;
  systemNumber: string | null;
  projectName: string | null;
  state: string | null;
  useType: string | null;
  divisionCode: string | null;
  termStart: string | null;
  termEnd: string | null;
}

export function involvedRecords(q: Queryable, ids: readonly string[]): Promise<InvolvedRecord[]> {
  return q.query<InvolvedRecord>(
    `SELECT i.id, t.id IS NOT NULL AS visible, t.system_number AS "systemNumber", t.project_name AS "projectName",
            t.state, t.use_type AS "useType", t.division_code AS "divisionCode",
            coalesce(t.term_start, t.approval_date) AS "termStart",
            coalesce((t.extensions -> -1 ->> 'newTermEnd')::date, t.term_end) AS "termEnd"
     FROM unnest($1::uuid[]) AS i(id) LEFT JOIN temporary_land t ON t.id = i.id
     ORDER BY t.system_number NULLS LAST, i.id`,
    [ids],
  );
}
