// Exports opened by other software, in both storage modes: GDAL's ogrinfo reads the GeoPackage,
// the zipped Shapefile and the KML with the expected features, fields and geometries (compared
// with the stored ones in PostGIS); GDAL's GeoPackage validator passes; a Shapefile reader
// that decides holes by ring orientation (the `shapefile` package) gets the holes and parts.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { open } from 'shapefile';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ogrinfo, ogrinfoInstallHint } from '../../../test/support/ogrinfo.ts';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { systemActor } from '../../identity/domain/actor.ts';
import { loadConfig } from '../../platform/config/config.ts';
import { createServices, type Services } from '../../server/services.ts';
import { cutToUtf8Bytes } from '../formats/shapefile-fields.ts';
import { exportColumns } from './export-columns.ts';
import { longProjectName, seedRecords } from './export.fixtures.ts';
import type { ExportFormat } from './export.service.ts';

const system = systemActor('test');
/** GDAL's GeoPackage validator, shipped by Debian's python3-gdal (a dependency of gdal-bin). */
const validateGpkg = '/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py';

/** Each feature's `id` attribute and geometry WKT from `ogrinfo -al` output. */
function featuresOf(output: string): { id: string; wkt: string }[] {
  return output
    .split(/^OGRFeature\(/m)
    .slice(1)
    .map((block) => ({
      id: /^\s+id \(String\) = (.+)$/m.exec(block)?.[1] ?? '',
      wkt: /^\s+((?:MULTI)?POLYGON .+)$/m.exec(block)?.[1] ?? '',
    }));
}

/** The field names ogrinfo lists in a layer summary ("name: Type (w.p)"). */
const fieldsOf = (summary: string) =>
  [...summary.matchAll(/^(\S+): (?:String|Date|Real|Integer|Integer64) \(/gm)].map((m) => m[1]);

describeEachMode('exports opened by GDAL', (db) => {
  let services: Services;
  let dir: string;
  const paths = new Map<ExportFormat, string>();

  beforeAll(async () => {
    services = createServices(db(), loadConfig({}));
    await seedRecords(services);
    dir = await mkdtemp(join(tmpdir(), 'reclaim-export-'));
    for (const format of ['gpkg', 'shapefile', 'kml'] as const) {
      const file = await services.exports.export(system, format);
      const path = join(dir, file.fileName);
      await writeFile(path, file.bytes);
      paths.set(format, path);
    }
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** Every geometry GDAL read equals the stored one of the record with that id. */
  async function expectStoredGeometries(output: string) {
    const read = featuresOf(output);
    expect(read).toHaveLength(3);
    const rows = await db().query<{ equal: boolean }>(
      `SELECT ST_Equals(ST_GeomFromText(r.wkt, 4490), t.geom) AS equal
       FROM unnest($1::uuid[], $2::text[]) AS r(id, wkt) JOIN temporary_land t ON t.id = r.id`,
      [read.map((f) => f.id), read.map((f) => f.wkt)],
    );
    expect(rows.map((r) => r.equal)).toEqual([true, true, true]);
  }

  it('GeoPackage: one layer of 3 multipolygons in EPSG:4490, every column typed, no warnings', async () => {
    const path = paths.get('gpkg')!;
    const summary = await ogrinfo(['-ro', '-al', '-so', path]);
    expect(summary.stderr).toBe('');
    expect(summary.stdout).toContain('Layer name: temporary_land');
    expect(summary.stdout).toContain('Geometry: Multi Polygon');
    expect(summary.stdout).toContain('Feature Count: 3');
    expect(summary.stdout).toContain('ID["EPSG",4490]');
    expect(fieldsOf(summary.stdout)).toEqual(exportColumns.map((c) => c.name));
    expect(summary.stdout).toMatch(/^approvalDate: Date /m);
    expect(summary.stdout).toMatch(/^areaM2: Real /m);
    const all = await ogrinfo(['-ro', '-al', path]);
    expect(all.stdout).toContain(`projectName (String) = ${longProjectName}`);
    await expectStoredGeometries(all.stdout);
  });

  it("GeoPackage: GDAL's validator finds nothing to report", async () => {
    const run = await new Promise<{ code: number; output: string }>((resolve, reject) =>
      execFile('python3', [validateGpkg, paths.get('gpkg')!], (error, stdout, stderr) => {
        if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT')
          reject(new Error(ogrinfoInstallHint));
        else resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr });
      }),
    );
    expect(run.output).not.toContain('No such file');
    expect(run).toEqual({ code: 0, output: '' });
  });

  it('Shapefile in the zip: 3 polygons, short UTF-8 field names, the long name cut at 254 bytes, CGCS2000', async () => {
    const layer = `/vsizip/${paths.get('shapefile')!}/temporary-land.shp`;
    const summary = await ogrinfo(['-ro', '-al', '-so', layer]);
    expect(summary.stderr).toBe('');
    expect(summary.stdout).toContain('Feature Count: 3');
    expect(summary.stdout).toContain('ID["EPSG",4490]');
    expect(fieldsOf(summary.stdout)).toEqual([
      'id',
      'systemNumb',
      'divisionCo',
      'state',
      'projectNam',
      'projectCla',
      'useType',
      'approvalNu',
      'approvalDa',
      'approvalBo',
      'approvalLe',
      'termStart',
      'termEnd',
      'projectOwn',
      'landUser',
      'declaredAr',
      'areaM2',
      'version',
    ]);
    expect(summary.stdout).toMatch(/^approvalDa: Date /m);
    const all = await ogrinfo(['-ro', '-al', layer]);
    // The .cpg makes GDAL decode UTF-8; the DBF holds the name's first 254 bytes (84 characters).
    const cut = cutToUtf8Bytes(longProjectName, 254);
    expect(cut.length).toBe(84);
    expect(all.stdout).toContain(`projectNam (String) = ${cut}\n`);
    expect(all.stdout).toContain('approvalNu (String) = 贾自然资临〔2026〕12号');
    await expectStoredGeometries(all.stdout);
  });

  it('Shapefile: outer rings clockwise and holes counter-clockwise, as a reader by orientation sees', async () => {
    const entries = unzipSync(await readFile(paths.get('shapefile')!));
    const source = await open(entries['temporary-land.shp']!, entries['temporary-land.dbf'], {
      encoding: 'utf-8',
    });
    const read: { id: string; geometry: unknown }[] = [];
    for (let next = await source.read(); !next.done; next = await source.read())
      read.push({ id: String(next.value.properties?.id), geometry: next.value.geometry });
    const rows = await db().query<{ name: string; equal: boolean; type: string }>(
      `SELECT t.project_name AS name, ST_Equals(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4490), t.geom) AS equal,
              r.geometry::json->>'type' AS type
       FROM unnest($1::uuid[], $2::text[]) AS r(id, geometry) JOIN temporary_land t ON t.id = r.id`,
      [read.map((r) => r.id), read.map((r) => JSON.stringify(r.geometry))],
    );
    const byName = Object.fromEntries(rows.map(({ name, ...rest }) => [name, rest]));
    expect(byName).toEqual({
      [longProjectName]: { equal: true, type: 'Polygon' }, // with its hole
      两块的便道: { equal: true, type: 'MultiPolygon' }, // two parts, a hole in the first
      '=HYPERLINK("http://example.invalid","点我")': { equal: true, type: 'Polygon' },
    });
  });

  it('KML: 3 placemarks with every attribute as a field and the project name as the name', async () => {
    const path = paths.get('kml')!;
    const summary = await ogrinfo(['-ro', '-al', '-so', path]);
    expect(summary.stderr).toBe('');
    expect(summary.stdout).toContain('Feature Count: 3');
    const fields = fieldsOf(summary.stdout);
    for (const c of exportColumns) expect(fields).toContain(c.name);
    expect(summary.stdout).toMatch(/^areaM2: Real /m);
    const all = await ogrinfo(['-ro', '-al', path]);
    expect(all.stdout).toContain(`Name (String) = ${longProjectName}`);
    expect(all.stdout).toContain(
      'description (String) = 状态：已批准；项目类别：交通；用途：材料堆场',
    );
    await expectStoredGeometries(all.stdout);
  });
});
