// The supervisor's screens end to end, in Debian's Chromium against the real `reclaim serve
// --demo` (a separate process on a free port), in each storage mode: Xuzhou's city supervisor
// logs in, sees the dashboard's charts drawn (canvases with pixels) and their tables agreeing
// with the API, opens the demo enforcement batch, finds its polygons on the map coloured by
// coverage, clicks the uncovered one on the map, assigns it, adds a field photo and records a
// verdict that then stands in its history; then the back-fill review (its polygons on the map
// coloured by class, one opened by a click on the map), the rectification orders
// (an overdue one flagged) and the report export. Screenshots to test-output/screenshots/.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { testModes } from '../support/modes.ts';
import { classColours } from '../../web/src/supervision/labels.ts';
import { renderedProperties } from './browser.ts';
import { demoPassword, demoSession, screenshots } from './demo-session.ts';

/** A real 1×1 PNG: the field photo. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

interface Stats {
  byRule: { ruleCode: string; live: number; total: number }[];
  byDivision: { divisionCode: string; live: number; total: number }[];
  byMonth: { month: string; live: number; total: number }[];
}

/** Survey code → `property` of each polygon the page's thematic tiles draw now. */
const drawnBy = (page: Page, property: string) =>
  renderedProperties(page, 'thematic-tiles-fill').then((drawn) =>
    Object.fromEntries(drawn.map((p) => [String(p.surveyCode), String(p[property])])),
  );

interface MapForTests {
  project(lngLat: [number, number]): { x: number; y: number };
  getPaintProperty(layer: string, name: string): unknown;
}

for (const mode of testModes()) {
  describe(`the supervisor's screens end to end (${mode})`, { timeout: 180_000 }, () => {
    const session = demoSession(mode);
    const shot = (name: string) =>
      session.browser.page.screenshot({
        path: join(screenshots, `${mode}-supervisor-${name}.png`),
        fullPage: false,
      });
    /** GET an API path with the browser's session. */
    const apiGet = <T>(path: string) =>
      session.browser.page.evaluate(
        async (p) => (await fetch(p, { credentials: 'same-origin' })).json() as Promise<unknown>,
        path,
      ) as Promise<T>;

    it('logs the city supervisor in and draws the dashboard, its tables matching the API', async () => {
      const { page } = session.browser;
      await page.goto(`${session.base}/login`);
      await page.fill('input[name="username"]', 'xuzhou');
      await page.fill('input[name="password"]', demoPassword);
      await page.click('button[type="submit"]');
      await page.waitForSelector('[data-testid="division"]');
      expect(await page.textContent('[data-testid="division"]')).toContain('徐州市');

      await page.click('nav >> text=监管看板');
      for (const chart of ['by-rule', 'by-division', 'by-month', 'brake', 'ranking'])
        await page.waitForSelector(`[data-testid="chart-${chart}"] canvas`, { timeout: 60_000 });
      // Every chart's canvas has pixels drawn on it.
      const painted = await page.$$eval('.chart canvas', (canvases) =>
        (canvases as HTMLCanvasElement[]).map((canvas) => {
          const data = canvas
            .getContext('2d')
            ?.getImageData(0, 0, canvas.width, canvas.height).data;
          let inked = 0;
          for (let i = 3; i < (data?.length ?? 0); i += 4) if ((data?.[i] ?? 0) > 0) inked += 1;
          return inked;
        }),
      );
      expect(painted.length).toBe(5);
      for (const inked of painted) expect(inked).toBeGreaterThan(500);

      // The tables beside the charts say what the API says.
      const stats = await apiGet<Stats>('/api/supervision/findings/stats');
      expect(stats.byRule.length).toBeGreaterThan(3);
      expect(stats.byMonth.length).toBeGreaterThan(1);
      const cells = (table: string, key: string) =>
        page.$$eval(
          `[data-testid="${table}"] tbody tr`,
          (rows, k) =>
            rows.map((row) => [
              row.getAttribute(`data-${k}`) ?? '',
              Number(row.querySelector('.live')?.textContent),
              Number(row.querySelector('.total')?.textContent),
            ]),
          key,
        );
      expect(await cells('table-by-rule', 'rule')).toEqual(
        stats.byRule.map((r) => [r.ruleCode, r.live, r.total]),
      );
      expect(await cells('table-by-division', 'division')).toEqual(
        stats.byDivision.map((r) => [r.divisionCode, r.live, r.total]),
      );
      expect(await cells('table-by-month', 'month')).toEqual(
        stats.byMonth.map((r) => [r.month, r.live, r.total]),
      );
      const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
        .format(new Date())
        .slice(0, 4);
      const brakes = await apiGet<{
        items: { divisionCode: string; share: number; on: boolean }[];
      }>(`/api/supervision/county-brake?year=${year}`);
      expect(brakes.items.some((b) => b.on)).toBe(true);
      const shares = await page.$$eval('[data-testid="table-brake"] tbody tr', (rows) =>
        rows.map((row) => [
          row.getAttribute('data-division'),
          row.querySelector('.share')?.textContent,
        ]),
      );
      expect(shares).toEqual(
        brakes.items.map((b) => [b.divisionCode, `${(b.share * 100).toFixed(1)}%`]),
      );
      const ranking = await apiGet<{ rows: { divisionCode: string; score: number }[] }>(
        '/api/supervision/reports/rankings',
      );
      const scores = await page.$$eval('[data-testid="table-ranking"] tbody tr', (rows) =>
        rows.map((row) => [
          row.getAttribute('data-division'),
          Number(row.querySelector('.score')?.textContent),
        ]),
      );
      expect(scores).toEqual(ranking.rows.map((r) => [r.divisionCode, r.score]));
      await shot('dashboard');
      await page.locator('[data-testid="chart-brake"]').scrollIntoViewIfNeeded();
      await shot('dashboard-brake');
      expect(session.browser.errors).toEqual([]);
    });

    it('opens the enforcement batch on the map and records a verdict on an uncovered polygon', async () => {
      const { page } = session.browser;
      await page.click('nav >> text=执法核查');
      await page.click('[data-testid="enforcement-batches"] tr[data-batch="WP-320305-2026-10"]');
      const rows = page.locator('[data-testid="polygon-list"] tbody tr');
      await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(6);
      const statuses = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.status));
      expect(statuses).toContain('covered');
      expect(statuses).toContain('partly_covered');
      expect(statuses).toContain('uncovered');

      expect(await page.textContent('[data-testid="pager"]')).toContain('共 6 条');

      // On the map: every polygon of the batch from its vector tiles, coloured by coverage.
      const rendered = () => drawnBy(page, 'kind');
      await expect
        .poll(async () => Object.keys(await rendered()).sort(), { timeout: 30_000 })
        .toEqual(['WP-01', 'WP-02', 'WP-03', 'WP-04', 'WP-05', 'WP-06']);
      const kinds = await rendered();
      expect(kinds['WP-01']).toBe('covered');
      expect(kinds['WP-06']).toBe('outside'); // outside any approval
      expect(kinds['WP-04']).toBe('not_registered'); // approval not registered
      expect(await page.textContent('[data-testid="thematic-legend"]')).toContain('批准已过期');
      await shot('enforcement-batch');

      // A click on the uncovered polygon WP-06 on the map opens it.
      const collection = await apiGet<{
        features: { id: string; properties: { surveyCode: string } }[];
      }>('/api/supervision/enforcement/polygons?limit=50');
      const wp06 = collection.features.find((f) => f.properties.surveyCode === 'WP-06')!;
      const point = await page.evaluate(() => {
        const map = (window as unknown as { __reclaimMap?: MapForTests }).__reclaimMap;
        return map?.project([117.433, 34.41275]) ?? { x: 0, y: 0 };
      });
      const box = (await page.locator('[data-testid="map"]').boundingBox())!;
      await page.mouse.click(box.x + point.x, box.y + point.y);
      await page.waitForSelector('[data-testid="polygon-review"] [data-testid="verification"]', {
        timeout: 30_000,
      });
      expect(page.url()).toContain(wp06.id);
      expect(await page.textContent('[data-testid="causes"]')).toContain('超出批准范围');
      expect(await page.textContent('.verification-state')).toBe('待核查');

      // Assign it (to the supervisor), add a field photo, record the verdict.
      await page.click('[data-testid="verification"] button[data-action="assign"]');
      await page.fill('[data-testid="verification-form"] input[name="reason"]', '安排实地核查');
      await page.click('[data-testid="verification-form"] button[type="submit"]');
      await expect
        .poll(() => page.textContent('.verification-state'), { timeout: 30_000 })
        .toBe('核查中');
      await page.setInputFiles('[data-testid="verification"] input[type="file"]', {
        name: '现场照片-WP-06.png',
        mimeType: 'image/png',
        buffer: png,
      });
      await expect
        .poll(() => page.textContent('[data-testid="photos"]'), { timeout: 30_000 })
        .toContain('现场照片-WP-06.png');
      await page.click('[data-testid="verification"] button[data-action="record_verdict"]');
      await page.selectOption(
        '[data-testid="verification-form"] select[name="verdict"]',
        'illegal',
      );
      await page.fill(
        '[data-testid="verification-form"] input[name="verdictReason"]',
        '现场为未经批准的采矿堆场',
      );
      await page.fill('[data-testid="verification-form"] input[name="reason"]', '实地核查完成');
      await page.click('[data-testid="verification-form"] button[type="submit"]');
      await expect
        .poll(() => page.textContent('.verification-state'), { timeout: 30_000 })
        .toBe('已核实');
      const history = page.locator('[data-testid="verification-history"] li');
      await expect
        .poll(() => history.allTextContents(), { timeout: 30_000 })
        .toEqual([
          expect.stringContaining('指派核查'),
          expect.stringContaining('现场照片-WP-06.png'),
          expect.stringContaining('现场为未经批准的采矿堆场'),
        ]);
      expect(await history.last().textContent()).toContain('违法用地');
      // The API agrees.
      const detail = await apiGet<{
        properties: { verification: { state: string; verdict: string }; photos: unknown[] };
      }>(`/api/supervision/enforcement/polygons/${wp06.id}`);
      expect(detail.properties.verification).toMatchObject({
        state: 'verified',
        verdict: 'illegal',
      });
      expect(detail.properties.photos).toHaveLength(1);
      await shot('enforcement-polygon');
      expect(session.browser.errors).toEqual([]);
    });

    it('shows the back-fill review, the rectification orders and the report exports', async () => {
      const { page } = session.browser;
      await page.click('nav >> text=存量补录');
      const polygons = page.locator('[data-testid="backfill-polygons"] tbody tr');
      await expect.poll(() => polygons.count(), { timeout: 30_000 }).toBe(6);
      expect(await page.textContent('[data-testid="pager"]')).toContain('共 6 条');
      // On the map: every polygon from the back-fill tiles, in the class the API gives it.
      const api = await apiGet<{
        features: { id: string; properties: { surveyCode: string; class: string } }[];
      }>('/api/supervision/backfill/features?limit=5000');
      expect(api.features).toHaveLength(6);
      const drawn = () => drawnBy(page, 'class');
      await expect
        .poll(async () => Object.keys(await drawn()).sort(), { timeout: 30_000 })
        .toEqual(api.features.map((f) => f.properties.surveyCode).sort());
      const drawnClasses = await drawn();
      for (const f of api.features)
        expect(drawnClasses[f.properties.surveyCode]).toBe(f.properties.class);
      // Each class filled in its legend's colour.
      const fill = await page.evaluate(() =>
        (window as unknown as { __reclaimMap?: MapForTests }).__reclaimMap?.getPaintProperty(
          'thematic-tiles-fill',
          'fill-color',
        ),
      );
      expect(fill).toEqual([
        'match',
        ['get', 'class'],
        ...Object.entries(classColours).flat(),
        '#9e9e9e',
      ]);
      expect(await page.textContent('[data-testid="thematic-legend"]')).toContain('限期整改');
      await shot('backfill-map');

      // A click on LS-2021-02 on the map opens its decision and the override form.
      const ls02 = api.features.find((f) => f.properties.surveyCode === 'LS-2021-02')!;
      const at = await page.evaluate(() => {
        const map = (window as unknown as { __reclaimMap?: MapForTests }).__reclaimMap;
        return map?.project([117.407, 34.43525]) ?? { x: 0, y: 0 };
      });
      const mapBox = (await page.locator('[data-testid="map"]').boundingBox())!;
      await page.mouse.click(mapBox.x + at.x, mapBox.y + at.y);
      await page.waitForSelector('[data-testid="backfill-review"]', { timeout: 30_000 });
      expect(page.url()).toContain(ls02.id);
      expect(await page.textContent('.backfill-class')).toContain('b');
      // The supervisor overrides the class with a reason.
      await page.selectOption('[data-testid="backfill-review"] select[name="class"]', 'overdue');
      await page.fill('[data-testid="backfill-review"] input[name="reason"]', '现场核实仍在使用');
      await page.click('[data-testid="backfill-review"] button[type="submit"]');
      await expect
        .poll(() => page.textContent('.backfill-class'), { timeout: 30_000 })
        .toContain('已改判');
      // The map recolours it in its new class.
      await expect
        .poll(async () => (await drawn())['LS-2021-02'], { timeout: 30_000 })
        .toBe('overdue');
      await shot('backfill');

      await page.click('nav >> text=整改');
      const orders = page.locator('[data-testid="orders"] tbody tr');
      await expect.poll(() => orders.count(), { timeout: 30_000 }).toBeGreaterThan(1);
      expect(await page.locator('[data-testid="orders"] tr[data-overdue="true"]').count()).toBe(1);
      expect(await page.textContent('[data-testid="orders"] tr[data-overdue="true"]')).toMatch(
        /逾期 \d+ 天/,
      );
      await shot('rectification');

      await page.click('nav >> text=报表');
      const csv = page.locator('[data-testid="ranking-links"] a:has-text("CSV")');
      const href = (await csv.getAttribute('href')) ?? '';
      expect(href).toMatch(
        /\/api\/supervision\/reports\/rankings\?asOf=\d{4}-\d{2}-\d{2}.*format=csv/,
      );
      const response = await page.request.get(`${session.base}${href}`);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain('text/csv');
      expect(await response.text()).toContain('贾汪区');
      await shot('reports');

      // The 通报 opens in a tab of its own: a printable page with its tables and map.
      const [bulletin] = await Promise.all([
        page.context().waitForEvent('page'),
        page.click('[data-testid="bulletin-link"]'),
      ]);
      await bulletin.waitForLoadState('load');
      expect(await bulletin.textContent('h1')).toContain('通报');
      expect(await bulletin.locator('table').count()).toBeGreaterThan(1);
      expect(await bulletin.locator('table td').first().textContent()).not.toBe('');
      const map = bulletin.locator('svg[role="img"]');
      expect(await map.count()).toBe(1);
      expect(await map.locator('path').count()).toBeGreaterThan(0);
      await bulletin.screenshot({
        path: join(screenshots, `${mode}-supervisor-bulletin.png`),
        fullPage: true,
      });
      await bulletin.close();
      expect(session.browser.errors).toEqual([]);
    });
  });
}
