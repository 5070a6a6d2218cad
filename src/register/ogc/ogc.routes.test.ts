// OGC API – Features over HTTP: the landing page and its links, conformance, collections per
// audience, paging by next/prev links, bbox and output in CRS84 and EPSG:4490 with their axis
// orders, clear 400s, and who sees which records (row-level security).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app.ts';
import {
  seedLandClassLayers,
  seedOgcRecords,
  type OgcSeed,
} from '../../../test/support/ogc-records.ts';
import { systemActor } from '../../identity/domain/actor.ts';

const crs84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const epsg4490 = 'http://www.opengis.net/def/crs/EPSG/0/4490';
const items = '/ogc/collections/temporary-land/items';

interface Link {
  href: string;
  rel: string;
  type?: string;
}
interface Feature {
  id: string | number;
  geometry: { type: string; coordinates: number[][][][] };
  properties: Record<string, unknown>;
  links?: Link[];
}
interface Page {
  type: string;
  numberMatched: number;
  numberReturned: number;
  timeStamp: string;
  features: Feature[];
  links: Link[];
}
interface ErrorBody {
  error: { code: string; message: string; messageZh: string; problems: { code: string }[] };
}

const hrefOf = (links: Link[], rel: string) => links.find((l) => l.rel === rel)?.href;
/** The path and query of an absolute link, for inject. */
const local = (href: string) => {
  const url = new URL(href);
  return `${url.pathname}${url.search}`;
};
const firstVertex = (f: Feature) => f.geometry.coordinates[0]![0]![0]!;

describeEachMode('OGC API – Features', (db) => {
  let t: TestApp;
  let seed: OgcSeed;
  let clerk: string;
  let enterprise: string;

  beforeAll(async () => {
    t = await createTestApp(db());
    seed = await seedOgcRecords(t);
    await seedLandClassLayers(t, { '320305': [117.41, 34.38], '320312': [117.2, 34.18] });
    await t.addUser('ogc-clerk', 'county', '320305');
    await t.addUser('ogc-enterprise', 'enterprise', '320305');
    clerk = await t.login('ogc-clerk');
    enterprise = await t.login('ogc-enterprise');
  }, 120_000);
  afterAll(() => t.close());

  const get = (url: string, cookie?: string) =>
    t.app.inject({
      method: 'GET',
      url,
      headers: { host: 'gis.example.cn:8443', ...(cookie ? { cookie } : {}) },
    });
  const page = async (url: string, cookie?: string) => {
    const response = await get(url, cookie);
    expect(response.statusCode, response.body).toBe(200);
    return json<Page>(response);
  };
  const idsOf = (p: Page) => p.features.map((f) => f.id);
  const byName = (name: string) => seed.records.find((r) => r.projectName === name)!;

  it('links the landing page to the API definition, conformance and data with absolute URLs', async () => {
    const landing = json<{ links: Link[] }>(await get('/ogc'));
    expect(hrefOf(landing.links, 'self')).toBe('http://gis.example.cn:8443/ogc');
    expect(hrefOf(landing.links, 'conformance')).toBe('http://gis.example.cn:8443/ogc/conformance');
    expect(hrefOf(landing.links, 'data')).toBe('http://gis.example.cn:8443/ogc/collections');
    const serviceDesc = landing.links.find((l) => l.rel === 'service-desc')!;
    expect(serviceDesc.type).toBe('application/vnd.oai.openapi+json;version=3.0');
    const api = json<{
      openapi: string;
      paths: Record<
        string,
        { get: { tags: string[]; parameters: { name: string; schema: { maximum?: number } }[] } }
      >;
    }>(await get(local(serviceDesc.href)));
    expect(api.openapi).toMatch(/^3\.0/);
    const itemsOp = api.paths['/ogc/collections/{collectionId}/items']!.get;
    expect(itemsOp.tags).toEqual(['ogc']);
    expect(itemsOp.parameters.find((p) => p.name === 'limit')?.schema.maximum).toBe(10000);

    const conformance = json<{ conformsTo: string[] }>(await get('/ogc/conformance'));
    expect(conformance.conformsTo).toEqual(
      expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
        'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
      ]),
    );
  });

  it('lists the register for everyone and the survey layers for government accounts only', async () => {
    type Collections = {
      collections: {
        id: string;
        crs: string[];
        storageCrs: string;
        extent?: { spatial: { bbox: number[][] } };
      }[];
    };
    const publicList = json<Collections>(await get('/ogc/collections'));
    expect(publicList.collections.map((c) => c.id)).toEqual(['temporary-land']);
    const land = publicList.collections[0]!;
    expect(land.crs).toEqual([crs84, epsg4490]);
    expect(land.storageCrs).toBe(epsg4490);
    // The public extent spans published records only: Tongshan (south-west) to Jiawang's fifth (east).
    const [minLng, minLat, maxLng, maxLat] = land.extent!.spatial.bbox[0]!;
    expect(minLng).toBeCloseTo(117.2, 6);
    expect(minLat).toBeCloseTo(34.2, 6);
    expect(maxLng).toBeCloseTo(117.442, 6);
    expect(maxLat).toBeCloseTo(34.402, 6);

    const clerkList = json<Collections>(await get('/ogc/collections', clerk));
    expect(clerkList.collections.map((c) => c.id)).toEqual([
      'temporary-land',
      'land-class-parcels',
      'permanent-basic-farmland',
    ]);
    // The clerk's extent is Jiawang's, unpublished record included (it reaches 34.412).
    expect(clerkList.collections[0]!.extent!.spatial.bbox[0]).toEqual([
      expect.closeTo(117.4, 6),
      expect.closeTo(34.4, 6),
      expect.closeTo(117.452, 6),
      expect.closeTo(34.412, 6),
    ]);
    expect(clerkList.collections[2]!.extent).toBeUndefined(); // no farmland loaded

    expect((await get('/ogc/collections/land-class-parcels')).statusCode).toBe(404);
    expect((await get('/ogc/collections/land-class-parcels', enterprise)).statusCode).toBe(404);
    const missing = await get('/ogc/collections/nothing');
    expect(missing.statusCode).toBe(404);
    expect(json<ErrorBody>(missing).error.code).toBe('OGC_COLLECTION_NOT_FOUND');
  });

  it('pages with limit and offset through next and prev links, numberMatched counting all', async () => {
    const first = await page(`${items}?limit=2`);
    expect(first.type).toBe('FeatureCollection');
    expect(first.numberMatched).toBe(6); // five in Jiawang, one in Tongshan
    expect(first.numberReturned).toBe(2);
    expect(Number.isNaN(Date.parse(first.timeStamp))).toBe(false);
    expect(hrefOf(first.links, 'prev')).toBeUndefined();
    const seen = idsOf(first);
    let current = first;
    let pages = 1;
    while (hrefOf(current.links, 'next')) {
      const next = hrefOf(current.links, 'next')!;
      expect(next).toMatch(
        /^http:\/\/gis\.example\.cn:8443\/ogc\/collections\/temporary-land\/items\?/,
      );
      current = await page(local(next));
      pages += 1;
      expect(current.numberMatched).toBe(6);
      expect(hrefOf(current.links, 'prev')).toBeDefined();
      seen.push(...idsOf(current));
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(6);
    const published = seed.records.filter((r) => r.published && !r.writtenOff).map((r) => r.id);
    expect([...seen].sort()).toEqual([...published].sort());

    const second = await page(`${items}?limit=2&offset=2`);
    expect(idsOf(second)).toEqual(seen.slice(2, 4));
    const back = await page(local(hrefOf(second.links, 'prev')!));
    expect(idsOf(back)).toEqual(seen.slice(0, 2));

    const beyond = await page(`${items}?offset=50`);
    expect(beyond.numberReturned).toBe(0);
    expect(beyond.numberMatched).toBe(6);
    expect(hrefOf(beyond.links, 'next')).toBeUndefined();

    const all = await get(items);
    expect(all.headers['content-type']).toContain('application/geo+json');
    expect(all.headers['content-crs']).toBe(`<${crs84}>`);
    expect(json<Page>(all).numberReturned).toBe(6); // default limit 100
  });

  it('filters by bbox in CRS84 (lng, lat) and in EPSG:4490 (lat, lng) alike', async () => {
    // Around Jiawang's first two published records only.
    const lngLat = await page(`${items}?bbox=117.399,34.399,117.4125,34.403`);
    expect(lngLat.numberMatched).toBe(2);
    const expected = seed.publicJiawang
      .slice(0, 2)
      .map((r) => r.id)
      .sort();
    expect(idsOf(lngLat).sort()).toEqual(expected);
    const vertex = firstVertex(lngLat.features[0]!);
    expect(vertex[0]).toBeGreaterThan(117); // longitude first
    expect(vertex[1]).toBeLessThan(35);

    const latLng = await page(
      `${items}?bbox=34.399,117.399,34.403,117.4125&bbox-crs=${encodeURIComponent(epsg4490)}`,
    );
    expect(idsOf(latLng).sort()).toEqual(expected);
    expect(latLng.numberMatched).toBe(2);
    expect(local(hrefOf(latLng.links, 'self')!)).toContain('bbox-crs=');

    // The CRS84 order sent as EPSG:4490 reads 117 as a latitude: refused, not silently empty.
    const swapped = await get(
      `${items}?bbox=117.399,34.399,117.4125,34.403&bbox-crs=${encodeURIComponent(epsg4490)}`,
    );
    expect(swapped.statusCode).toBe(400);
    expect(json<ErrorBody>(swapped).error.code).toBe('OGC_BBOX_INVALID');
    expect(json<ErrorBody>(swapped).error.message).toContain('minLat,minLng,maxLat,maxLng');

    // A point-sized box inside one record.
    const point = await page(`${items}?bbox=117.401,34.401,117.401,34.401`);
    expect(idsOf(point)).toEqual([seed.publicJiawang[0]!.id]);
  });

  it('returns coordinates latitude first in EPSG:4490 and says so in Content-Crs', async () => {
    const first = seed.publicJiawang[0]!;
    const inCrs84 = await get(`${items}/${first.id}`);
    expect(inCrs84.headers['content-crs']).toBe(`<${crs84}>`);
    const a = json<Feature>(inCrs84);
    expect(firstVertex(a)).toEqual([expect.closeTo(117.4, 9), expect.closeTo(34.4, 9)]);

    const inEpsg = await get(`${items}/${first.id}?crs=${encodeURIComponent(epsg4490)}`);
    expect(inEpsg.statusCode).toBe(200);
    expect(inEpsg.headers['content-crs']).toBe(`<${epsg4490}>`);
    const b = json<Feature>(inEpsg);
    expect(firstVertex(b)).toEqual([expect.closeTo(34.4, 9), expect.closeTo(117.4, 9)]);
    expect(b.geometry.type).toBe('MultiPolygon');
    expect(hrefOf(b.links!, 'self')).toContain(`crs=${encodeURIComponent(epsg4490)}`);

    const collection = await page(`${items}?crs=${encodeURIComponent(epsg4490)}&limit=1`);
    expect(firstVertex(collection.features[0]!)[0]).toBeLessThan(90);
    expect(local(hrefOf(collection.links, 'next')!)).toContain('crs=');
  });

  it('carries the record attributes with areas in m², mu and hectares', async () => {
    const first = seed.publicJiawang[0]!;
    const feature = json<Feature>(await get(`${items}/${first.id}`));
    expect(feature.id).toBe(first.id);
    const p = feature.properties;
    expect(p).toMatchObject({
      divisionCode: '320305',
      state: 'approved',
      stateNameZh: '已批准',
      projectName: first.projectName,
      projectClass: 'transport',
      useType: 'material_yard',
      useTypeNameZh: '材料堆场',
      approvalNumber: '徐自然资临〔2026〕8号',
      approvalDate: '2026-02-06',
      termStart: '2026-02-06',
      termEnd: '2028-02-05',
      disclosurePublishedOn: '2026-02-10',
    });
    const areaM2 = p.areaM2 as number;
    expect(areaM2).toBeGreaterThan(40_000); // 0.002° square at 34.4° N ≈ 184 m × 222 m
    expect(areaM2).toBeLessThan(42_500);
    expect(p.areaHa).toBeCloseTo(areaM2 / 10_000, 3);
    expect(p.areaMu).toBeCloseTo(areaM2 * 0.0015, 3);
  });

  it('refuses bad parameters with a clear 400 naming the parameter', async () => {
    const cases: [string, string, string][] = [
      ['limit=0', 'OGC_LIMIT_INVALID', 'from 1 to 10000'],
      ['limit=10001', 'OGC_LIMIT_INVALID', 'got 10001'],
      ['limit=many', 'OGC_LIMIT_INVALID', 'from 1 to 10000'],
      ['offset=-1', 'OGC_OFFSET_INVALID', '0 or more'],
      [
        `crs=${encodeURIComponent('http://www.opengis.net/def/crs/EPSG/0/4326')}`,
        'OGC_CRS_UNSUPPORTED',
        epsg4490,
      ],
      ['bbox-crs=EPSG:3857&bbox=1,2,3,4', 'OGC_BBOX_CRS_UNSUPPORTED', crs84],
      ['bbox=117,34,118', 'OGC_BBOX_INVALID', '4 comma-separated numbers'],
      ['bbox=118,34,117,35', 'OGC_BBOX_INVALID', 'minimum above its maximum'],
      ['bbox=117,34,x,35', 'OGC_BBOX_INVALID', '4 comma-separated numbers'],
      ['state=lost', 'OGC_STATE_INVALID', 'written_off'],
    ];
    for (const [query, code, text] of cases) {
      const response = await get(`${items}?${query}`);
      expect(response.statusCode, query).toBe(400);
      const body = json<ErrorBody>(response);
      expect(body.error.code, query).toBe(code);
      expect(body.error.message, query).toContain(text);
      expect(body.error.messageZh.length, query).toBeGreaterThan(0);
    }
    const featureCrs = await get(
      `${items}/${seed.publicJiawang[0]!.id}?crs=${encodeURIComponent(crs84)}x`,
    );
    expect(json<ErrorBody>(featureCrs).error.code).toBe('OGC_CRS_UNSUPPORTED');
    expect((await get(`${items}/not-a-uuid`)).statusCode).toBe(404);
  });

  it('shows the public published records only, and a clerk the whole of Jiawang and nothing else', async () => {
    const unpublished = byName('贾汪未公示项目');
    const writtenOff = byName('贾汪已核销项目');
    const tongshan = byName('铜山公示项目');
    const shanxi = byName('新荣未公示项目');

    expect((await get(`${items}/${unpublished.id}`)).statusCode).toBe(404);
    expect((await get(`${items}/${writtenOff.id}`)).statusCode).toBe(404);
    expect((await get(`${items}/${tongshan.id}`)).statusCode).toBe(200);
    const publicAll = idsOf(await page(`${items}?includeWrittenOff=true`));
    expect(publicAll).not.toContain(writtenOff.id); // the public never sees write-offs
    expect(publicAll).not.toContain(unpublished.id);
    // An enterprise account reads as the public does.
    expect(idsOf(await page(items, enterprise)).sort()).toEqual(idsOf(await page(items)).sort());

    const clerkLive = await page(items, clerk);
    expect(clerkLive.numberMatched).toBe(6); // five published, one unpublished
    expect(idsOf(clerkLive)).toContain(unpublished.id);
    expect(idsOf(clerkLive)).not.toContain(writtenOff.id);
    expect(clerkLive.features.every((f) => f.properties.divisionCode === '320305')).toBe(true);
    const withWrittenOff = await page(`${items}?includeWrittenOff=true`, clerk);
    expect(withWrittenOff.numberMatched).toBe(7);
    expect(idsOf(await page(`${items}?state=written_off`, clerk))).toEqual([writtenOff.id]);
    expect((await get(`${items}/${writtenOff.id}`, clerk)).statusCode).toBe(200);

    for (const outside of [tongshan, shanxi]) {
      const response = await get(`${items}/${outside.id}`, clerk);
      expect(response.statusCode, outside.projectName).toBe(404);
      expect(json<ErrorBody>(response).error.code).toBe('OGC_FEATURE_NOT_FOUND');
    }
    // A bbox around Tongshan's record finds nothing for the Jiawang clerk.
    const around = await page(`${items}?bbox=117.19,34.19,117.21,34.21`, clerk);
    expect(around.numberMatched).toBe(0);
  });

  it('reads with an API token as with a session', async () => {
    const user = await t.addUser('ogc-token', 'county', '320305');
    const created = await t.services.auth.createApiToken(
      {
        ...systemActor('test'),
        kind: 'user',
        userId: user.id,
        name: 'ogc-token',
        role: 'county',
        divisionCode: '320305',
        isAdmin: false,
      },
      'gis',
      null,
    );
    const response = await t.app.inject({
      url: items,
      headers: { authorization: `Bearer ${created.token}` },
    });
    expect(json<Page>(response).numberMatched).toBe(6);
  });

  it('serves the land-class parcels of the caller’s division to government accounts', async () => {
    const lc = await page('/ogc/collections/land-class-parcels/items', clerk);
    expect(lc.numberMatched).toBe(1);
    // Register-only filters are ignored here, as GDAL appends a connection's parameters to every layer.
    const filtered = await page(
      '/ogc/collections/land-class-parcels/items?state=written_off&includeWrittenOff=true',
      clerk,
    );
    expect(idsOf(filtered)).toEqual(idsOf(lc));
    expect(hrefOf(filtered.links, 'self')).not.toContain('state=');
    const [parcel] = lc.features;
    expect(typeof parcel!.id).toBe('number');
    expect(parcel!.properties).toMatchObject({
      divisionCode: '320305',
      surveyCode: 'LC320305',
      landClassCode: '0103',
      surveyYear: 2024,
    });
    expect(typeof parcel!.properties.landClassName).toBe('string');
    const one = await get(`/ogc/collections/land-class-parcels/items/${parcel!.id}`, clerk);
    expect(one.statusCode).toBe(200);
    expect((await get(`/ogc/collections/land-class-parcels/items/${parcel!.id}`)).statusCode).toBe(
      404,
    );
    const farmland = await page('/ogc/collections/permanent-basic-farmland/items', clerk);
    expect(farmland.numberMatched).toBe(0);
  });
});
