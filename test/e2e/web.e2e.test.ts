// The web application end to end, in Debian's Chromium against the real `reclaim serve
// --demo` (a separate process on a free port), in each storage mode: the public sees the
// published approvals in the list and on the map; the clerk of Jiawang logs in, sees the
// register with working-day countdowns, uploads a GBK coordinate txt with a broken ring
// (the problem is drawn on the map at its vertex), then a good one with a rule finding,
// submits it and finds the new parcel on its page, in the list and on the map.
// Screenshots of every main screen go to test-output/screenshots/ (the map's first paint is
// measured by first-paint.e2e.test.ts).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bowTieRing, coordinateTxt, squareRing, type Ring } from '../support/coordinate-txt.ts';
import { testModes } from '../support/modes.ts';
import { demoPassword, demoSession, screenshots } from './demo-session.ts';
import { countRequests, renderedCount } from './browser.ts';
import {
  expectInRecordList,
  renderedOverview,
  renderedParcels as renderedParcelsOf,
  jumpAndSettle,
  zoomIntoOverview,
  submitChecked,
} from './register-steps.ts';

/** One parcel in Jiawang, approved for three years: longer than the two a temporary use may last (TL-TERM-01). */
const jiawangTxt = (name: string, ring: Ring) =>
  coordinateTxt({
    attributes: {
      行政区代码: '320305',
      批准文号: '徐自然资临〔2026〕88号',
      批准日期: '2026年2月6日',
      批准层级: '市级',
      起始日期: '2026-02-06',
      终止日期: '2029-02-05',
      项目类别: '交通',
    },
    code: 'E2E-001',
    name,
    use: '材料堆场',
    areaHa: 3.9,
    ring,
  });

for (const mode of testModes()) {
  describe(`web application end to end (${mode})`, { timeout: 180_000 }, () => {
    const session = demoSession(mode);
    const shot = (name: string) =>
      session.browser.page.screenshot({
        path: join(screenshots, `${mode}-${name}.png`),
        fullPage: false,
      });

    const renderedParcels = () => renderedParcelsOf(session.browser.page);

    it('shows the public the published approvals in a list and on the map', async () => {
      const { page } = session.browser;
      await page.goto(`${session.base}/`);
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 60_000 });

      const cards = page.locator('[data-testid="public-list"] li');
      await expect.poll(() => cards.count(), { timeout: 30_000 }).toBe(6);
      expect(await cards.first().textContent()).toMatch(/徐自然资临|批准文号/);
      // Newest publication first, whatever order the records were stored in.
      const publishedOn = (await cards.locator('.muted.small').allTextContents()).map(
        (line) => /(\d{4}-\d{2}-\d{2})$/.exec(line.trim())?.[1] ?? '',
      );
      expect(publishedOn.every(Boolean), publishedOn.join()).toBe(true);
      expect(publishedOn).toEqual([...publishedOn].sort().reverse());
      expect(await page.locator('[data-testid="public-list-more"]').count()).toBe(0);
      // Zoomed out over Xuzhou, the published parcels are counted in circles; a click on one
      // zooms in until they are drawn.
      await expect
        .poll(
          async () =>
            (await renderedOverview(session.browser.page)).reduce((n, c) => n + c.count, 0),
          { timeout: 30_000 },
        )
        .toBeGreaterThan(0);
      await shot('public-overview');
      // Zoomed out to a province and beyond, the circles still count every published parcel
      // in view (from the register's tally below zoom 8).
      const countedNow = async () =>
        (await renderedOverview(page)).reduce((n, c) => n + c.count, 0);
      const before = await countedNow();
      const view = await page.evaluate(() => {
        const map = window.__reclaimMap;
        return map ? { center: map.getCenter().toArray(), zoom: map.getZoom() } : null;
      });
      expect(view).not.toBeNull();
      await jumpAndSettle(page, { zoom: 5 });
      await expect.poll(countedNow, { timeout: 30_000 }).toBeGreaterThanOrEqual(before);
      await shot('public-zoomed-out');
      await jumpAndSettle(page, view!);
      await expect.poll(countedNow, { timeout: 30_000 }).toBe(before);
      await zoomIntoOverview(session.browser.page);
      await shot('public');
      // On a phone the list stands below the map.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.reload();
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 60_000 });
      // Parcels, or zoomed out on the narrow screen, the circles counting them.
      await expect
        .poll(
          async () =>
            (await renderedParcels()).length +
            (await renderedOverview(page)).reduce((n, c) => n + c.count, 0),
          { timeout: 30_000 },
        )
        .toBeGreaterThan(0);
      await shot('public-phone');
      await page.setViewportSize({ width: 1366, height: 860 });
      expect(session.browser.errors).toEqual([]);
    });

    it('logs the clerk of Jiawang in and shows the register with working-day countdowns', async () => {
      const { page } = session.browser;
      await page.goto(`${session.base}/login`);
      // The form renders once the session check has answered: shoot it, not "加载中…".
      await page.waitForSelector('input[name="username"]');
      await shot('login');
      await page.fill('input[name="username"]', 'jiawang');
      await page.fill('input[name="password"]', 'wrong-password');
      await page.click('button[type="submit"]');
      await page.waitForSelector('.login .error');
      await page.fill('input[name="password"]', demoPassword);
      // The login page's early TileJSON was the public's: after the login the map asks anew.
      const tileJsonAsked = countRequests(page, ['/tiles/temporary-land.json']);
      await page.click('button[type="submit"]');
      await page.waitForSelector('[data-testid="division"]');
      await expect
        .poll(() => tileJsonAsked.counts['/tiles/temporary-land.json'], { timeout: 30_000 })
        .toBeGreaterThan(0);
      tileJsonAsked.stop();
      expect(await page.textContent('[data-testid="division"]')).toContain('贾汪区');

      await page.click('nav >> text=登记台账');
      const rows = page.locator('[data-testid="record-list"] tbody tr');
      await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(0);
      // Every live record with a term end gets a countdown in working days.
      await expect
        .poll(() => page.locator('.countdown').count(), { timeout: 30_000 })
        .toBeGreaterThan(0);
      await expect
        .poll(() => page.locator('.countdown').first().textContent(), { timeout: 30_000 })
        .toMatch(/工作日/);
      await shot('records');
    });

    it('draws a broken ring where it breaks, then registers a GBK coordinate txt with a finding', async () => {
      const { page } = session.browser;
      await page.click('nav >> text=文件登记');
      await page.waitForSelector('[data-testid="register-from-file"]');

      // The empty preview is not drawn at all (overlay-sources.ts): its layers are hidden until
      // it holds features.
      const previewShown = () =>
        page.evaluate(() =>
          ['preview-fill', 'preview-line', 'preview-problem'].map((layer) =>
            window.__reclaimMap?.getLayoutProperty(layer, 'visibility'),
          ),
        );
      expect(await previewShown()).toEqual(['none', 'none', 'none']);

      // A self-intersecting ring: refused, the problem located at its ring and vertex on the map.
      await page.setInputFiles('input[type="file"]', {
        name: 'bow-tie.txt',
        mimeType: 'text/plain',
        buffer: jiawangTxt('蝴蝶形地块', bowTieRing(117.452, 34.402, 0.002)),
      });
      await page.click('button:has-text("检查")');
      await page.waitForSelector('[data-testid="problems-error"]', { timeout: 60_000 });
      expect(await page.textContent('[data-testid="problems-error"]')).toContain(
        'GEOMETRY_SELF_INTERSECTION',
      );
      expect(await page.isDisabled('button:has-text("提交登记")')).toBe(true);
      await expect
        .poll(
          () =>
            page.evaluate(
              () =>
                window.__reclaimMap?.queryRenderedFeatures({ layers: ['preview-problem'] })
                  .length ?? 0,
            ),
          { timeout: 30_000 },
        )
        .toBeGreaterThan(0);
      expect(await previewShown()).toEqual(['visible', 'visible', 'visible']);
      await shot('register-error');

      // A good parcel whose term is three years: checked, breakdown and TL-TERM-01 shown.
      const projectName = `端到端测试材料堆场${mode}`;
      await page.setInputFiles('input[type="file"]', {
        name: '临时用地坐标.txt',
        mimeType: 'text/plain',
        buffer: jiawangTxt(projectName, squareRing(117.452, 34.402, 0.002)),
      });
      await page.click('button:has-text("检查")');
      await page.waitForSelector('[data-testid="check-report"] [data-testid="findings"]', {
        timeout: 60_000,
      });
      const report = await page.textContent('[data-testid="check-report"]');
      expect(report).toContain('TL-TERM-01');
      expect(report).toContain(projectName);
      expect(
        await page.locator('[data-testid="check-report"] [data-testid="breakdown"]').count(),
      ).toBe(1);
      await expect
        .poll(() => renderedCount(page, 'preview-fill'), { timeout: 30_000 })
        .toBeGreaterThan(0);
      await shot('register-check');

      const id = await submitChecked(page, projectName);
      expect(
        await page.textContent('[data-testid="parcel-page"] [data-testid="findings"]'),
      ).toContain('TL-TERM-01');
      await expect
        .poll(() => page.locator('[data-testid="history"] li').count(), { timeout: 30_000 })
        .toBeGreaterThan(0);
      // On the map: the new parcel is drawn from the vector tiles.
      await expect.poll(renderedParcels, { timeout: 30_000 }).toContain(id);
      await shot('parcel');

      // A lifecycle transition from the parcel page: registered (上图入库) with its reason code.
      await page.click('.transitions button:has-text("上图入库")');
      await page.fill('.transitions input[name="reason"]', '核实批复后上图入库');
      await page.click('.transitions button:has-text("办理")');
      await expect
        .poll(() => page.textContent('[data-testid="parcel-page"] .state'), { timeout: 30_000 })
        .toBe('已上图入库');
      await expect
        .poll(() => page.locator('[data-testid="history"] li').allTextContents(), {
          timeout: 30_000,
        })
        .toContainEqual(expect.stringContaining('核实批复后上图入库'));
      // The map redraws the parcel in its new state's colour.
      await expect
        .poll(
          () =>
            page.evaluate(
              (parcel) =>
                window.__reclaimMap
                  ?.queryRenderedFeatures({ layers: ['temporary-land-fill'] })
                  .find((f) => String(f.properties.id) === parcel)?.properties.state,
              id,
            ),
          { timeout: 30_000 },
        )
        .toBe('registered');
      // The newest version compared with the one before: the state, before and after.
      await page.click('[data-testid="history"] li:first-child button:has-text("对比")');
      const stateRow = page.locator('table.compare tr', { hasText: '状态' });
      expect(await stateRow.locator('td.before').textContent()).toBe('已批准');
      expect(await stateRow.locator('td.after').textContent()).toBe('已上图入库');

      // A site photo (a PNG the session.browser draws) uploaded, shown in the gallery and the viewer.
      const png = await page.evaluate(() => {
        const canvas = document.createElement('canvas');
        canvas.width = 160;
        canvas.height = 120;
        const g = canvas.getContext('2d')!;
        g.fillStyle = '#7da35a';
        g.fillRect(0, 0, 160, 120);
        g.fillStyle = '#8a6d3b';
        g.fillRect(20, 60, 120, 40);
        return canvas.toDataURL('image/png').split(',')[1]!;
      });
      await page.setInputFiles('[data-testid="attachment-upload"] input[type="file"]', {
        name: '现场照片-1.png',
        mimeType: 'image/png',
        buffer: Buffer.from(png, 'base64'),
      });
      await page.click('[data-testid="attachment-upload"] button[type="submit"]');
      const thumb = page.locator('[data-testid="gallery"] img');
      await expect.poll(() => thumb.count(), { timeout: 30_000 }).toBe(1);
      await expect
        .poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth), {
          timeout: 30_000,
        })
        .toBe(160);
      await page.click('[data-testid="gallery"] .thumb');
      await page.waitForSelector('[data-testid="photo-viewer"] img');
      await shot('parcel-photo');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('[data-testid="photo-viewer"]').count()).toBe(0);

      // In the list.
      await expectInRecordList(page, projectName);
      await shot('records-after');
      expect(session.browser.errors).toEqual([]);
    });

    it('switches to English and back, keeping the choice', async () => {
      const { page } = session.browser;
      await page.click('button.lang');
      await page.waitForSelector('nav >> text=Register');
      await page.reload();
      await page.waitForSelector('nav >> text=Register');
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 60_000 });
      await shot('records-en');
      await page.click('button.lang');
      await page.waitForSelector('nav >> text=登记台账');
    });
  });
}
