// The hand-written paths Reclaim's import is measured against: the same rows loaded by COPY
// (server) or batched INSERT … SELECT FROM jsonb (embedded) into a staging table, or by GDAL's
// ogr2ogr; then one INSERT … SELECT into temporary_land that keeps only valid parcels inside
// China, whose triggers compute the ellipsoidal area and write history, as Reclaim's do.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Queryable } from '../../src/platform/db/db.ts';

const run = promisify(execFile);

export const ogr2ogrPath = process.env.RECLAIM_OGR2OGR ?? '/usr/bin/ogr2ogr';

const columns = [
  'code',
  'project_name',
  'project_class',
  'use_type',
  'approval_number',
  'approval_date',
  'approval_body',
  'approval_level',
  'term_start',
  'term_end',
  'project_owner',
  'land_user',
  'area_ha',
  'division_code',
] as const;

interface Feature {
  properties: Record<string, unknown>;
  geometry: unknown;
}

async function featuresOf(path: string): Promise<Feature[]> {
  const doc = JSON.parse(await readFile(path, 'utf8')) as { features: Feature[] };
  return doc.features;
}

/** The one statement that checks and stores the staged rows (geometry column `g`). */
function storeStaged(stage: string, geometry: string): string {
  return `INSERT INTO temporary_land (division_code, province_code, project_name, project_class, use_type,
            approval_number, approval_date, approval_body, approval_level, term_start, term_end,
            project_owner, land_user, declared_area_m2, source, geom)
          SELECT division_code, left(division_code, 2), project_name, project_class, use_type,
            approval_number, approval_date::date, approval_body, approval_level, term_start::date, term_end::date,
            project_owner, land_user, area_ha::float8 * 10000, jsonb_build_object('code', code), g
          FROM (SELECT s.*, ${geometry} AS g FROM ${stage} s) x
          WHERE ST_IsValid(g) AND ST_Within(g, ST_MakeEnvelope(73, 3, 136, 54, 4490))
            AND ST_NPoints(g) <= 100000`;
}

const history = `SELECT set_config('reclaim.actor', 'bench baseline', false),
                        set_config('reclaim.reason', 'benchmark baseline', false)`;

const stageTable = `CREATE TEMPORARY TABLE bench_stage (${columns.map((c) => `${c} text`).join(', ')}, geometry text)`;

/** COPY (text format) of every feature of the GeoJSON files into bench_stage. */
async function copyFiles(client: pg.Client, files: readonly string[]): Promise<void> {
  await client.query(history);
  await client.query(stageTable);
  const escape = (v: unknown) =>
    v === null || v === undefined
      ? '\\N'
      : (typeof v === 'string' ? v : JSON.stringify(v))
          .replace(/\\/g, '\\\\')
          .replace(/\t/g, '\\t')
          .replace(/\n/g, '\\n');
  for (const file of files) {
    const stream = client.query(copyFrom(`COPY bench_stage FROM STDIN`));
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    const lines = (await featuresOf(file)).map(
      (f) =>
        [...columns.map((c) => escape(f.properties[c])), escape(JSON.stringify(f.geometry))].join(
          '\t',
        ) + '\n',
    );
    stream.end(lines.join(''));
    await done;
  }
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** COPY of every feature of the GeoJSON files, then the storing statement. */
export function copyAndStore(url: string, files: readonly string[]): Promise<number> {
  return withClient(url, async (client) => {
    await copyFiles(client, files);
    const result = await client.query(
      storeStaged('bench_stage', `ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(s.geometry), 4490))`),
    );
    return result.rowCount ?? 0;
  });
}

/**
 * The best hand-written, set-based SQL for the database work of Reclaim's import, on rows staged
 * in `stage` (geometry expression `geometry`), as the owner (no row-level security, no located
 * problems, no rules): the checked geometries in a temporary table, the overlay of every parcel
 * with the current land-class and farmland layers in one grouped statement (every piece cut and
 * measured on the ellipsoid, the farmland pieces unioned per parcel), the records stored with
 * their breakdown in one INSERT … SELECT, and the overlaps among them (> 0.01 m²) counted in
 * one self-join.
 */
async function overlayAndStore(
  client: pg.Client,
  stage: string,
  geometry: string,
): Promise<number> {
  await client.query(`SELECT set_config('jit', 'off', false)`);
  await client.query(
    `CREATE TEMPORARY TABLE bench_parcel AS
     SELECT row_number() OVER () AS key, s.* FROM (
       SELECT s.*, ${geometry} AS g FROM ${stage} s OFFSET 0) s
     WHERE ST_IsValid(g) AND ST_Within(g, ST_MakeEnvelope(73, 3, 136, 54, 4490)) AND ST_NPoints(g) <= 100000`,
  );
  await client.query(`CREATE INDEX ON bench_parcel USING gist (g)`);
  await client.query(`ANALYZE bench_parcel`);
  await client.query(
    `CREATE TEMPORARY TABLE bench_breakdown AS
     WITH farmland AS MATERIALIZED (
       SELECT p.key, ST_Union(ST_Intersection(f.geom, p.g)) AS g
       FROM bench_parcel p JOIN farmland_parcel f ON f.geom && p.g AND ST_Intersects(f.geom, p.g)
       JOIN reference_layer_batch b ON b.id = f.batch_id AND b.status = 'current'
       GROUP BY p.key),
     pieces AS MATERIALIZED (
       SELECT p.key, lc.code, lc.category, lc.is_cultivated, ST_Intersection(c.geom, p.g) AS g
       FROM bench_parcel p JOIN land_class_parcel c ON c.geom && p.g AND ST_Intersects(c.geom, p.g)
       JOIN reference_layer_batch b ON b.id = c.batch_id AND b.status = 'current'
       JOIN land_class lc ON lc.code = c.land_class_code),
     measured AS (
       SELECT pieces.key, code, category, is_cultivated, ST_Area(pieces.g::geography) AS m2,
              CASE WHEN farmland.g IS NULL THEN 0 ELSE ST_Area(ST_Intersection(pieces.g, farmland.g)::geography) END AS farm_m2
       FROM pieces LEFT JOIN farmland USING (key))
     SELECT key, jsonb_build_object(
       'cultivatedM2', coalesce(sum(m2 - farm_m2) FILTER (WHERE is_cultivated), 0),
       'farmlandM2', coalesce(sum(farm_m2), 0),
       'forestM2', coalesce(sum(m2 - farm_m2) FILTER (WHERE code LIKE '03%'), 0),
       'otherAgriculturalM2', coalesce(sum(m2 - farm_m2) FILTER (WHERE category = 'agricultural' AND NOT is_cultivated AND code NOT LIKE '03%'), 0),
       'constructionM2', coalesce(sum(m2 - farm_m2) FILTER (WHERE category = 'construction'), 0),
       'unusedM2', coalesce(sum(m2 - farm_m2) FILTER (WHERE category = 'unused' OR category IS NULL), 0),
       'surveyedM2', coalesce(sum(m2), 0)) AS breakdown
     FROM measured GROUP BY key`,
  );
  const result = await client.query(
    `INSERT INTO temporary_land (division_code, province_code, project_name, project_class, use_type,
        approval_number, approval_date, approval_body, approval_level, term_start, term_end,
        project_owner, land_user, declared_area_m2, source, computed_breakdown, geom)
      SELECT division_code, left(division_code, 2), project_name, project_class, use_type,
        approval_number, approval_date::date, approval_body, approval_level, term_start::date, term_end::date,
        project_owner, land_user, area_ha::float8 * 10000, jsonb_build_object('code', code), b.breakdown, g
      FROM bench_parcel p LEFT JOIN bench_breakdown b USING (key)`,
  );
  await client.query(
    `SELECT count(*) FROM bench_parcel a JOIN bench_parcel b ON b.key < a.key AND b.g && a.g
     WHERE ST_Intersects(a.g, b.g) AND ST_Area(ST_Intersection(a.g, b.g)::geography) > 0.01`,
  );
  return result.rowCount ?? 0;
}

/** COPY of every feature of the GeoJSON files, then the hand-written SQL of the import. */
export function copyOverlayAndStore(url: string, files: readonly string[]): Promise<number> {
  return withClient(url, async (client) => {
    await copyFiles(client, files);
    return overlayAndStore(
      client,
      'bench_stage',
      'ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(s.geometry), 4490))',
    );
  });
}

/** Embedded mode has no COPY through Reclaim's driver: batched INSERT … SELECT FROM jsonb. */
export async function insertAndStore(tx: Queryable, files: readonly string[]): Promise<number> {
  await tx.query(history.replace(/false/g, 'true'));
  await tx.exec(`${stageTable} ON COMMIT DROP`);
  for (const file of files) {
    const rows = (await featuresOf(file)).map((f) => ({
      ...f.properties,
      geometry: JSON.stringify(f.geometry),
    }));
    for (let i = 0; i < rows.length; i += 2000) {
      await tx.query(
        `INSERT INTO bench_stage SELECT * FROM jsonb_populate_recordset(NULL::bench_stage, $1::jsonb)`,
        [JSON.stringify(rows.slice(i, i + 2000))],
      );
    }
  }
  const [row] = await tx.query<{ n: number }>(
    `WITH stored AS (${storeStaged('bench_stage', `ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(s.geometry), 4490))`)} RETURNING 1)
     SELECT count(*)::int AS n FROM stored`,
  );
  return row?.n ?? 0;
}

function pgConnection(url: string): string {
  const u = new URL(url);
  return `PG:host=${u.hostname} port=${u.port} user=${decodeURIComponent(u.username)} dbname=${u.pathname.slice(1)}`;
}

/** ogr2ogr of each GeoJSON file into one staging table `ogr_stage` (COPY mode). */
async function ogr2ogrLoad(url: string, files: readonly string[]): Promise<void> {
  for (const file of files) {
    await run(ogr2ogrPath, [
      '-f',
      'PostgreSQL',
      pgConnection(url),
      file,
      '-nln',
      'ogr_stage',
      '-nlt',
      'MULTIPOLYGON',
      '-a_srs',
      'EPSG:4490',
      '-lco',
      'GEOMETRY_NAME=geom',
      '-append',
      '--config',
      'PG_USE_COPY',
      'YES',
    ]);
  }
}

/** ogr2ogr into a staging table, then the storing statement. */
export async function ogr2ogrAndStore(url: string, files: readonly string[]): Promise<number> {
  await ogr2ogrLoad(url, files);
  return withClient(url, async (client) => {
    await client.query(history);
    const result = await client.query(storeStaged('ogr_stage', 'ST_Multi(s.geom)'));
    return result.rowCount ?? 0;
  });
}

/** ogr2ogr into a staging table, then the same hand-written SQL as copyOverlayAndStore. */
export async function ogr2ogrOverlayAndStore(
  url: string,
  files: readonly string[],
): Promise<number> {
  await ogr2ogrLoad(url, files);
  return withClient(url, async (client) => {
    await client.query(history);
    return overlayAndStore(client, 'ogr_stage', 'ST_Multi(s.geom)');
  });
}
