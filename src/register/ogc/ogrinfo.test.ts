// A real GIS client against a real listening server: GDAL's OAPIF driver (`ogrinfo` from
// Debian's gdal-bin) lists the collections, reads the fields, counts features, filters by a
// bbox, follows the next links page by page, and authenticates with an API token header.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import {
  seedLandClassLayers,
  seedOgcRecords,
  type OgcSeed,
} from '../../../test/support/ogc-records.ts';

const run = promisify(execFile);

/** Runs ogrinfo; a missing binary is a failure that says what to install, never a skip. */
async function ogrinfo(args: string[], env: Record<string, string> = {}): Promise<string> {
  try {
    const { stdout } = await run('ogrinfo', args, {
      env: { ...process.env, NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1', ...env },
      timeout: 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        'ogrinfo is not installed: the OGC API test needs GDAL (apt-get install -y gdal-bin)',
      );
    }
    throw error;
  }
}

const featureCount = (out: string) => Number(/Feature Count: (\d+)/.exec(out)?.[1]);
const valuesOf = (out: string, field: string) =>
  [...out.matchAll(new RegExp(`^  ${field} \\(\\w+\\) = (.*)$`, 'gm'))].map((m) => m[1]!);

describeEachMode('OGC API read by GDAL (ogrinfo)', (db) => {
  let t: TestApp;
  let seed: OgcSeed;
  let url: string;
  let token: string;
  /** Request URLs the server received, to see what GDAL asked for. */
  const requested: string[] = [];

  beforeAll(async () => {
    await ogrinfo(['--version']);
    t = await createTestApp(db());
    seed = await seedOgcRecords(t);
    await seedLandClassLayers(t, { '320305': [117.41, 34.38] });
    const user = await t.addUser('gdal-clerk', 'county', '320305');
    token = (
      await t.services.auth.createApiToken(
        {
          kind: 'user',
          userId: user.id,
          name: 'gdal-clerk',
          role: 'county',
          divisionCode: '320305',
          isAdmin: false,
        },
        'QGIS',
        null,
      )
    ).token;
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    t.app.server.on('request', (request: { url?: string }) => requested.push(request.url ?? ''));
    url = `OAPIF:${address}/ogc`;
  }, 120_000);
  afterAll(() => t.close());

  it('lists the public collection and reports its fields, geometry type, count and extent', async () => {
    expect(await ogrinfo(['-ro', '-q', url])).toMatch(
      /^1: temporary-land \(title: .*\) \(Multi Polygon\)\s*$/m,
    );
    const summary = await ogrinfo(['-ro', '-al', '-so', url, 'temporary-land']);
    expect(summary).toContain('Geometry: Multi Polygon');
    expect(featureCount(summary)).toBe(6); // published, not written off: five in Jiawang, one in Tongshan
    expect(summary).toContain('Extent: (117.200000, 34.200000) - (117.442000, 34.402000)');
    for (const field of [
      'id: String',
      'systemNumber: String',
      'divisionCode: String',
      'state: String',
      'projectName: String',
      'useType: String',
      'approvalDate: Date',
      'termStart: Date',
      'termEnd: Date',
      'areaM2: Real',
      'areaMu: Real',
      'areaHa: Real',
      'version: Integer',
      'updatedAt: DateTime',
    ]) {
      expect(summary).toContain(`${field} (`);
    }
  });

  it('filters by a bbox (-spat) on the server', async () => {
    const spat = ['-spat', '117.399', '34.399', '117.4125', '34.403'];
    requested.length = 0;
    expect(featureCount(await ogrinfo(['-ro', '-al', '-so', ...spat, url, 'temporary-land']))).toBe(
      2,
    );
    const listed = await ogrinfo(['-ro', '-al', '-q', ...spat, url, 'temporary-land']);
    expect(valuesOf(listed, 'projectName').sort()).toEqual(['贾汪公示项目1', '贾汪公示项目2']);
    // GDAL would also filter on its side: make sure the server was asked.
    expect(requested.some((u) => /[?&]bbox=117\.399\d*(%2C|,)34\.399/.test(u))).toBe(true);
    // Longitude first, as CRS84 and GDAL's traditional GIS order say.
    expect(listed).toContain('MULTIPOLYGON (((117.4 34.4,117.402 34.4,117.402 34.402');
  });

  it('reads every feature by following the next links, two at a time', async () => {
    requested.length = 0;
    const listed = await ogrinfo(['-ro', '-al', '-q', '-oo', 'PAGE_SIZE=2', url, 'temporary-land']);
    const ids = valuesOf(listed, 'id');
    expect(requested.filter((u) => /limit=2&offset=\d/.test(u)).length).toBeGreaterThanOrEqual(2);
    expect(ids).toHaveLength(6);
    const expected = seed.records.filter((r) => r.published && !r.writtenOff).map((r) => r.id);
    expect([...ids].sort()).toEqual([...expected].sort());
    expect(valuesOf(listed, 'areaMu').every((v) => Number(v) > 60 && Number(v) < 64)).toBe(true);
  });

  it('sends the API token from GDAL_HTTP_HEADERS and sees the clerk’s division and layers', async () => {
    const env = { GDAL_HTTP_HEADERS: `Authorization: Bearer ${token}` };
    const layers = await ogrinfo(['-ro', '-q', url], env);
    expect(layers).toMatch(/^1: temporary-land /m);
    expect(layers).toMatch(/^2: land-class-parcels /m);
    expect(layers).toMatch(/^3: permanent-basic-farmland /m);
    const listed = await ogrinfo(['-ro', '-al', '-q', url, 'temporary-land'], env);
    const names = valuesOf(listed, 'projectName');
    expect(names).toContain('贾汪未公示项目');
    expect(names).not.toContain('铜山公示项目');
    expect(names).not.toContain('贾汪已核销项目');
    expect(new Set(valuesOf(listed, 'divisionCode'))).toEqual(new Set(['320305']));
    const parcels = await ogrinfo(['-ro', '-al', '-q', url, 'land-class-parcels'], env);
    expect(valuesOf(parcels, 'surveyCode')).toEqual(['LC320305']);

    const wrong = ogrinfo(['-ro', '-q', url], {
      GDAL_HTTP_HEADERS: 'Authorization: Bearer rk_not-a-token',
    });
    await expect(wrong).rejects.toThrow(/TOKEN_INVALID/);
  });
});
