// Every export format read back by our own importers, in both storage modes: the same
// attributes (long Chinese text beyond a DBF's 254 bytes included) and, imported as new
// records, the same geometries (compared in PostGIS) — a hole and a multipolygon included.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { systemActor } from '../../identity/domain/actor.ts';
import { loadConfig } from '../../platform/config/config.ts';
import { createServices, type Services } from '../../server/services.ts';
import { readImportFile } from '../import/read-file.ts';
import { exportColumns, type ExportRow } from './export-columns.ts';
import { longProjectName, seedRecords } from './export.fixtures.ts';
import type { ExportedFile, ExportFormat } from './export.service.ts';
import { exportFeatures } from './export.store.ts';

const system = systemActor('test');

/** An attribute as a comparable value: blank and absent are the same, numbers exact. */
const comparable = (value: unknown) =>
  value === null || value === undefined || value === ''
    ? null
    : typeof value === 'string' || typeof value === 'number'
      ? String(value)
      : JSON.stringify(value);

const formats: { format: ExportFormat; fileName: string; exact: boolean }[] = [
  { format: 'shapefile', fileName: 'temporary-land.zip', exact: true },
  { format: 'gpkg', fileName: 'temporary-land.gpkg', exact: true },
  { format: 'kml', fileName: 'temporary-land.kml', exact: true },
  { format: 'csv', fileName: 'temporary-land.csv', exact: true },
  // GeoJSON keeps 9 decimals (0.1 mm), as RFC 7946 suggests.
  { format: 'geojson', fileName: 'temporary-land.geojson', exact: false },
];

/** The record fields an import sets, for comparing an imported record with its original. */
const recordFields = `project_name, project_class, use_type, approval_number, approval_date, approval_body,
  approval_level, term_start, term_end, project_owner, land_user, declared_area_m2, division_code`;

describeEachMode('exports read back by the importers', (db) => {
  let services: Services;
  let originals: ExportRow[];
  const files = new Map<ExportFormat, ExportedFile>();

  beforeAll(async () => {
    services = createServices(db(), loadConfig({}));
    expect(await seedRecords(services)).toBe(3);
    originals = (
      await exportFeatures(db(), { scopeLike: '%', includeWrittenOff: false }, 'none')
    ).map((f) => f.attributes);
    for (const { format } of formats)
      files.set(format, await services.exports.export(system, format));
  }, 120_000);

  for (const { format, fileName, exact } of formats) {
    describe(format, () => {
      it('names the file and counts the records', () => {
        const file = files.get(format)!;
        expect(file.fileName).toBe(fileName);
        expect(file.features).toBe(3);
      });

      it('reads back every attribute unchanged, long Chinese text included', async () => {
        const file = files.get(format)!;
        const read = await readImportFile(file.bytes, file.fileName);
        expect(read.warnings).toEqual([]);
        expect(read.candidates).toHaveLength(originals.length);
        read.candidates.forEach((candidate, i) => {
          const original = originals[i]!;
          for (const c of exportColumns)
            expect([c.name, comparable(candidate.properties[c.name])]).toEqual([
              c.name,
              comparable(original[c.name]),
            ]);
        });
        expect(read.candidates.map((c) => c.properties.projectName)).toContain(longProjectName);
      });

      it('imports back as records with equal geometries and the same fields', async () => {
        const file = files.get(format)!;
        const result = await services.imports.import(
          system,
          [{ name: file.fileName, bytes: file.bytes }],
          { reason: `re-import ${format}` },
        );
        expect(result.records).toHaveLength(originals.length);
        const rows = await db().query<{
          equal: boolean;
          hausdorff: number;
          areaDiff: number;
          same: boolean;
          parts: number;
          holes: number;
        }>(
          `SELECT ST_Equals(n.geom, o.geom) AS equal, ST_HausdorffDistance(n.geom, o.geom) AS hausdorff,
                  abs(n.area_m2 - o.area_m2) AS "areaDiff",
                  (SELECT row(${recordFields}) FROM temporary_land WHERE id = n.id)
                    IS NOT DISTINCT FROM (SELECT row(${recordFields}) FROM temporary_land WHERE id = o.id) AS same,
                  ST_NumGeometries(n.geom) AS parts, ST_NRings(n.geom) - ST_NumGeometries(n.geom) AS holes
           FROM unnest($1::uuid[], $2::uuid[]) AS pair(new_id, old_id)
           JOIN temporary_land n ON n.id = pair.new_id JOIN temporary_land o ON o.id = pair.old_id
           ORDER BY pair.old_id`,
          [result.records.map((r) => r.id), originals.map((o) => o.id)],
        );
        expect(rows).toHaveLength(originals.length);
        for (const row of rows) {
          expect(row.same).toBe(true);
          if (exact) expect(row.equal).toBe(true);
          expect(row.hausdorff).toBeLessThan(exact ? 1e-12 : 1e-9);
          expect(row.areaDiff).toBeLessThan(exact ? 1e-6 : 1e-3);
        }
        // The hole, the two-part parcel with a hole in one part, and the triangle survive.
        expect(rows.map((r) => [r.parts, r.holes]).sort()).toEqual([
          [1, 0],
          [1, 1],
          [2, 1],
        ]);
      });
    });
  }
});
