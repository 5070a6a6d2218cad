// The demo's supervision data: loads once, after the demo records; its enforcement batch has a
// polygon of every coverage (covered, partly covered, each cause), its back-fill batches every
// class and one order already overdue, and the evaluations leave findings of several months.
import { beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../test/support/test-db.ts';
import { systemActor } from '../identity/domain/actor.ts';
import { loadConfig } from '../platform/config/config.ts';
import { createServices, type Services } from '../server/services.ts';
import { loadDemoRecords } from './demo-records.ts';
import { loadDemoSupervision } from './demo-supervision.ts';
import { loadDemo } from './load-demo.ts';

const system = systemActor('test');

describeEachMode('demo supervision data', (db) => {
  let services: Services;
  beforeAll(async () => {
    services = createServices(db(), loadConfig({}));
    await loadDemo(db(), services.users);
    await loadDemoRecords(db(), services.register);
  }, 180_000);

  it('loads once, with every coverage, every back-fill class, an overdue order and findings by month', async () => {
    const first = await loadDemoSupervision(db(), services);
    expect(first).toMatchObject({ loaded: true, enforcementPolygons: 6, backfillPolygons: 6 });
    expect(first.findings).toBeGreaterThan(10);
    expect((await loadDemoSupervision(db(), services)).loaded).toBe(false);

    const { collection } = await services.enforcementRead.polygons(system, {
      includeSuperseded: false,
      limit: 50,
      offset: 0,
    });
    const features = (
      collection as {
        features: { properties: { surveyCode: string; status: string; primaryCause: string } }[];
      }
    ).features;
    const byCode = Object.fromEntries(
      features.map((f) => [
        String(f.properties.surveyCode),
        [f.properties.status, f.properties.primaryCause],
      ]),
    );
    expect(byCode).toEqual({
      'WP-01': ['covered', null],
      'WP-02': ['partly_covered', 'outside'],
      'WP-03': ['uncovered', 'use_differs'],
      'WP-04': ['uncovered', 'not_registered'],
      'WP-05': ['uncovered', 'expired'],
      'WP-06': ['uncovered', 'outside'],
    });

    const polygons = await services.backfill.listPolygons(system, { limit: 50, offset: 0 });
    expect(polygons.items.map((p) => p.letter).sort()).toEqual(['a', 'b', 'c', 'c', 'c', 'd']);
    const overdue = await services.rectification.list(system, {
      overdue: true,
      limit: 50,
      offset: 0,
    });
    expect(overdue.items.map((o) => o.surveyCode)).toEqual(['LS-2021-06']);

    const stats = await services.findings.stats(system, {});
    expect(stats.byMonth.map((m) => m.month)).toEqual(
      expect.arrayContaining(['2026-06', '2026-09']),
    );
  }, 300_000);
});
