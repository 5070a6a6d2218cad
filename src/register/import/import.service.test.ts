// Imports and checks on files made here the way bureaus make them: a GBK coordinate txt with
// zone-prefixed Gauss–Krüger coordinates (zone 39, Xuzhou) and a hole; GeoJSON with Chinese
// attribute names. All or nothing; every problem located.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { systemActor } from '../../identity/domain/actor.ts';
import type { Db } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors.ts';
import { createServices, type Services } from '../../server/services.ts';
import { loadConfig } from '../../platform/config/config.ts';
import { loadDemo } from '../../demo/load-demo.ts';
import { writeCoordinateTxt } from '../formats/coordinate-txt/write.ts';
import { createImportService } from './import.service.ts';
import type { CoordinateTxtParcel } from '../formats/coordinate-txt/model.ts';

type Ring = [number, number][];

/** Projects [lng, lat] rings to EPSG:4527 (zone 39, prefixed) as txt points (x = northing). */
async function txtRings(db: Db, rings: Ring[]): Promise<CoordinateTxtParcel['rings']> {
  const out: CoordinateTxtParcel['rings'] = [];
  for (const [r, ring] of rings.entries()) {
    const rows = await db.query<{ x: number; y: number }>(
      `SELECT round(ST_Y(p)::numeric, 3)::float8 AS x, round(ST_X(p)::numeric, 3)::float8 AS y
       FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS t(lng, lat, i),
            LATERAL (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(lng, lat), 4490), 4527) AS p) g ORDER BY i`,
      [ring.map((c) => c[0]), ring.map((c) => c[1])],
    );
    out.push({
      ring: r + 1,
      closedAsWritten: true,
      points: rows.map((row, i) => ({ name: `J${i + 1}`, x: row.x, y: row.y, line: 0 })),
    });
  }
  return out;
}

const square = (lng: number, lat: number, size: number): Ring => [
  [lng, lat],
  [lng + size, lat],
  [lng + size, lat + size],
  [lng, lat + size],
  [lng, lat],
];

function parcel(
  code: string,
  name: string,
  use: string,
  rings: CoordinateTxtParcel['rings'],
  areaHa: number | null,
): Omit<CoordinateTxtParcel, 'feature' | 'headerLine'> {
  return {
    pointCount: null,
    areaHa,
    code,
    name,
    geometryKind: '面',
    sheet: '',
    use,
    landClassCode: '',
    extraFields: [],
    rings,
  };
}

const attributes = {
  坐标系: '2000国家大地坐标系',
  几度分带: '3',
  投影类型: '高斯克吕格',
  计量单位: '米',
  带号: '39',
  行政区代码: '320305',
  批准文号: '徐自然资临〔2026〕20号',
  批准日期: '2026年2月6日',
  批准层级: '市级',
  终止日期: '2028-02-05',
  项目类别: '交通',
};

const system = systemActor('test');

describeEachMode('import and check', (db) => {
  let services: Services;
  let txt: Uint8Array;
  let expectedHoleAreaM2: number;

  beforeAll(async () => {
    services = createServices(db(), loadConfig({}));
    await loadDemo(db(), services.users);
    const outer = square(117.41, 34.4, 0.003);
    const hole = square(117.411, 34.401, 0.001);
    const [row] = await db().query<{ area: number }>(
      `SELECT ST_Area(ST_MakePolygon(ST_GeomFromText($1, 4490), ARRAY[ST_GeomFromText($2, 4490)])::geography) AS area`,
      [
        `LINESTRING(${outer.map((c) => c.join(' ')).join(',')})`,
        `LINESTRING(${hole.map((c) => c.join(' ')).join(',')})`,
      ],
    );
    expectedHoleAreaM2 = row!.area;
    txt = writeCoordinateTxt({
      attributes,
      parcels: [
        parcel(
          'TL-001',
          '某高速公路材料堆场',
          '材料堆场',
          await txtRings(db(), [outer, hole]),
          expectedHoleAreaM2 / 10_000,
        ),
        parcel(
          'TL-002',
          '某高速公路施工便道',
          '施工便道',
          await txtRings(db(), [square(117.43, 34.42, 0.001)]),
          null,
        ),
      ],
    });
  }, 120_000);

  it('checks a GBK coordinate txt: hole decided geometrically, areas on the ellipsoid, findings cited', async () => {
    expect(new TextDecoder('utf-8', { fatal: false }).decode(txt)).not.toContain('坐标系'); // really GBK
    const report = await services.imports.check(system, txt, 'parcels.txt', '2026-06-01', '320305');
    expect(report.format).toBe('coordinate-txt');
    expect(report.crs).toContain('zone 39');
    expect(report.errors).toEqual([]);
    const [withHole, road] = report.features;
    expect(withHole?.id).toBe('TL-001');
    // Projected vertices were rounded to the millimetre: about 1e-6 of the area.
    expect(Math.abs((withHole?.area_m2 ?? 0) - expectedHoleAreaM2)).toBeLessThan(0.5);
    expect(withHole?.area_mu).toBeCloseTo((withHole?.area_m2 ?? 0) / (10_000 / 15), 9);
    expect(road?.area_m2).toBeGreaterThan(9000);
    const codes = withHole?.findings.map((f) => f.code) ?? [];
    expect(codes).toContain('TL-REG-01'); // approved 2026-02-06, not registered by 2026-03-12
    expect(withHole?.findings.find((f) => f.code === 'TL-REG-01')?.severity).toBe('error');
    // Nothing was stored.
    const [count] = await db().query<{ n: number }>('SELECT count(*) AS n FROM temporary_land');
    expect(count?.n).toBe(0);
  });

  it('imports all parcels of a file as records with their attributes and provenance', async () => {
    const result = await services.imports.import(
      systemActor('test'),
      [{ name: 'parcels.txt', bytes: txt }],
      { reason: 'initial import' },
    );
    expect(result.records).toHaveLength(2);
    const [row] = await db().query<{
      project_name: string;
      use_type: string;
      approval_date: string;
      approval_level: string;
      term_end: string;
      area_m2: number;
      source: { file: string; feature: number };
      division_code: string;
    }>(
      `SELECT project_name, use_type, approval_date, approval_level, term_end, area_m2, source, division_code FROM temporary_land WHERE id = $1`,
      [result.records[0]!.id],
    );
    expect(row).toMatchObject({
      project_name: '某高速公路材料堆场',
      use_type: 'material_yard',
      approval_date: '2026-02-06',
      approval_level: 'city',
      term_end: '2028-02-05',
      division_code: '320305',
    });
    expect(row?.source).toMatchObject({ file: 'parcels.txt', feature: 1 });
    expect(Math.abs(row!.area_m2 - expectedHoleAreaM2)).toBeLessThan(0.5);
  });

  it('warns when an imported parcel overlaps a registered one', async () => {
    const again = await services.imports.check(system, txt, 'parcels.txt', '2026-06-01', '320305');
    const overlaps = again.warnings.filter((w) => w.code === 'IMPORT_OVERLAP');
    expect(overlaps.map((w) => w.location?.feature).sort()).toEqual([1, 2]);
    expect(overlaps[0]?.messageEn).toMatch(/overlaps registered parcel .* by \d+\.\d{2} m²/);
  });

  it('refuses a file with a self-intersecting ring, naming file, parcel, ring, vertex and line, and stores nothing', async () => {
    const good = await txtRings(db(), [square(117.44, 34.43, 0.001)]);
    const bowTie = await txtRings(db(), [
      [
        [117.45, 34.43],
        [117.452, 34.432],
        [117.452, 34.43],
        [117.45, 34.432],
        [117.45, 34.43],
      ],
    ]);
    const bad = writeCoordinateTxt({
      attributes,
      parcels: [
        parcel('OK-1', '好地块', '工棚', good, null),
        parcel('BAD-2', '坏地块', '工棚', bowTie, null),
      ],
    });
    const [before] = await db().query<{ n: number }>('SELECT count(*) AS n FROM temporary_land');
    const error = await services.imports
      .import(systemActor('test'), [{ name: 'bad.txt', bytes: bad }], { reason: 'try' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const problem = (error as AppError).problems.find(
      (p) => p.code === 'GEOMETRY_SELF_INTERSECTION',
    );
    expect(problem?.location).toMatchObject({ file: 'bad.txt', feature: 2, ring: 1 });
    expect(problem?.location?.vertex).toBeGreaterThanOrEqual(1);
    expect(problem?.location?.line).toBeGreaterThan(10);
    const [after] = await db().query<{ n: number }>('SELECT count(*) AS n FROM temporary_land');
    expect(after?.n).toBe(before?.n);
  });

  it('repairs a bow-tie only when asked, reporting the change, and stores the repaired shape', async () => {
    const bowTie: Ring = [
      [117.47, 34.45],
      [117.472, 34.452],
      [117.472, 34.45],
      [117.47, 34.452],
      [117.47, 34.45],
    ];
    // The two triangles the bow-tie is made of, measured by PostGIS on the ellipsoid.
    const [expected] = await db().query<{ area: number }>(
      `SELECT ST_Area(ST_GeomFromText('MULTIPOLYGON(((117.47 34.45,117.471 34.451,117.47 34.452,117.47 34.45)),((117.472 34.45,117.472 34.452,117.471 34.451,117.472 34.45)))', 4490)::geography) AS area`,
    );
    const txtBowTie = writeCoordinateTxt({
      attributes,
      parcels: [parcel('BT-1', '蝴蝶形地块', '工棚', await txtRings(db(), [bowTie]), null)],
    });
    const geojson = new TextEncoder().encode(
      JSON.stringify({
        type: 'Feature',
        properties: { 项目名称: '蝴蝶形地块', 用途: '工棚', 行政区代码: '320305' },
        geometry: { type: 'Polygon', coordinates: [bowTie] },
      }),
    );
    for (const [name, bytes, faultCode] of [
      ['bowtie.txt', txtBowTie, 'GEOMETRY_SELF_INTERSECTION'],
      ['bowtie.geojson', geojson, 'GEOMETRY_INVALID'],
    ] as const) {
      const refused = await services.imports.check(system, bytes, name, '2026-06-01', '320305');
      expect(refused.errors.map((e) => e.code)).toEqual([faultCode]);
      expect(refused.features[0]).toMatchObject({ area_m2: null, repaired: false });

      const repaired = await services.imports.check(system, bytes, name, '2026-06-01', '320305', {
        repair: true,
      });
      expect(repaired.errors).toEqual([]);
      expect(repaired.features[0]?.repaired).toBe(true);
      // Coordinate txt vertices were rounded to the millimetre in the projected frame.
      expect(repaired.features[0]?.area_m2).toBeCloseTo(expected!.area, -1);
      const warning = repaired.warnings.find((w) => w.code === 'GEOMETRY_REPAIRED');
      expect(warning?.location).toMatchObject({ file: name, feature: 1 });
      expect(warning?.messageEn).toMatch(
        /1 parts, 5 vertices → 2 parts, \d+ vertices, area \d+\.\d{2} m²/,
      );
      expect(warning?.messageZh).toContain('已按要求修复图形');
    }

    const [before] = await db().query<{ n: number }>('SELECT count(*) AS n FROM temporary_land');
    const result = await services.imports.import(
      system,
      [{ name: 'bowtie.geojson', bytes: geojson }],
      { repair: true, reason: 'bow-tie repaired on request' },
    );
    expect(result.warnings.map((w) => w.code)).toContain('GEOMETRY_REPAIRED');
    const [row] = await db().query<{ parts: number; valid: boolean; n: number }>(
      `SELECT ST_NumGeometries(geom) AS parts, ST_IsValid(geom) AS valid,
              (SELECT count(*) FROM temporary_land) AS n
       FROM temporary_land WHERE id = $1`,
      [result.records[0]!.id],
    );
    expect(row).toEqual({ parts: 2, valid: true, n: before!.n + 1 });
  });

  it('reports an implausible date (a spreadsheet zero date) as a located error, not a crash', async () => {
    const zero = new TextEncoder().encode(
      JSON.stringify({
        type: 'Feature',
        properties: {
          项目名称: '零日期',
          用途: '工棚',
          批准日期: '1899-12-28',
          行政区代码: '320305',
        },
        geometry: { type: 'Polygon', coordinates: [square(117.48, 34.46, 0.001)] },
      }),
    );
    const report = await services.imports.check(system, zero, 'zero.geojson', '2026-06-01');
    expect(report.errors).toEqual([
      expect.objectContaining({
        code: 'RECORD_DATE_IMPLAUSIBLE',
        location: { file: 'zero.geojson', feature: 1, field: 'approvalDate' },
      }),
    ]);
    expect(report.features[0]?.area_m2).toBeGreaterThan(0);
  });

  it('does not repair what a repair cannot fix (outside China stays an error)', async () => {
    const far = new TextEncoder().encode(
      JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [10, 50],
            [10.01, 50.01],
            [10.01, 50],
            [10, 50.01],
            [10, 50],
          ],
        ],
      }),
    );
    const report = await services.imports.check(
      system,
      far,
      'far.geojson',
      '2026-06-01',
      '320305',
      {
        repair: true,
      },
    );
    expect(report.errors.map((e) => e.code)).toContain('GEOMETRY_OUTSIDE_CHINA');
    expect(report.features[0]?.repaired).toBe(false);
  });

  it('imports GeoJSON with Chinese attribute names; a dry run stores nothing', async () => {
    const geojson = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {
            项目名称: '某输水管线施工场地',
            用途: '地下管线敷设',
            项目类别: '水利',
            批准日期: '2026-03-02',
            行政区代码: '320305',
          },
          geometry: { type: 'Polygon', coordinates: [square(117.46, 34.44, 0.001)] },
        },
      ],
    };
    const bytes = new TextEncoder().encode(JSON.stringify(geojson));
    const [before] = await db().query<{ n: number }>('SELECT count(*) AS n FROM temporary_land');
    const dry = await services.imports.import(
      systemActor('test'),
      [{ name: 'site.geojson', bytes }],
      { dryRun: true, reason: 'try' },
    );
    expect(dry.records).toHaveLength(1);
    const [afterDry] = await db().query<{ n: number }>('SELECT count(*) AS n FROM temporary_land');
    expect(afterDry?.n).toBe(before?.n);
    const real = await services.imports.import(
      systemActor('test'),
      [{ name: 'site.geojson', bytes }],
      { reason: 'site import' },
    );
    const [row] = await db().query<{ use_type: string; project_class: string }>(
      'SELECT use_type, project_class FROM temporary_land WHERE id = $1',
      [real.records[0]!.id],
    );
    expect(row).toEqual({ use_type: 'pipeline', project_class: 'water' });
  });

  it('refuses swapped X/Y and non-CGCS2000 files with a clear reason', async () => {
    const swapped = { type: 'Polygon', coordinates: [square(34.4, 117.4, 0.001)] };
    const error = await services.imports
      .check(
        system,
        new TextEncoder().encode(JSON.stringify(swapped)),
        'swapped.geojson',
        '2026-06-01',
      )
      .catch((e: unknown) => e);
    const report =
      error instanceof AppError
        ? { errors: error.problems }
        : (error as { errors: { code: string }[] });
    expect(report.errors.map((p) => p.code)).toContain('CRS_AXES_SWAPPED');
    const xian = writeCoordinateTxt({
      attributes: { ...attributes, 坐标系: '1980西安坐标系' },
      parcels: [
        parcel('X', 'x', '工棚', await txtRings(db(), [square(117.44, 34.43, 0.001)]), null),
      ],
    });
    await expect(services.imports.check(system, xian, 'xian80.txt')).rejects.toMatchObject({
      code: 'CRS_UNSUPPORTED_DATUM',
    });
  });

  describe('in batches (two parcels per statement here)', () => {
    const feature = (name: string, ring: Ring, extra: Record<string, unknown> = {}) => ({
      type: 'Feature',
      properties: { 项目名称: name, 用途: '工棚', 行政区代码: '320305', ...extra },
      geometry: { type: 'Polygon', coordinates: [ring] },
    });
    const file = (features: unknown[]) =>
      new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
    const count = async () =>
      (await db().query<{ n: number }>('SELECT count(*)::int AS n FROM temporary_land'))[0]!.n;

    it('refuses the whole import for a problem in a later batch, storing nothing', async () => {
      const imports = createImportService(db(), services.register, { batchSize: 2 });
      const bowTie: Ring = [
        [117.5, 34.5],
        [117.502, 34.502],
        [117.502, 34.5],
        [117.5, 34.502],
        [117.5, 34.5],
      ];
      const bytes = file([
        feature('a', square(117.5, 34.51, 0.001)),
        feature('b', square(117.51, 34.51, 0.001)),
        feature('c', square(117.52, 34.51, 0.001)),
        feature('d', bowTie),
        feature('e', square(117.53, 34.51, 0.001), { 批准日期: '1899-12-30' }),
      ]);
      const before = await count();
      const error = await imports
        .import(system, [{ name: 'batches.geojson', bytes }], { reason: 'batches' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(
        (error as AppError).problems
          .filter((p) => p.location)
          .map((p) => [p.code, p.location?.feature, p.location?.file]),
      ).toEqual([
        ['GEOMETRY_INVALID', 4, 'batches.geojson'],
        ['RECORD_DATE_IMPLAUSIBLE', 5, 'batches.geojson'],
      ]);
      expect(await count()).toBe(before);
    });

    it('reads each file when staging needs it: every parcel of every file stored, in order, the progress grown to their total', async () => {
      const imports = createImportService(db(), services.register, { batchSize: 2 });
      const files = [3, 1, 2].map((n, f) => ({
        name: `part-${f + 1}.geojson`,
        bytes: file(
          Array.from({ length: n }, (_, i) =>
            feature(`f${f + 1}-${i + 1}`, square(118 + f * 0.01, 34.8 + i * 0.002, 0.001)),
          ),
        ),
      }));
      const tasks: { name: string; total: number; grown: number; ticked: number }[] = [];
      const progress = {
        start(name: string, total: number) {
          const task = { name, total, grown: 0, ticked: 0 };
          tasks.push(task);
          return {
            tick: (_label?: string, units = 1) => void (task.ticked += units),
            grow: (units: number) => void (task.grown += units),
            done: () => undefined,
          };
        },
      };
      const result = await imports.import(system, files, { reason: 'parts' }, progress);
      expect(result.records.map((r) => `${r.file}#${r.feature}`)).toEqual([
        'part-1.geojson#1',
        'part-1.geojson#2',
        'part-1.geojson#3',
        'part-2.geojson#1',
        'part-3.geojson#1',
        'part-3.geojson#2',
      ]);
      const names = await db().query<{ name: string }>(
        'SELECT project_name AS name FROM temporary_land WHERE id = ANY($1::uuid[]) ORDER BY project_name',
        [result.records.map((r) => r.id)],
      );
      expect(names.map((r) => r.name)).toEqual(['f1-1', 'f1-2', 'f1-3', 'f2-1', 'f3-1', 'f3-2']);
      // The first file is read before the task starts; the others, read along the way, grow it.
      const geometry = tasks.find((t) => t.name === 'geometry')!;
      expect(geometry).toEqual({ name: 'geometry', total: 3, grown: 3, ticked: 6 });
    });

    it('refuses the import, storing nothing, when a file read while another is staged cannot be read', async () => {
      const imports = createImportService(db(), services.register, { batchSize: 2 });
      const good = (name: string, lng: number, n: number) => ({
        name,
        bytes: file(
          Array.from({ length: n }, (_, i) =>
            feature(`${name}-${i}`, square(lng, 34.9 + i * 0.002, 0.001)),
          ),
        ),
      });
      const broken = { name: 'broken.geojson', bytes: new TextEncoder().encode('{"type": "Feat') };
      // A collection without features: the reader refuses it.
      const empty = { name: 'empty.geojson', bytes: file([]) };
      const before = await count();
      // The broken file is read while the first batch is staged, the empty one while the second
      // is, or before anything is (first).
      for (const [files, code, name] of [
        [[good('g1', 118.1, 3), broken, good('g2', 118.2, 1)], 'GEOJSON_INVALID', 'broken.geojson'],
        [[good('g1', 118.1, 3), good('g2', 118.2, 2), empty], 'GEOJSON_INVALID', 'empty.geojson'],
        [[empty, good('g1', 118.1, 3)], 'GEOJSON_INVALID', 'empty.geojson'],
      ] as const) {
        const error = await imports
          .import(system, files, { reason: 'broken' })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).problems.map((p) => [p.code, p.location?.file])).toContainEqual([
          code,
          name,
        ]);
        expect(await count()).toBe(before);
      }
    });

    it('warns of overlaps with registered parcels and with earlier parcels of the same import, across batches', async () => {
      const imports = createImportService(db(), services.register, { batchSize: 2 });
      const registered = await imports.import(
        system,
        [
          {
            name: 'first.geojson',
            bytes: file([feature('registered', square(117.6, 34.6, 0.002))]),
          },
        ],
        { reason: 'first' },
      );
      const firstId = registered.records[0]!.id;
      const result = await imports.import(
        system,
        [
          {
            name: 'second.geojson',
            bytes: file([
              feature('overlaps the registered one', square(117.601, 34.601, 0.002)),
              feature('apart', square(117.7, 34.7, 0.001)),
              feature('overlaps feature 1', square(117.6025, 34.6025, 0.001)),
              feature('overlaps feature 2', square(117.7005, 34.7005, 0.001)),
            ]),
          },
        ],
        { reason: 'second' },
      );
      const ids = result.records.map((r) => r.id);
      const overlaps = result.warnings
        .filter((w) => w.code === 'IMPORT_OVERLAP')
        .map((w) => [w.location?.feature, w.messageEn.split(' ')[3]]);
      expect(overlaps).toEqual([
        [1, firstId],
        [3, ids[0]],
        [4, ids[1]],
      ]);
      // Each record got its overlay stored and its findings counted, as one created alone.
      const rows = await db().query<{ id: string; breakdown: Record<string, number> | null }>(
        'SELECT id, computed_breakdown AS breakdown FROM temporary_land WHERE id = ANY($1::uuid[]) ORDER BY id',
        [ids],
      );
      expect(rows.every((r) => typeof r.breakdown?.unsurveyedM2 === 'number')).toBe(true);
      const alone = await services.register.get(system, ids[1]!);
      expect(result.records[1]?.findings).toBe(alone.findings.length);
    });
  });
});
