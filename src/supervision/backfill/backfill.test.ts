// The back-fill on a real database, through the HTTP API: a county's 2021 polygons (GeoJSON and
// CSV in one batch) land in every class with their consequences; a polygon on a registered
// record is linked, not duplicated; the same files again return the same batch; a bad batch is
// refused whole with located problems; callers see only their division.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app.ts';
import { systemActor } from '../../identity/domain/actor.ts';
import {
  fixtureFile as fixture,
  jiawangFiles,
  jiawangImport,
  pngBase64 as png,
  seedRegisteredYard,
  square,
} from './fixtures/jiawang.fixtures.ts';

const system = systemActor('test');
const files = jiawangFiles();

interface Imported {
  batchId: string;
  alreadyImported: boolean;
  counts: {
    polygons: number;
    byClass: Record<string, number>;
    recordsCreated: number;
    recordsLinked: number;
    openOrders: number;
    openCases: number;
    reviewDue: number;
  };
  polygons: {
    id: string;
    surveyCode: string;
    letter: string;
    class: string;
    grounds: string;
    recordId: string | null;
    recordLink: string | null;
    orderId: string | null;
    caseId: string | null;
  }[];
  warnings: { code: string }[];
}

interface ErrorBody {
  error: {
    code: string;
    problems: { code: string; location?: { feature?: number; field?: string } }[];
  };
}

describeEachMode('stock back-fill (TL-STOCK-01)', (db) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  let existingId = '';
  let imported: Imported;

  const post = (url: string, payload: object, who = 'county') =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie: cookie[who] ?? '' } });
  const get = (url: string, who = 'county') =>
    t.app.inject({ url, headers: { cookie: cookie[who] ?? '' } });
  const importBody = jiawangImport();
  const counts = async () => {
    const [row] = await db().query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM backfill_batch) AS batches, (SELECT count(*) FROM backfill_polygon) AS polygons,
              (SELECT count(*) FROM temporary_land) AS records, (SELECT count(*) FROM rectification_order) AS orders,
              (SELECT count(*) FROM illegal_land_use_case) AS cases, (SELECT count(*) FROM record_version) AS versions`,
    );
    return row!;
  };

  beforeAll(async () => {
    t = await createTestApp(db(), { RECLAIM_LOGIN_ATTEMPTS_PER_MINUTE: '1000' });
    for (const [name, role, division] of [
      ['county', 'county', '320305'],
      ['tongshan', 'county', '320312'],
      ['city', 'city', '320300'],
      ['shanxi', 'province', '140000'],
    ] as const) {
      await t.addUser(`bf-${name}`, role, division);
      cookie[name] = await t.login(`bf-${name}`);
    }
    // Registered in 2020 and still in use: the survey's LS-L is the same land.
    existingId = await seedRegisteredYard(t.services, system);
  }, 180_000);
  afterAll(() => t.close());

  it('classifies every polygon a–d and applies its consequences in one batch', async () => {
    const response = await post('/api/supervision/backfill/batches', importBody);
    expect(response.statusCode, response.body).toBe(200);
    imported = json<Imported>(response);
    expect(imported.alreadyImported).toBe(false);
    const byCode = Object.fromEntries(imported.polygons.map((p) => [p.surveyCode, p]));
    expect(
      Object.fromEntries(imported.polygons.map((p) => [p.surveyCode, `${p.letter}:${p.grounds}`])),
    ).toEqual({
      'LS-A': 'a:RECLAIMED_ACCEPTED',
      'LS-B': 'b:WITHIN_TERM',
      'LS-B2': 'b:WITHIN_RECLAMATION_PERIOD',
      'LS-C1': 'c:USED_PAST_TERM',
      'LS-C2': 'c:NOT_RECLAIMED_PAST_DEADLINE',
      'LS-D1': 'd:PERMANENT_STRUCTURE',
      'LS-D2': 'd:PERMANENT_STRUCTURE',
      'LS-L': 'c:USED_PAST_TERM',
    });
    expect(imported.counts).toMatchObject({
      polygons: 8,
      byClass: { reclaimed_accepted: 1, in_term: 2, overdue: 3, permanent_structure: 2 },
      recordsCreated: 4,
      recordsLinked: 1,
      openOrders: 3,
      openCases: 2,
    });
    // (a) and (d) are not back-filled; (d) are cases; (c) have orders.
    for (const code of ['LS-A', 'LS-D1', 'LS-D2']) expect(byCode[code]!.recordId).toBeNull();
    expect(byCode['LS-D1']!.caseId).not.toBeNull();
    expect(byCode['LS-C1']!.orderId).not.toBeNull();
    // The polygon on a registered record is linked, not back-filled again; its order names that record.
    expect(byCode['LS-L']).toMatchObject({ recordId: existingId, recordLink: 'linked' });
    const order = json<{ recordId: string; grounds: string; deadline: string; issuedOn: string }>(
      await get(`/api/supervision/rectification-orders/${byCode['LS-L']!.orderId}`),
    );
    expect(order).toMatchObject({
      recordId: existingId,
      grounds: 'used_past_term',
      issuedOn: '2023-08-01',
      deadline: '2023-10-30', // 90 calendar days, the national default
    });
  });

  it('back-fills records with backfilled = true, provenance and the state the decision names', async () => {
    const byCode = Object.fromEntries(imported.polygons.map((p) => [p.surveyCode, p]));
    const expected = {
      'LS-B': 'in_use',
      'LS-B2': 'expired',
      'LS-C1': 'in_use',
      'LS-C2': 'expired',
    };
    for (const [code, state] of Object.entries(expected)) {
      const record = json<{
        state: string;
        backfilled: boolean;
        systemNumber: string;
        source: { batchId: string; surveyCode: string; surveyYear: number };
        findings: { code: string }[];
      }>(await get(`/api/register/records/${byCode[code]!.recordId}?asOf=2023-08-01`));
      expect(record, code).toMatchObject({
        state,
        backfilled: true,
        source: { batchId: imported.batchId, surveyCode: code, surveyYear: 2021 },
      });
      expect(record.systemNumber).toMatch(/^320305-2023-\d{5}$/);
      // Back-filled stock is not late registration (TL-REG-01) nor late disclosure (TL-SUP-03).
      expect(record.findings.map((f) => f.code)).not.toContain('TL-REG-01');
    }
    const log = json<{ items: { action: string; reasonCode: string }[] }>(
      await get(`/api/register/records/${byCode['LS-B2']!.recordId}/transitions`),
    );
    expect(log.items.map((i) => `${i.action}:${i.reasonCode}`)).toEqual([
      'register:BACKFILLED',
      'start_use:WORKS_STARTED',
      'expire:TERM_ENDED',
    ]);
    const history = json<{ items: { reason: string }[] }>(
      await get(`/api/history/backfill-polygons/${byCode['LS-B']!.id}`),
    );
    expect(history.items[0]!.reason).toBe('存量临时用地信息补录');
  });

  it('keeps each decision with what decided it, and the evidence supplied', async () => {
    const d2 = imported.polygons.find((p) => p.surveyCode === 'LS-D2')!;
    const polygon = json<{
      decision: { basis: { shows: string; source: { kind: string; evidenceId?: string } }[] };
      evidence: { id: string; kind: string; shows: string; sha256: string }[];
      cases: { status: string; grounds: string }[];
      attributes: Record<string, string>;
    }>(await get(`/api/supervision/backfill/polygons/${d2.id}`));
    expect(polygon.evidence).toHaveLength(1);
    expect(polygon.decision.basis).toEqual([
      expect.objectContaining({
        shows: 'permanent_structure',
        source: expect.objectContaining({ kind: 'evidence', evidenceId: polygon.evidence[0]!.id }),
      }),
    ]);
    expect(polygon.cases).toMatchObject([{ status: 'open', grounds: 'permanent_structure' }]);
    expect(polygon.attributes['图斑编号']).toBe('LS-D2');
    const content = await get(
      `/api/supervision/backfill/evidence/${polygon.evidence[0]!.id}/content`,
    );
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('image/png');
    expect(content.rawPayload.equals(Buffer.from(png, 'base64'))).toBe(true);
    const a = imported.polygons.find((p) => p.surveyCode === 'LS-A')!;
    const accepted = json<{ decision: { basis: { source: { field?: string } }[] } }>(
      await get(`/api/supervision/backfill/polygons/${a.id}`),
    );
    expect(accepted.decision.basis.map((b) => b.source.field)).toEqual(['复垦验收', '验收日期']);
  });

  it('returns the existing batch when the same files come again, and changes nothing', async () => {
    const before = await counts();
    const again = await post('/api/supervision/backfill/batches', {
      ...importBody,
      asOf: '2024-01-01',
      files: [...files].reverse(),
    });
    expect(again.statusCode, again.body).toBe(200);
    const body = json<Imported>(again);
    expect(body).toMatchObject({ alreadyImported: true, batchId: imported.batchId });
    expect(body.warnings.map((w) => w.code)).toContain('BACKFILL_ALREADY_IMPORTED');
    expect(body.polygons.map((p) => p.id).sort()).toEqual(
      imported.polygons.map((p) => p.id).sort(),
    );
    expect(await counts()).toEqual(before);
  });

  it('refuses a bad batch whole, every problem located, and writes nothing', async () => {
    const before = await counts();
    const features = [
      { 图斑编号: 'LS-A', 用途: '材料堆场', 终止日期: '2024-12-31' }, // back-filled already
      { 图斑编号: 'N-2', 用途: '养殖场', 终止日期: '2024-12-31' }, // not a temporary use
      { 图斑编号: 'N-3', 用途: '材料堆场', 终止日期: '明年' }, // unreadable date
      { 图斑编号: 'N-4', 用途: '材料堆场', 终止日期: '2024-12-31', ZLDWDM: '3203120000000000000' },
      { 图斑编号: 'N-5', 用途: '材料堆场', 终止日期: '2024-12-31' }, // the same land as N-6
      { 图斑编号: 'N-6', 用途: '材料堆场', 终止日期: '2024-12-31' },
    ].map((properties, i) => ({
      type: 'Feature',
      properties,
      geometry: square(i >= 4 ? 117.5 : 117.45 + i * 0.005, 34.45),
    }));
    const bad = await post('/api/supervision/backfill/batches', {
      ...importBody,
      evidence: [{ surveyCode: 'NOPE', kind: 'flag', shows: 'in_use' }],
      files: [
        {
          name: 'bad.geojson',
          contentBase64: Buffer.from(
            JSON.stringify({ type: 'FeatureCollection', features }),
          ).toString('base64'),
        },
      ],
    });
    expect(bad.statusCode).toBe(400);
    const error = json<ErrorBody>(bad).error;
    expect(error.code).toBe('BACKFILL_IMPORT_INVALID');
    const located = error.problems
      .filter((p) => p.code !== 'BACKFILL_IMPORT_INVALID') // the summary
      .map((p) => `${p.code}@${p.location?.feature ?? p.location?.field}`);
    expect(located.sort()).toEqual(
      [
        'BACKFILL_ALREADY_BACKFILLED@1',
        'BACKFILL_USE_UNKNOWN@2',
        'BACKFILL_VALUE_UNRECOGNISED@3',
        'BACKFILL_OUTSIDE_DIVISION@4',
        'BACKFILL_POLYGONS_OVERLAP@6',
        'EVIDENCE_POLYGON_UNKNOWN@evidence[0].surveyCode',
      ].sort(),
    );
    expect(error.problems.find((p) => p.code === 'BACKFILL_VALUE_UNRECOGNISED')?.location).toEqual({
      file: 'bad.geojson',
      feature: 3,
      field: '终止日期',
    });
    expect(await counts()).toEqual(before);
  });

  it('rehearses a dry run without storing anything', async () => {
    const before = await counts();
    const dry = await post('/api/supervision/backfill/batches', {
      ...importBody,
      evidence: [],
      dryRun: true,
      files: [
        {
          name: 'dry.geojson',
          contentBase64: Buffer.from(
            JSON.stringify({
              type: 'Feature',
              properties: { 图斑编号: 'DRY-1', 用途: '材料堆场', 终止日期: '2022-01-31' },
              geometry: square(117.6, 34.45),
            }),
          ).toString('base64'),
        },
      ],
    });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(json<Imported>(dry).counts.byClass.overdue).toBe(1);
    expect(await counts()).toEqual(before);
  });

  it('keeps batches, polygons and evidence inside the caller’s division', async () => {
    const outOfScope = await post(
      '/api/supervision/backfill/batches',
      { ...importBody, files: [fixture('jiawang-2021-ls.csv')] },
      'tongshan',
    );
    expect(outOfScope.statusCode).toBe(403);
    const polygonId = imported.polygons[0]!.id;
    expect(
      (await get(`/api/supervision/backfill/polygons/${polygonId}`, 'tongshan')).statusCode,
    ).toBe(404);
    expect(
      (await get(`/api/supervision/backfill/batches/${imported.batchId}`, 'shanxi')).statusCode,
    ).toBe(404);
    const list = (who: string) =>
      get(`/api/supervision/backfill/polygons?batchId=${imported.batchId}`, who).then(
        (r) => json<{ total: number }>(r).total,
      );
    expect(await list('county')).toBe(8);
    expect(await list('city')).toBe(8); // the level above sees its counties
    expect(await list('tongshan')).toBe(0);
    const cases = json<{ total: number }>(await get('/api/supervision/illegal-cases', 'tongshan'));
    expect(cases.total).toBe(0);
    // Batches are per county, even for the city above.
    const cityWide = await post(
      '/api/supervision/backfill/batches',
      { ...importBody, divisionCode: '320300' },
      'city',
    );
    expect(json<ErrorBody>(cityWide).error.code).toBe('BACKFILL_DIVISION_LEVEL');
  });
});
