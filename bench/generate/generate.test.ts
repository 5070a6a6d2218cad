// The synthetic data generator: same seed → byte-identical files; shapes within the stated
// ranges; every geometry valid in PostGIS; loaded rows carry history; and the files it writes
// pass Reclaim's own import check in both storage modes.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachMode } from '../../test/support/test-db.ts';
import { systemActor } from '../../src/identity/domain/actor.ts';
import { createCalendarService } from '../../src/reference/calendar/calendar.service.ts';
import { createRegisterService } from '../../src/register/register.service.ts';
import { createImportService } from '../../src/register/import/import.service.ts';
import divisions from '../../src/reference/divisions/divisions.json' with { type: 'json' };
import { generateDataset, type Dataset } from './dataset.ts';
import { planClusters } from './layout.ts';
import { maxAreaHa, maxVertices, minAreaHa, minVertices } from './shapes.ts';
import { loadDataset } from './write-database.ts';
import { writeDatasetFiles, type Manifest } from './write-files.ts';

const dirs: string[] = [];
async function filesOf(seed: number, parcels: number, chunkSize = 10_000) {
  const dir = await mkdtemp(join(tmpdir(), 'reclaim-gen-'));
  dirs.push(dir);
  const manifest = await writeDatasetFiles(generateDataset({ seed, parcels }), dir, { chunkSize });
  return { dir, manifest };
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const hashes = (m: Manifest) => m.files.map((f) => `${f.path} ${f.sha256}`);

describe('bench data generator', () => {
  it('writes byte-identical files for the same seed, different ones for another', async () => {
    const a = await filesOf(7, 300);
    const b = await filesOf(7, 300);
    const c = await filesOf(8, 300);
    expect(hashes(a.manifest)).toEqual(hashes(b.manifest));
    expect(await readFile(join(a.dir, 'manifest.json'))).toEqual(
      await readFile(join(b.dir, 'manifest.json')),
    );
    expect(hashes(c.manifest)).not.toEqual(hashes(a.manifest));
    expect(a.manifest.files.map((f) => f.format).sort()).toEqual([
      'changes',
      'geojson',
      'gpkg',
      'txt',
    ]);
  });

  it('keeps vertex counts and areas within range, with holes and multipolygons', () => {
    const { parcels, clusters } = generateDataset({ seed: 3, parcels: 3000 });
    expect(parcels).toHaveLength(3000);
    for (const p of parcels) {
      expect(p.vertices).toBeGreaterThanOrEqual(minVertices);
      expect(p.vertices).toBeLessThanOrEqual(maxVertices);
      expect(p.plannedAreaM2 / 10_000).toBeGreaterThan(minAreaHa);
      expect(p.plannedAreaM2 / 10_000).toBeLessThan(maxAreaHa);
    }
    const multi = parcels.filter((p) => p.coordinates.length > 1).length;
    const holed = parcels.filter((p) => p.coordinates.some((poly) => poly.length > 1)).length;
    expect(multi / parcels.length).toBeGreaterThan(0.04);
    expect(holed / parcels.length).toBeGreaterThan(0.06);
    const codes = new Set(parcels.map((p) => p.attributes.code));
    expect(codes.size).toBe(parcels.length);
    expect(clusters.length).toBeGreaterThan(0);
  });

  it('lays 100,000 parcels out over real counties in boxes that do not overlap', () => {
    const plans = planClusters(100_000);
    expect(plans.reduce((n, c) => n + c.parcels, 0)).toBe(100_000);
    const known = new Set(divisions.rows.filter((r) => r[2] === 'county').map((r) => r[0]));
    for (const [i, a] of plans.entries()) {
      expect(known.has(a.site.divisionCode), a.site.divisionCode).toBe(true);
      for (const b of plans.slice(i + 1)) {
        const apart =
          a.box[2] <= b.box[0] ||
          b.box[2] <= a.box[0] ||
          a.box[3] <= b.box[1] ||
          b.box[3] <= a.box[1];
        expect(apart, `${a.site.county} / ${b.site.county}`).toBe(true);
      }
    }
    expect(new Set(plans.map((p) => p.site.divisionCode.slice(0, 2)))).toEqual(
      new Set(['32', '14']),
    );
  });
});

describeEachMode('bench data generator in the database', (db) => {
  let dataset: Dataset;
  beforeAll(async () => {
    dataset = generateDataset({ seed: 11, parcels: 400 });
    await loadDataset(db(), dataset);
  }, 120_000);

  it('loads every approval and layer polygon valid, with history', async () => {
    const [row] = await db().query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM temporary_land) AS parcels,
              (SELECT count(*) FROM temporary_land WHERE NOT ST_IsValid(geom)) AS "invalidParcels",
              (SELECT count(*) FROM land_class_parcel) AS "landClass",
              (SELECT count(*) FROM land_class_parcel WHERE NOT ST_IsValid(geom)) AS "invalidLandClass",
              (SELECT count(*) FROM farmland_parcel) AS farmland,
              (SELECT count(*) FROM farmland_parcel WHERE NOT ST_IsValid(geom)) AS "invalidFarmland",
              (SELECT min(area_m2) FROM temporary_land) AS "minM2",
              (SELECT max(area_m2) FROM temporary_land) AS "maxM2",
              (SELECT min(ST_NPoints(geom) - ST_NRings(geom)) FROM temporary_land) AS "minVertices",
              (SELECT max(ST_NPoints(geom) - ST_NRings(geom)) FROM temporary_land) AS "maxVertices",
              (SELECT count(*) FROM temporary_land WHERE ST_NumGeometries(geom) > 1) AS multi,
              (SELECT count(*) FROM temporary_land WHERE ST_NRings(geom) > ST_NumGeometries(geom)) AS holed,
              (SELECT count(*) FROM record_version WHERE entity = 'temporary_land' AND reason LIKE 'synthetic%') AS versions`,
    );
    expect(row).toMatchObject({
      parcels: 400,
      invalidParcels: 0,
      landClass: dataset.landClass.flat().length,
      invalidLandClass: 0,
      farmland: dataset.farmland.flat().length,
      invalidFarmland: 0,
      versions: 400,
    });
    expect(row!.minM2).toBeGreaterThan(minAreaHa * 10_000);
    expect(row!.maxM2).toBeLessThan(maxAreaHa * 10_000);
    expect(row!.minVertices).toBeGreaterThanOrEqual(minVertices);
    expect(row!.maxVertices).toBeLessThanOrEqual(maxVertices);
    expect(row!.multi).toBeGreaterThan(0);
    expect(row!.holed).toBeGreaterThan(0);
  });

  it('overlaps approvals only lightly, and change polygons mostly partly', async () => {
    const changes = dataset.changes.map((c) =>
      JSON.stringify({ type: 'Polygon', coordinates: c.coordinates }),
    );
    const [row] = await db().query<{
      invalidChanges: number;
      partly: number;
      overlappingPairs: number;
      onLandClass: number;
    }>(
      `WITH c AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(g), 4490) AS geom FROM unnest($1::text[]) AS t(g))
       SELECT (SELECT count(*) FROM c WHERE NOT ST_IsValid(geom)) AS "invalidChanges",
              (SELECT count(*) FROM c WHERE EXISTS (SELECT 1 FROM temporary_land t WHERE ST_Intersects(t.geom, c.geom)
                 AND NOT ST_Covers(t.geom, c.geom))) AS "partly",
              (SELECT count(*) FROM temporary_land a JOIN temporary_land b ON a.id < b.id AND ST_Intersects(a.geom, b.geom)
                 AND ST_Area(ST_Intersection(a.geom, b.geom)::geography) > 0.01) AS "overlappingPairs",
              (SELECT count(*) FROM c WHERE EXISTS (SELECT 1 FROM land_class_parcel l WHERE ST_Covers(l.geom, ST_PointOnSurface(c.geom)))) AS "onLandClass"`,
      [changes],
    );
    expect(row!.invalidChanges).toBe(0);
    expect(row!.partly / changes.length).toBeGreaterThan(0.4);
    expect(row!.overlappingPairs).toBeLessThan(400 * 0.05);
    expect(row!.onLandClass).toBe(changes.length);
  });

  it('writes files that pass Reclaim’s import check in every format', async () => {
    const small = generateDataset({ seed: 12, parcels: 60 });
    const dir = await mkdtemp(join(tmpdir(), 'reclaim-gen-'));
    dirs.push(dir);
    const manifest = await writeDatasetFiles(small, dir, { chunkSize: 25 });
    const imports = createImportService(
      db(),
      createRegisterService(db(), createCalendarService(db())),
    );
    const planned = new Map(small.parcels.map((p) => [p.attributes.code, p.plannedAreaM2]));
    for (const file of manifest.files.filter((f) => f.format !== 'changes')) {
      const report = await imports.check(
        systemActor('test'),
        await readFile(join(dir, file.path)),
        file.path,
        '2026-03-02',
      );
      expect(report.errors, file.path).toEqual([]);
      expect(report.features, file.path).toHaveLength(file.features);
      for (const f of report.features) {
        const expected = planned.get(f.id)!;
        expect(Math.abs(f.area_m2! - expected) / expected, `${file.path} ${f.id}`).toBeLessThan(
          0.01,
        );
      }
    }
    expect(manifest.files.filter((f) => f.format === 'txt').length).toBeGreaterThan(0);
  });
});
