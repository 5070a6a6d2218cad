// The evaluation on real records: rule findings, an obviously large parcel, the county brake;
// stored with a lifecycle; re-running never duplicates; a fixed problem is resolved; the
// brake refuses new approvals; people move findings by role, with conflicts on stale versions.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../test/support/test-db.ts';
import { createTestApp, json, type TestApp } from '../../test/support/test-app.ts';
import { systemActor } from '../identity/domain/actor.ts';
import { asSystem } from '../identity/scoped-db.ts';
import { AppError } from '../platform/errors.ts';
import type { StoredFinding } from './findings.store.ts';

const system = systemActor('test');
const square = (lng: number, lat: number, size: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lng, lat],
      [lng + size, lat],
      [lng + size, lat + size],
      [lng, lat + size],
      [lng, lat],
    ],
  ],
});
const base = {
  divisionCode: '320305',
  projectClass: 'transport',
  useType: 'material_yard',
  approvalBody: '徐州市自然资源和规划局贾汪分局',
  approvalLevel: 'county',
};
const asOf = '2026-06-01';

describeEachMode('supervision evaluation', (db) => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  const setState = (id: string, state: string, registeredOn?: string) =>
    asSystem(
      db(),
      system,
      (tx) =>
        tx.query(
          'UPDATE temporary_land SET state = $2, registered_on = coalesce($3::date, registered_on) WHERE id = $1',
          [id, state, registeredOn ?? null],
        ),
      'test set-up',
    );

  beforeAll(async () => {
    t = await createTestApp(db());
    const create = async (name: string, fields: { geometry: object } & Record<string, unknown>) =>
      (ids[name] = (
        await t.services.register.create(system, { ...base, projectName: name, ...fields }, 'test')
      ).id);
    // A: approved in February, never registered nor publicised.
    await create('unregistered', {
      approvalDate: '2026-02-02',
      termEnd: '2028-02-01',
      geometry: square(117.3, 34.3, 0.001),
    });
    // Twelve comparable yards of about a hectare, and one forty times larger.
    for (let i = 0; i < 12; i++) {
      await create(`yard-${i}`, {
        approvalDate: '2026-03-02',
        termEnd: '2028-03-01',
        disclosurePublishedOn: '2026-03-06',
        geometry: square(117.32 + i * 0.002, 34.3, 0.001 * (1 + i / 40)),
      });
      await setState(ids[`yard-${i}`]!, 'registered', '2026-03-05');
    }
    await create('huge', {
      approvalDate: '2026-03-02',
      termEnd: '2028-03-01',
      registeredOn: '2026-03-05',
      disclosurePublishedOn: '2026-03-06',
      geometry: square(117.36, 34.31, 0.0065),
    });
    await setState(ids.huge!, 'registered', '2026-03-05');
    // Two parcels whose term ended in 2023: one accepted, one still in use (overdue > 1 year).
    for (const [name, state] of [
      ['old-accepted', 'accepted'],
      ['old-overdue', 'in_use'],
    ] as const) {
      await create(name, {
        useType: 'work_shed', // a group of two: too small to compare
        approvalDate: '2021-10-08',
        termStart: '2021-10-08',
        termEnd: '2023-10-07',
        disclosurePublishedOn: '2021-10-12',
        geometry: square(117.4 + (name === 'old-overdue' ? 0.01 : 0), 34.35, 0.002),
      });
      await setState(ids[name]!, state, '2021-10-15');
    }
  }, 180_000);
  afterAll(() => t.close());

  const findings = async (rule?: string) =>
    (
      await t.services.findings.list(system, {
        ...(rule ? { ruleCode: rule } : {}),
        limit: 500,
        offset: 0,
      })
    ).items;
  const counts = async () => {
    const [row] = await db().query<{ findings: number; versions: number }>(
      `SELECT (SELECT count(*) FROM supervision_finding) AS findings,
              (SELECT count(*) FROM record_version WHERE entity = 'supervision_finding') AS versions`,
    );
    return row!;
  };

  it('stores rule findings, the obviously large parcel and the county brake', async () => {
    const summary = await t.services.evaluations.evaluate(system, { asOf, divisionCode: '320305' });
    expect(summary).toMatchObject({ records: 16, reopened: 0, resolved: 0, brakesOn: ['320305'] });
    expect(summary.inserted).toBe(summary.firing);
    const reg = await findings('TL-REG-01');
    expect(reg.map((f) => f.recordId)).toEqual([ids.unregistered]);
    expect(reg[0]).toMatchObject({ severity: 'error', status: 'open', firstSeenOn: asOf });
    expect((await findings('TL-SUP-03')).map((f) => f.recordId)).toEqual([ids.unregistered]);
    const large = await findings('TL-SUP-01');
    expect(large.map((f) => f.recordId)).toEqual([ids.huge]);
    expect(large[0]?.evidence).toMatchObject({ groupSize: 14, threshold: 3.5 });
    const brake = await findings('TL-SUP-06');
    expect(brake).toMatchObject([
      { subjectKind: 'county', divisionCode: '320305', period: '2026' },
    ]);
    expect(brake[0]?.evidence).toMatchObject({ overdueCount: 1, dueCount: 2 });
    expect((await findings('TL-RECL-01')).map((f) => f.recordId)).toEqual([ids['old-overdue']]);
    const [status] = await t.services.findings.countyBrakes(system, 2026);
    expect(status).toMatchObject({ divisionCode: '320305', on: true, share: 0.5 });
  });

  it('re-running the same day changes nothing', async () => {
    const before = await counts();
    const again = await t.services.evaluations.evaluate(system, { asOf, divisionCode: '320305' });
    expect(again).toMatchObject({ inserted: 0, reopened: 0, refreshed: 0, resolved: 0 });
    expect(await counts()).toEqual(before);
  });

  it('the brake refuses approvals from the day it came on, not earlier ones', async () => {
    const attempt = (approvalDate: string) =>
      t.services.register.create(
        system,
        { ...base, projectName: 'new', approvalDate, geometry: square(117.5, 34.5, 0.001) },
        'test',
      );
    const refused = await attempt('2026-06-10').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).problems.map((p) => p.code)).toContain('TL-SUP-06');
    await expect(attempt('2026-05-20')).resolves.toMatchObject({ projectName: 'new' });
  });

  it('resolves a finding once fixed, and reopens it when it comes back', async () => {
    const id = ids.unregistered!;
    const version = (await t.services.register.get(system, id)).version;
    await t.services.register.update(
      system,
      id,
      version,
      { disclosurePublishedOn: '2026-06-02', disclosureWhere: '贾汪区人民政府网站' },
      'published',
    );
    const later = await t.services.evaluations.evaluate(system, {
      asOf: '2026-06-03',
      divisionCode: '320305',
    });
    expect(later.refreshed).toBe(1);
    const [fixed] = await findings('TL-SUP-03');
    // Published late: the error became a warning, so it still holds — refreshed, not resolved.
    expect(fixed).toMatchObject({ severity: 'warning', status: 'open' });
    const [yard] = await findings('TL-SUP-01');
    expect(yard?.recordId).toBe(ids.huge);
    await setState(ids.huge!, 'written_off');
    const written = await t.services.evaluations.evaluate(system, {
      asOf: '2026-06-03',
      divisionCode: '320305',
    });
    expect(written.resolved).toBeGreaterThanOrEqual(1);
    const [gone] = await findings('TL-SUP-01');
    expect(gone).toMatchObject({ status: 'rectified', resolvedOn: '2026-06-03' });
    await setState(ids.huge!, 'in_use');
    const back = await t.services.evaluations.evaluate(system, {
      asOf: '2026-06-04',
      divisionCode: '320305',
    });
    expect(back.reopened).toBeGreaterThanOrEqual(1);
    const [reopened] = await findings('TL-SUP-01');
    expect(reopened).toMatchObject({ status: 'open', resolvedOn: null });
    const history = await t.services.history.versions(system, 'supervision-findings', reopened!.id);
    expect(history.map((v) => v.reason)).toEqual([
      expect.stringContaining('evaluation as of 2026-06-01'),
      expect.stringContaining('规则不再成立'),
      expect.stringContaining('规则再次成立'),
    ]);
  });

  it('people move findings by role over HTTP; stale versions conflict; scope applies', async () => {
    await t.addUser('sup-county', 'county', '320305');
    await t.addUser('sup-city', 'city', '320300');
    await t.addUser('sup-tongshan', 'county', '320312');
    const county = await t.login('sup-county');
    const city = await t.login('sup-city');
    const tongshan = await t.login('sup-tongshan');
    const list = await t.app.inject({
      url: '/api/supervision/findings?rule=TL-REG-01',
      headers: { cookie: county },
    });
    const [finding] = json<{ items: StoredFinding[] }>(list).items;
    expect(finding?.ruleCode).toBe('TL-REG-01');
    const act = (cookie: string, action: string, version: number) =>
      t.app.inject({
        method: 'POST',
        url: `/api/supervision/findings/${finding!.id}/actions`,
        payload: { action, version, reason: `${action} in test` },
        headers: { cookie },
      });
    const ack = await act(county, 'acknowledge', finding!.version);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(json<StoredFinding>(ack).status).toBe('acknowledged');
    expect((await act(county, 'close', finding!.version + 1)).statusCode).toBe(403);
    expect((await act(city, 'close', finding!.version)).statusCode).toBe(409); // stale
    const closed = await act(city, 'close', finding!.version + 1);
    expect(json<StoredFinding>(closed).status).toBe('closed');
    const [brake] = await findings('TL-SUP-06');
    const rectifyBrake = await t.app.inject({
      method: 'POST',
      url: `/api/supervision/findings/${brake!.id}/actions`,
      payload: { action: 'rectify', version: brake!.version, reason: 'try' },
      headers: { cookie: county },
    });
    expect(rectifyBrake.statusCode).toBe(409);
    expect(rectifyBrake.body).toContain('FINDING_ACTION_REFUSED');
    const outside = await t.app.inject({
      url: '/api/supervision/findings',
      headers: { cookie: tongshan },
    });
    expect(json<{ total: number }>(outside).total).toBe(0);
    const hidden = await t.app.inject({
      url: `/api/supervision/findings/${finding!.id}`,
      headers: { cookie: tongshan },
    });
    expect(hidden.statusCode).toBe(404);
    const runs = await t.app.inject({
      url: '/api/supervision/evaluations',
      headers: { cookie: county },
    });
    expect(json<{ items: unknown[] }>(runs).items.length).toBeGreaterThanOrEqual(4);
    const brakes = await t.app.inject({
      url: '/api/supervision/county-brake?year=2026',
      headers: { cookie: city },
    });
    expect(json<{ items: { divisionCode: string; on: boolean }[] }>(brakes).items).toEqual([
      expect.objectContaining({ divisionCode: '320305', on: true }),
    ]);
  });
});
