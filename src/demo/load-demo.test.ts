// The demo data set: loads once, tiles its area without gaps or overlaps, its accounts log in,
// and its records are registered once with findings to show.
import { beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../test/support/test-db.ts';
import { createUserService } from '../identity/users.service.ts';
import { createAuthService } from '../identity/auth.service.ts';
import { publicActor, systemActor } from '../identity/domain/actor.ts';
import { loadConfig } from '../platform/config/config.ts';
import { createServices, type Services } from '../server/services.ts';
import { demoAreas, demoLandClassParcels, demoPassword, demoUsers } from './demo-data.ts';
import { loadDemoNotices } from './demo-notices.ts';
import { loadDemoReclamation } from './demo-reclamation.ts';
import { demoRecords, loadDemoRecords } from './demo-records.ts';
import { demoCriteria, loadDemoRestoration } from './demo-restoration.ts';
import { loadDemo } from './load-demo.ts';

it('is deterministic', () => {
  const area = demoAreas[0]!;
  expect(demoLandClassParcels(area)).toEqual(demoLandClassParcels(area));
});

describeEachMode('demo data', (db) => {
  beforeAll(async () => {
    const outcome = await loadDemo(db(), createUserService(db()));
    expect(outcome.loaded).toBe(true);
  }, 120_000);

  it('loads once: a second run changes nothing', async () => {
    const again = await loadDemo(db(), createUserService(db()));
    expect(again.loaded).toBe(false);
    const [row] = await db().query<{ n: number }>('SELECT count(*) AS n FROM app_user');
    expect(row?.n).toBe(demoUsers.length);
  });

  it('tiles each area exactly: valid polygons, no overlaps, areas summing to the extent', async () => {
    const [stats] = await db().query<{
      invalid: number;
      overlaps: number;
      total: number;
      extent: number;
    }>(
      `SELECT (SELECT count(*) FROM land_class_parcel WHERE NOT ST_IsValid(geom)) AS invalid,
              (SELECT count(*) FROM land_class_parcel a JOIN land_class_parcel b ON a.id < b.id
                 AND ST_Overlaps(a.geom, b.geom) AND ST_Area(ST_Intersection(a.geom, b.geom)) > 1e-12) AS overlaps,
              (SELECT sum(area_m2) FROM land_class_parcel WHERE division_code = '320305') AS total,
              (SELECT ST_Area(ST_Envelope(ST_Collect(geom))::geography) FROM land_class_parcel WHERE division_code = '320305') AS extent`,
    );
    expect(stats).toMatchObject({ invalid: 0, overlaps: 0 });
    expect(Math.abs(stats!.total - stats!.extent) / stats!.extent).toBeLessThan(1e-6);
    // 24 × 20 cells of ≈ 0.003° × 0.0025° near 34.4°N: about 7.4 km × 5.6 km ≈ 38.5 km².
    expect(stats!.extent / 1e6).toBeGreaterThan(35);
    expect(stats!.extent / 1e6).toBeLessThan(42);
  });

  it('puts permanent basic farmland only on cultivated land', async () => {
    const [row] = await db().query<{ outside: number; n: number }>(
      `SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM land_class_parcel l WHERE l.land_class_code LIKE '01%' AND ST_Equals(l.geom, f.geom))) AS outside,
              count(*) AS n FROM farmland_parcel f`,
    );
    expect(row?.n).toBeGreaterThan(100);
    expect(row?.outside).toBe(0);
  });

  it('has an account for every role that logs in with the documented password', async () => {
    const auth = createAuthService(db(), { sessionTtlHours: 1 });
    const roles = new Set<string>();
    for (const user of demoUsers) {
      const session = await auth.login(user.username, demoPassword, { ip: null, userAgent: null });
      roles.add(session.user.role);
    }
    expect([...roles].sort()).toEqual(['city', 'county', 'enterprise', 'ministry', 'province']);
  });
});

describeEachMode('demo records', (db) => {
  let services: Services;
  beforeAll(async () => {
    services = createServices(db(), loadConfig({}));
    await loadDemo(db(), services.users);
  }, 120_000);

  it('registers every demo record once, overlaid on the demo layers, with findings to show', async () => {
    expect(await loadDemoRecords(db(), services.register)).toBe(demoRecords.length);
    expect(await loadDemoRecords(db(), services.register)).toBe(0);
    const rows = await db().query<{ id: string; cultivated: number }>(
      `SELECT id, (computed_breakdown->>'cultivatedM2')::float8 AS cultivated FROM temporary_land`,
    );
    expect(rows).toHaveLength(demoRecords.length);
    // Every record lies on the demo layers; some on cultivated land.
    expect(rows.filter((r) => r.cultivated > 0).length).toBeGreaterThan(0);
    // The register shows findings: by late 2026 the 2022 approvals are overdue for reclamation.
    const codes = new Set<string>();
    for (const { id } of rows) {
      const view = await services.register.get(systemActor('test'), id, '2026-11-20');
      for (const finding of view.findings) codes.add(finding.code);
    }
    expect(codes).toContain('TL-RECL-01');
    // The publicised ones are the public's to see; the others are findings (TL-SUP-03).
    const published = await services.register.list(publicActor, { limit: 50, offset: 0 });
    expect(published.items).toHaveLength(demoRecords.filter((r) => r.publishedOn).length);
    expect(codes).toContain('TL-SUP-03');
  });

  it('puts notices on the board once: one closed with an answered objection, one open with an objection waiting, one draft', async () => {
    expect(await loadDemoNotices(db(), services.calendar)).toBe(3);
    expect(await loadDemoNotices(db(), services.calendar)).toBe(0);
    const system = systemActor('test');
    const all = await services.notices.list(system, { limit: 50, offset: 0 });
    expect(all.items.map((n) => n.state).sort()).toEqual(['closed', 'draft', 'published']);
    const open = all.items.find((n) => n.state === 'published')!;
    expect(open.window).toMatchObject({ open: true, length: 30, unit: 'calendar_days' });
    expect(open.objections).toEqual({ total: 1, awaitingAnswer: 1, overdue: 0 });
    const closed = all.items.find((n) => n.state === 'closed')!;
    expect(closed.window).toMatchObject({ publishedOn: '2026-06-01', endsOn: '2026-06-10' });
    const [answered] = (
      await services.objections.list(system, { noticeId: closed.id, limit: 5, offset: 0 })
    ).items;
    expect(answered).toMatchObject({ status: 'closed', answerDeadline: { answeredLate: false } });
    // The public sees the open and the closed notice, not the draft.
    const seen = await services.notices.list(publicActor, { limit: 50, offset: 0 });
    expect(seen.items.map((n) => n.state).sort()).toEqual(['closed', 'published']);
  });

  it('takes one record through expiry into reclaiming with an obligation, money, a report and an open application', async () => {
    expect(await loadDemoReclamation(db(), services)).toBe(1);
    expect(await loadDemoReclamation(db(), services)).toBe(0);
    const system = systemActor('test');
    const { items } = await services.obligations.list(system, { limit: 10, offset: 0 });
    expect(items).toHaveLength(1);
    const obligation = await services.obligations.get(system, items[0]!.id);
    expect(obligation).toMatchObject({
      status: 'open',
      recordState: 'reclaiming',
      heldYuan: 186_000,
    });
    expect(obligation.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(obligation.guaranteeWarnings).toMatchObject([{ severity: 'warning' }]);
    expect(obligation.reports[0]!.photos).toHaveLength(1);
    expect(obligation.acceptances).toMatchObject([
      { status: 'applied', panelMissing: [], due: { flag: 'on_time' } },
    ]);
  });

  it('loads a subsidence restoration project once, whose two measurements move its progress, and demo criteria marked as such', async () => {
    expect(await loadDemoRestoration(db(), services)).toBe(1);
    expect(await loadDemoRestoration(db(), services)).toBe(0);
    const system = systemActor('test');
    const { items } = await services.restorationProjects.list(system, { limit: 10, offset: 0 });
    expect(items).toHaveLength(1);
    const [project] = items;
    expect(project).toMatchObject({
      divisionCode: '320305',
      state: 'under_way',
      damageKind: 'subsidence',
    });
    expect(project!.progress.overall).toMatchObject({
      percent: 72.2,
      previousPercent: 21.7,
      trend: 'improving',
    });
    expect(project!.progress.vegetationCover.series.map((p) => p.pct)).toEqual([38, 61]);
    const criteria = await services.acceptanceCriteria.list(system, {});
    expect(criteria).toHaveLength(Object.values(demoCriteria).flat().length);
    expect(criteria.every((c) => c.isDemo && c.divisionCode === '320000')).toBe(true);
    // Checked against the demo set: the fishery pond's water depth is met; farmland lacks values.
    const { checks } = await services.restorationMeasurements.checkCriteria(system, project!.id);
    expect(checks.find((c) => c.type === 'fishery_photovoltaic')).toMatchObject({
      verdict: 'pass',
      demoCriteria: true,
    });
    expect(checks.find((c) => c.type === 'cultivated_land')!.verdict).toBe('incomplete');
  });

  it("checks the demo application's completion survey against the demo criteria: the topsoil is too thin", async () => {
    const system = systemActor('test');
    const { items } = await services.obligations.list(system, { limit: 10, offset: 0 });
    const obligation = await services.obligations.get(system, items[0]!.id);
    const [round] = obligation.acceptances;
    const cultivated = round!.criteriaChecks.find((c) => c.direction === 'cultivated');
    expect(cultivated).toMatchObject({ verdict: 'fail', demoCriteria: true });
    expect(cultivated!.findings.filter((f) => f.status !== 'met').map((f) => f.indicator)).toEqual([
      'soil_thickness',
    ]);
  });
});
