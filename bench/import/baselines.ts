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

/** COPY (text format) of every feature of the GeoJSON files, then the storing statement. */
export async function copyAndStore(url: string, files: readonly string[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
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
    const result = await client.query(
      storeStaged('bench_stage', `ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(s.geometry), 4490))`),
    );
    return result.rowCount ?? 0;
  } finally {
    await client.end();
  }
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

/** ogr2ogr of each GeoJSON file into one staging table (COPY mode), then the storing statement. */
export async function ogr2ogrAndStore(url: string, files: readonly string[]): Promise<number> {
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
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(history);
    const result = await client.query(storeStaged('ogr_stage', 'ST_Multi(s.geom)'));
    return result.rowCount ?? 0;
  } finally {
    await client.end();
  }
}
