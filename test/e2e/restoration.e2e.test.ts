// The restoration screens end to end, in Debian's Chromium against the real `reclaim serve
// --demo`, in each storage mode: Jiawang's county clerk finds the demo project in the list and
// on the map, creates a subsidence restoration project from a GeoJSON file (a bow-tie first,
// refused at its ring and vertex), records two measurements and sees the progress move on the
// page and in the chart, starts it and adds a funding line, and sees the criteria check with a
// verdict per type (in English too); the dashboard agrees with the API. Xuzhou's city bureau
// then adds an acceptance criterion (a 'between' without its upper bound refused first) and
// changes it. Screenshots to
// test-output/screenshots/.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { testModes } from '../support/modes.ts';
import { renderedCount } from './browser.ts';
import { demoSession, logIn, logOut, screenshots } from './demo-session.ts';

type Ring = [number, number][];

const geojsonFile = (name: string, ring: Ring) => ({
  name,
  mimeType: 'application/geo+json',
  buffer: Buffer.from(
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } },
      ],
    }),
  ),
});

/** A square of `side` degrees at [lng, lat] (about 0.004° ≈ 37 ha here). */
const square = (lng: number, lat: number, side: number): Ring => [
  [lng, lat],
  [lng + side, lat],
  [lng + side, lat + side],
  [lng, lat + side],
  [lng, lat],
];

/** A ring that crosses itself: PostGIS refuses it. */
const bowTie = (lng: number, lat: number, side: number): Ring => [
  [lng, lat],
  [lng + side, lat + side],
  [lng + side, lat],
  [lng, lat + side],
  [lng, lat],
];

/** How many pixels of the chart's canvas are drawn on. */
const inked = (page: Page, testId: string) =>
  page.$eval(`[data-testid="${testId}"] canvas`, (canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < (data?.length ?? 0); i += 4) if ((data?.[i] ?? 0) > 0) n += 1;
    return n;
  });

interface ProjectCheck {
  measuredOn: string | null;
  checks: { type: string; verdict: string; findings: { indicator: string; status: string }[] }[];
}

for (const mode of testModes()) {
  describe(`the restoration screens end to end (${mode})`, { timeout: 180_000 }, () => {
    const session = demoSession(mode);
    const shot = (name: string) =>
      session.browser.page.screenshot({
        path: join(screenshots, `${mode}-restoration-${name}.png`),
        fullPage: false,
      });
    const apiGet = <T>(path: string) =>
      session.browser.page.evaluate(
        async (p) => (await fetch(p, { credentials: 'same-origin' })).json() as Promise<unknown>,
        path,
      ) as Promise<T>;
    const login = (username: string) => logIn(session.browser.page, session.base, username);
    let projectId = '';

    it('lists the projects with filters and draws them on the map', async () => {
      const { page } = session.browser;
      await login('jiawang');
      await page.click('header nav >> text=生态修复');
      const rows = page.locator('[data-testid="project-list"] tbody tr');
      await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(1);
      expect(await rows.first().textContent()).toContain('潘安湖东岸采煤塌陷地生态修复项目');
      await expect
        .poll(() => renderedCount(page, 'thematic-fill'), { timeout: 30_000 })
        .toBeGreaterThan(0);
      expect(await page.textContent('[data-testid="thematic-legend"]')).toContain('实施中');
      // Filtered by a type the demo project has no target for: none.
      await page.selectOption('select[name="type"]', 'landscape_park');
      await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(0);
      await page.selectOption('select[name="type"]', 'wetland');
      await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(1);
      await shot('list');
    });

    it('creates a subsidence project from a GeoJSON file, a bow-tie refused first', async () => {
      const { page } = session.browser;
      await page.click('text=新建项目');
      await page.fill('input[name="name"]', `大吴塌陷地湿地修复（端到端 ${mode}）`);
      await page.fill('input[name="responsibleUnit"]', '贾汪区自然资源和规划局');
      expect(await page.inputValue('select[name="damageKind"]')).toBe('subsidence');
      await page.fill('input[name="criteriaRegion"]', 'huang_huai_hai_plain');
      await page.fill('input[name="target-wetland"]', '8');
      await page.fill('input[name="target-cultivated_land"]', '4');
      await page.fill('input[name="targetVegetationCoverPct"]', '70');
      await page.fill('input[name="plannedStartOn"]', '2026-01-01');
      await page.fill('input[name="plannedEndOn"]', '2028-12-31');
      await page.fill('input[name="reason"]', '新立塌陷地修复项目');

      const errorsBefore = session.browser.errors.length;
      await page.setInputFiles(
        'input[name="boundary"]',
        geojsonFile('bow-tie.geojson', bowTie(117.47, 34.43, 0.004)),
      );
      await page.click('button:has-text("创建项目")');
      await page.waitForSelector('[data-testid="form-error"]', { timeout: 30_000 });
      const error = await page.textContent('[data-testid="form-error"]');
      expect(error).toMatch(/第 \d+ 环/);
      expect(error).toMatch(/第 \d+ 点/);
      expect(session.browser.errors.splice(errorsBefore)).toEqual([
        expect.stringContaining('status of 400'),
      ]);
      // The fault is drawn on the map at its vertex.
      await expect
        .poll(() => renderedCount(page, 'preview-problem'), { timeout: 10_000 })
        .toBeGreaterThan(0);
      await page.locator('[data-testid="form-error"]').scrollIntoViewIfNeeded();
      await shot('new-refused');

      await page.setInputFiles(
        'input[name="boundary"]',
        geojsonFile('boundary.geojson', square(117.47, 34.43, 0.004)),
      );
      await expect
        .poll(() => page.textContent('[data-testid="restoration-new"]'))
        .toContain('已读取 1 个面');
      await shot('new');
      await page.click('button:has-text("创建项目")');
      await page.waitForSelector('[data-testid="restoration-project"]', { timeout: 30_000 });
      projectId = page.url().split('/').at(-1) ?? '';
      expect(await page.textContent('h2')).toContain('大吴塌陷地湿地修复');
      expect(await page.textContent('[data-testid="restoration-project"]')).toContain(
        '尚无监测记录',
      );
      await expect
        .poll(() => renderedCount(page, 'thematic-fill'), { timeout: 30_000 })
        .toBeGreaterThan(0);
    });

    it('records two measurements and the progress moves on the page and in the chart', async () => {
      const { page } = session.browser;
      const form = '[data-testid="measurement-form"]';
      const overall = () => page.getAttribute('[data-testid="overall-progress"]', 'data-percent');
      expect(await overall()).toBe('0');

      await page.fill(`${form} input[name="measuredOn"]`, '2026-03-10');
      await page.selectOption(`${form} select[name="source"]`, 'remote_sensing');
      await page.fill(`${form} input[name="restored-wetland"]`, '2');
      await page.fill(`${form} input[name="restored-cultivated_land"]`, '1');
      await page.fill(`${form} input[name="vegetationCoverPct"]`, '35');
      await page.fill(`${form} input[name="reason"]`, '春季遥感监测');
      await page.click(`${form} button[type="submit"]`);
      // 3 ha of a 12 ha target.
      await expect.poll(overall, { timeout: 30_000 }).toBe('25');
      await page.waitForSelector('[data-testid="chart-progress"] canvas');
      const firstInk = await inked(page, 'chart-progress');
      expect(firstInk).toBeGreaterThan(500);

      await page.fill(`${form} input[name="measuredOn"]`, '2026-09-15');
      await page.selectOption(`${form} select[name="source"]`, 'field_survey');
      await page.fill(`${form} input[name="restored-wetland"]`, '6');
      await page.fill(`${form} input[name="restored-cultivated_land"]`, '3');
      await page.fill(`${form} input[name="vegetationCoverPct"]`, '64');
      for (const [i, [indicator, value, unit]] of [
        ['soil_thickness', '65', 'cm'],
        ['soil_ph', '7.2', 'pH'],
        ['water_depth', '1.2', 'm'],
      ].entries()) {
        await page.click(`${form} button[data-action="add-indicator"]`);
        await page.fill(`${form} input[name="indicator-${i}"]`, indicator ?? '');
        await page.fill(`${form} input[name="value-${i}"]`, value ?? '');
        await page.fill(`${form} input[name="unit-${i}"]`, unit ?? '');
      }
      await page.fill(`${form} input[name="reason"]`, '秋季实地调查');
      await page.click(`${form} button[type="submit"]`);
      // 9 ha of 12: the progress moved, upwards.
      await expect.poll(overall, { timeout: 30_000 }).toBe('75');
      expect(await page.textContent('[data-testid="overall-progress"]')).toContain('上升');
      expect(await page.textContent('[data-testid="vegetation-cover"]')).toContain(
        '植被覆盖度 64%（目标 70%）',
      );
      expect(await page.locator('[data-testid="measurements"] tbody tr').count()).toBe(2);
      expect(
        await page.textContent('[data-testid="progress-by-type"] tr[data-type="wetland"] .percent'),
      ).toBe('75%');
      // The chart now draws two points per line: more ink than with one.
      await expect
        .poll(() => inked(page, 'chart-progress'), { timeout: 10_000 })
        .toBeGreaterThan(firstInk);
      await page.locator('[data-testid="chart-progress"]').scrollIntoViewIfNeeded();
      await shot('project');
    });

    it('starts the project and adds a funding line', async () => {
      const { page } = session.browser;
      const project = '[data-testid="restoration-project"]';
      await page.waitForSelector(`${project} .rest-state-planned`);
      // Planned: only a start is offered.
      expect(
        await page
          .locator('[data-testid="project-actions"] button')
          .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-action'))),
      ).toEqual(['start']);
      await page.click('[data-testid="project-actions"] button[data-action="start"]');
      const form = '[data-testid="project-action-form"]';
      await page.fill(`${form} input[name="reason"]`, '施工单位进场');
      await page.click(`${form} button[type="submit"]`);
      await page.waitForSelector(`${project} .rest-state-under_way`);
      expect(await page.textContent(`${project} .rest-state-under_way`)).toBe('实施中');
      expect(
        await page
          .locator('[data-testid="project-actions"] button[data-action="complete"]')
          .count(),
      ).toBe(1);

      const funding = '[data-testid="funding-form"]';
      await page.selectOption(`${funding} select[name="source"]`, 'central');
      await page.fill(`${funding} input[name="amountWan"]`, '120');
      await page.fill(`${funding} input[name="year"]`, '2026');
      await page.fill(`${funding} input[name="reason"]`, '中央财政资金下达');
      await page.click(`${funding} button[type="submit"]`);
      await page.waitForSelector('[data-testid="funding"] tbody tr');
      const line = (await page.textContent('[data-testid="funding"] tbody tr')) ?? '';
      expect(line).toContain('2026');
      expect(line).toContain('120.00');
      await page.locator('[data-testid="funding"]').scrollIntoViewIfNeeded();
      await shot('funding');
    });

    it('shows the criteria check of the latest measurement, per type, in Chinese and English', async () => {
      const { page } = session.browser;
      const check = await apiGet<ProjectCheck>(
        `/api/restoration/projects/${projectId}/criteria-check`,
      );
      expect(check.measuredOn).toBe('2026-09-15');
      const byType = Object.fromEntries(check.checks.map((c) => [c.type, c.verdict]));
      // Wetland: cover 64% ≥ 60 and water 1.2 m within 0.5–3 (demo rows); cultivated land
      // lacks organic matter and slope, so it cannot be judged in full.
      expect(byType).toEqual({ wetland: 'pass', cultivated_land: 'incomplete' });
      const shown: Record<string, string | null> = Object.fromEntries(
        await page.$$eval('[data-testid="criteria-check"] .rest-check', (els) =>
          els.map((el) => [el.getAttribute('data-type') ?? '', el.getAttribute('data-verdict')]),
        ),
      );
      expect(shown).toEqual(byType);
      const wetland = '[data-testid="criteria-check"] .rest-check[data-type="wetland"]';
      expect(await page.textContent(`${wetland} .rest-verdict`)).toBe('达标');
      expect(await page.textContent(`${wetland} tr[data-indicator="vegetation_cover"]`)).toContain(
        '≥ 60 %',
      );
      expect(await page.textContent('[data-testid="criteria-check"]')).toContain('演示标准');
      expect(
        await page.getAttribute(
          '[data-testid="criteria-check"] .rest-check[data-type="cultivated_land"] tr[data-indicator="slope"]',
          'data-status',
        ),
      ).toBe('missing');
      await page.locator('[data-testid="criteria-check"]').scrollIntoViewIfNeeded();
      await shot('check');

      await page.click('header button.lang');
      await expect.poll(() => page.textContent(`${wetland} .rest-verdict`)).toBe('pass');
      expect(await page.textContent('[data-testid="criteria-check"] h3')).toContain(
        'Acceptance criteria check',
      );
      expect(await page.textContent('[data-testid="overall-progress"]')).toContain('improving');
      await shot('check-en');
      await page.click('header button.lang');
      await expect.poll(() => page.textContent(`${wetland} .rest-verdict`)).toBe('达标');
      expect(session.browser.errors).toEqual([]);
    });

    it('draws the dashboard, its table agreeing with the API', async () => {
      const { page } = session.browser;
      await page.click('[data-testid="restoration-tabs"] >> text=修复看板');
      for (const chart of ['chart-rest-by-type', 'chart-rest-cover']) {
        await page.waitForSelector(`[data-testid="${chart}"] canvas`, { timeout: 30_000 });
        expect(await inked(page, chart)).toBeGreaterThan(500);
      }
      const dashboard = await apiGet<{
        projects: number;
        byType: { type: string; restoredM2: number }[];
        vegetationCover: { projectId: string }[];
      }>('/api/restoration/dashboard');
      expect(dashboard.projects).toBe(2);
      const types = await page.$$eval('[data-testid="table-rest-by-type"] tbody tr', (trs) =>
        trs.map((tr) => tr.getAttribute('data-type')),
      );
      expect(types).toEqual(dashboard.byType.map((r) => r.type));
      expect(await page.locator('[data-testid="table-rest-cover"] tbody tr').count()).toBe(
        dashboard.vegetationCover.length,
      );
      await shot('dashboard');
      await page.locator('[data-testid="chart-rest-cover"]').scrollIntoViewIfNeeded();
      await shot('dashboard-cover');
    });

    it('lets the city bureau add and change an acceptance criterion; the county only reads', async () => {
      const { page } = session.browser;
      await page.click('[data-testid="restoration-tabs"] >> text=验收标准');
      await page.waitForSelector('[data-testid="criteria"] tbody tr');
      expect(await page.textContent('[data-testid="criteria-page"]')).toContain('区县只能查看');
      expect(await page.locator('button[data-action="add-criterion"]').count()).toBe(0);

      await logOut(page);
      await login('xuzhou');
      await page.goto(`${session.base}/restoration/criteria`);
      await page.click('button[data-action="add-criterion"]');
      const form = '[data-testid="criterion-form"]';
      await page.fill(`${form} input[name="region"]`, 'huang_huai_hai_plain');
      await page.selectOption(`${form} select[name="direction"]`, 'garden');
      await page.fill(`${form} input[name="indicator"]`, 'soil_thickness');
      await page.fill(`${form} input[name="indicatorZh"]`, '有效土层厚度');
      await page.selectOption(`${form} select[name="operator"]`, 'between');
      await page.fill(`${form} input[name="threshold"]`, '40');
      await page.fill(`${form} input[name="unit"]`, 'cm');
      await page.fill(`${form} input[name="reason"]`, '按本局标准文本录入');
      const errorsBefore = session.browser.errors.length;
      await page.click(`${form} button[type="submit"]`);
      await page.waitForSelector(`${form} [data-testid="form-error"]`, { timeout: 30_000 });
      expect(await page.textContent(`${form} [data-testid="form-error"]`)).toContain('上限');
      expect(session.browser.errors.splice(errorsBefore)).toEqual([
        expect.stringContaining('status of 400'),
      ]);
      await shot('criterion-refused');

      await page.fill(`${form} input[name="thresholdHigh"]`, '120');
      await page.click(`${form} button[type="submit"]`);
      const row = page.locator('[data-testid="criteria"] tr[data-direction="garden"]');
      await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
      expect(await row.locator('.threshold').textContent()).toBe('40 – 120 cm');

      await row.locator('button[data-action="edit-criterion"]').click();
      await page.fill(`${form} input[name="threshold"]`, '50');
      await page.fill(`${form} input[name="reason"]`, '标准修订');
      await page.click(`${form} button[type="submit"]`);
      await expect
        .poll(() => row.locator('.threshold').textContent(), { timeout: 30_000 })
        .toBe('50 – 120 cm');
      // Jiangsu's demo rows apply in Xuzhou but are Jiangsu's to change.
      expect(
        await page
          .locator(
            '[data-testid="criteria"] tr[data-direction="wetland"] button[data-action="edit-criterion"]',
          )
          .count(),
      ).toBe(0);
      await shot('criteria');
      expect(session.browser.errors).toEqual([]);
    });
  });
}
