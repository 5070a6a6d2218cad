// The map benchmark's script works: on a small generated data set served by the app, the
// script played in Chromium measures real animation frames and settle times at every step, and
// real tiles — the register's with the parcels shown, none of them (only the reference layers')
// with the parcels hidden, as the baseline wants. Not timed: performance is bench/'s.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../test/support/test-db.ts';
import { ensureWebBuilt } from '../../test/e2e/web-build.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import { buildApp } from '../../src/server/app.ts';
import { createServices } from '../../src/server/services.ts';
import type { App } from '../../src/server/types.ts';
import { generateDataset } from '../generate/dataset.ts';
import { loadDataset } from '../generate/write-database.ts';
import { busiestProvince, createProvinceAdmin, logIn, type Credentials } from '../load/account.ts';
import { mapTable, stepFigures } from './map-report.ts';
import { openMapPage, type Variant } from './map-page.ts';
import { playScript, type StepResult } from './play.ts';
import { easeMs, viewScript, type Script } from './script.ts';

describeEachMode('map benchmark script', (db) => {
  const dataset = generateDataset({ seed: 1, parcels: 80 });
  const province = busiestProvince(dataset.parcels.map((p) => p.attributes.division_code));
  let app: App;
  let url: string;
  let credentials: Credentials;
  let script: Script;
  const played = new Map<Variant, StepResult[]>();

  beforeAll(async () => {
    ensureWebBuilt();
    await loadDataset(db(), dataset);
    const services = createServices(db(), loadConfig({ RECLAIM_LOG_LEVEL: 'silent' }));
    app = await buildApp(services, { logger: false });
    url = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
    credentials = await createProvinceAdmin(services.users, province, 'map');
    for (const variant of ['parcels', 'baseline'] as const) {
      const page = await openMapPage(url, await logIn(url, credentials), variant);
      try {
        script ??= viewScript(dataset.clusters, province, 1, page.size.width);
        played.set(variant, await playScript(page.page, script, { countRendered: true }));
        expect(page.browser.errors).toEqual([]);
      } finally {
        await page.close();
      }
    }
  }, 600_000);
  afterAll(() => app.close());

  it('times every step: frames while the camera moves, and the settle after it', () => {
    for (const steps of played.values()) {
      expect(steps.map((s) => s.name)).toEqual(script.steps.map((s) => s.name));
      for (const [i, step] of steps.entries()) {
        expect(step.moves).toHaveLength(script.steps[i]!.moves.length);
        for (const [j, move] of step.moves.entries()) {
          const planned = script.steps[i]!.moves[j]!;
          expect(move.settleMs).toBeGreaterThanOrEqual(0);
          expect(move.settleMs).toBeLessThan(120_000);
          if (planned.kind === 'jumpTo') continue;
          // An animation lasts its duration, drawn frame by frame (SwiftShader on a machine
          // loaded by other suites has drawn a 1 s ease in as few as two frames).
          expect(move.motionMs).toBeGreaterThanOrEqual(planned.durationMs * 0.9);
          expect(move.frameIntervals.length).toBeGreaterThanOrEqual(1);
          const sum = move.frameIntervals.reduce((a, b) => a + b, 0);
          expect(move.frameIntervals.every((ms) => ms > 0)).toBe(true);
          expect(sum).toBeGreaterThan(easeMs * 0.5);
        }
      }
    }
  });

  it('fetches the register’s tiles with the parcels shown, and only reference tiles without', () => {
    const withParcels = played.get('parcels')!;
    const baseline = played.get('baseline')!;
    const total = (steps: StepResult[], key: 'parcelTiles' | 'referenceTiles') =>
      steps.reduce((n, s) => ({ tiles: n.tiles + s[key].tiles, bytes: n.bytes + s[key].bytes }), {
        tiles: 0,
        bytes: 0,
      });
    expect(total(withParcels, 'parcelTiles').tiles).toBeGreaterThan(10);
    expect(total(withParcels, 'parcelTiles').bytes).toBeGreaterThan(1000);
    expect(Math.max(...withParcels.map((s) => s.renderedParcels ?? 0))).toBeGreaterThan(0);
    expect(total(baseline, 'parcelTiles')).toEqual({ tiles: 0, bytes: 0 });
    expect(baseline.map((s) => s.renderedParcels)).toEqual(baseline.map(() => 0));
    // Land class and farmland come from z11: the pans fetch them in both variants.
    expect(total(baseline, 'referenceTiles').bytes).toBeGreaterThan(1000);
    expect(total(withParcels, 'referenceTiles').tiles).toBeGreaterThan(0);
  });

  it('reports every step of both variants with numbers', () => {
    const results = new Map([...played].map(([v, steps]) => [v, [steps]]));
    const table = mapTable(results, new Map());
    const rows = table.filter((line) => line.startsWith('| ') && !line.startsWith('| step'));
    expect(rows.slice(1)).toHaveLength(script.steps.length);
    expect(table.join('\n')).not.toMatch(/NaN/);
    for (const step of played.get('parcels')!)
      if (step.animated) expect(stepFigures(step).frames!.p95Ms).toBeGreaterThan(0);
  });
});
