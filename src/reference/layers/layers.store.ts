// SQL for the survey reference layers (land-class polygons, permanent basic farmland,
// division boundaries). Only current batches are served; superseded ones are kept for the record.
import type { Queryable } from '../../platform/db/db.ts';

/** The survey layers with patches (地类图斑, 永久基本农田), overlaid against the register. */
export type ParcelLayer = 'land_class' | 'farmland';
/** Every survey reference layer: the parcel layers and the division boundaries (行政区, XZQ). */
export type ReferenceLayer = ParcelLayer | 'division';

/** Each layer's table. */
export const referenceLayerTables = {
  land_class: 'land_class_parcel',
  farmland: 'farmland_parcel',
  division: 'division_boundary',
} as const satisfies Record<ReferenceLayer, string>;

export interface LayerBatch {
  id: string;
  layer: ReferenceLayer;
  divisionCode: string;
  surveyYear: number;
  source: string;
  featureCount: number;
  status: 'current' | 'superseded';
  version: number;
  createdAt: Date;
}

const batchColumns = `id, layer, division_code AS "divisionCode", survey_year AS "surveyYear", source,
  feature_count AS "featureCount", status, version, created_at AS "createdAt"`;

export function listBatches(q: Queryable, scopeLike: string): Promise<LayerBatch[]> {
  return q.query<LayerBatch>(
    `SELECT ${batchColumns} FROM reference_layer_batch WHERE division_code LIKE $1 ORDER BY created_at DESC`,
    [scopeLike],
  );
}

export interface FeatureQuery {
  scopeLike: string;
  /** [minLng, minLat, maxLng, maxLat] in EPSG:4490. */
  bbox: readonly [number, number, number, number];
  limit: number;
}

/** Features as a GeoJSON FeatureCollection built by PostGIS (coordinates [lng, lat], EPSG:4490). */
export async function featuresInBbox(
  q: Queryable,
  layer: ParcelLayer,
  query: FeatureQuery,
): Promise<{ collection: unknown; count: number }> {
  const table = referenceLayerTables[layer];
  const classColumn = layer === 'land_class' ? `, 'landClassCode', p.land_class_code` : '';
  // Candidates come through the GiST index by the in-box function (migrations 0008 and 0013,
  // with the partition key so each is read from its province's partition): under row-level
  // security PostgreSQL does not use the index for && itself.
  const [row] = await q.query<{ collection: unknown; count: number }>(
    `WITH hits AS (
       SELECT p.* FROM ${table} p JOIN reference_layer_batch b ON b.id = p.batch_id AND b.status = 'current'
       WHERE p.division_code LIKE $1 AND (p.province_code, p.id) IN (SELECT province_code, id FROM reclaim_${table}_keys_in_box($2, $3, $4, $5))
         AND ST_Intersects(p.geom, ST_MakeEnvelope($2, $3, $4, $5, 4490))
       ORDER BY p.id LIMIT $6)
     SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
              'type', 'Feature', 'id', p.id, 'geometry', ST_AsGeoJSON(p.geom, 7, 0)::json,
              'properties', json_build_object('divisionCode', p.division_code, 'surveyCode', p.survey_code,
                 'areaM2', round(p.area_m2::numeric, 2)${classColumn}))), '[]'::json)) AS collection,
            count(*) AS count
     FROM hits p`,
    [query.scopeLike, ...query.bbox, query.limit],
  );
  return row ?? { collection: { type: 'FeatureCollection', features: [] }, count: 0 };
}

export interface NewBatch {
  layer: ReferenceLayer;
  divisionCode: string;
  surveyYear: number;
  source: string;
}

export async function insertBatch(q: Queryable, batch: NewBatch): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO reference_layer_batch (layer, division_code, survey_year, source) VALUES ($1, $2, $3, $4) RETURNING id`,
    [batch.layer, batch.divisionCode, batch.surveyYear, batch.source],
  );
  return row!.id;
}

export interface LayerFeature {
  divisionCode: string;
  surveyCode: string | null;
  landClassCode?: string;
  /** GeoJSON Polygon or MultiPolygon, [lng, lat] in EPSG:4490. */
  geometry: unknown;
}

/** Adds features to a batch (areas computed on the ellipsoid) and sets its feature count. */
export async function insertFeatures(
  q: Queryable,
  layer: ParcelLayer,
  batchId: string,
  features: readonly LayerFeature[],
): Promise<void> {
  const payload = JSON.stringify(
    features.map((f) => ({ ...f, geometry: JSON.stringify(f.geometry) })),
  );
  if (layer === 'land_class') {
    await q.query(
      `INSERT INTO land_class_parcel (batch_id, province_code, division_code, survey_code, land_class_code, area_m2, geom)
       SELECT $1, left(f."divisionCode", 2), f."divisionCode", f."surveyCode", f."landClassCode", ST_Area(g::geography), g
       FROM jsonb_to_recordset($2::jsonb) AS f("divisionCode" text, "surveyCode" text, "landClassCode" text, geometry text),
            LATERAL (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f.geometry), 4490)) AS g) geo`,
      [batchId, payload],
    );
  } else {
    await q.query(
      `INSERT INTO farmland_parcel (batch_id, province_code, division_code, survey_code, area_m2, geom)
       SELECT $1, left(f."divisionCode", 2), f."divisionCode", f."surveyCode", ST_Area(g::geography), g
       FROM jsonb_to_recordset($2::jsonb) AS f("divisionCode" text, "surveyCode" text, geometry text),
            LATERAL (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f.geometry), 4490)) AS g) geo`,
      [batchId, payload],
    );
  }
  await countFeatures(q, layer, batchId);
}

/** Sets a batch's feature count from its table. */
async function countFeatures(q: Queryable, layer: ReferenceLayer, batchId: string): Promise<void> {
  await q.query(
    `UPDATE reference_layer_batch SET feature_count = (SELECT count(*) FROM ${referenceLayerTables[layer]} WHERE batch_id = $1) WHERE id = $1`,
    [batchId],
  );
}

export interface BoundaryFeature {
  /** The county (first six digits of the code), which must exist in the division table. */
  divisionCode: string;
  /** 行政区代码 (XZQDM) as delivered: 6, 9 or 12 digits. */
  boundaryCode: string;
  /** 行政区名称 (XZQMC) as delivered. */
  name: string | null;
  /** GeoJSON Polygon or MultiPolygon, [lng, lat] in EPSG:4490. */
  geometry: unknown;
}

/** Adds division boundaries to a batch of the division layer and sets its feature count. */
export async function insertBoundaries(
  q: Queryable,
  batchId: string,
  features: readonly BoundaryFeature[],
): Promise<void> {
  const payload = JSON.stringify(
    features.map((f) => ({ ...f, geometry: JSON.stringify(f.geometry) })),
  );
  await q.query(
    `INSERT INTO division_boundary (batch_id, province_code, division_code, boundary_code, name, area_m2, geom)
     SELECT $1, left(f."divisionCode", 2), f."divisionCode", f."boundaryCode", f.name, ST_Area(g::geography), g
     FROM jsonb_to_recordset($2::jsonb) AS f("divisionCode" text, "boundaryCode" text, name text, geometry text),
          LATERAL (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f.geometry), 4490)) AS g) geo`,
    [batchId, payload],
  );
  await countFeatures(q, 'division', batchId);
}
