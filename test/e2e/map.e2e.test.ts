// The map end to end, in Debian's Chromium against `reclaim serve --demo`, in each storage
// mode: the clerk of Jiawang draws a parcel on the map with mouse clicks (a hole drawn outside
// it first: refused and drawn where it fails), moves a vertex, sees the computed breakdown and
// the findings, submits, and finds the parcel in the list and on the map; then switches the
// survey reference layers (land class, permanent basic farmland) on and off. A city
// supervisor's English header stays on one line (an arrow shows and scrolls to the entries out
// of sight), the register's columns fit at 1366/1024/800 px, dates read YYYY-MM-DD, leaving
// the enforcement review restores the map's earlier view, and a county picked in the header
// narrows the list, the map and the dashboard and survives a reload. The ministry's picker
// reads a level at a time and searches (few division rows in all, counted); a province's search
// stays inside the province.
// Screenshots go to test-output/screenshots/map-*.png.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { testModes } from '../support/modes.ts';
import { renderedCount } from './browser.ts';
import { demoSession, logIn, logOut, screenshots } from './demo-session.ts';
import {
  countDivisionRows,
  divisionsApi,
  offered,
  openPicker,
  option,
  picker,
  pickerPanel,
  pickerSearch,
  pickInHeader,
} from './division-picker-steps.ts';
import {
  expectInRecordList,
  jumpAndSettle,
  renderedParcels,
  submitChecked,
} from './register-steps.ts';

/** Where the demo's land-class survey lies, in Jiawang (EPSG:4490 degrees). */
const centre: [number, number] = [117.452, 34.402];

/** The map's canvas position of the page's top-left corner, and its size. */
async function canvasBox(page: Page) {
  const box = await page.locator('[data-testid="map"] canvas').boundingBox();
  if (!box) throw new Error('no map canvas');
  return box;
}

/** Clicks the map at pixel offsets from its centre, one click per point. */
async function clickPoints(page: Page, points: [number, number][]) {
  const box = await canvasBox(page);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  for (const [dx, dy] of points) {
    await page.mouse.click(cx + dx, cy + dy);
    // Terra Draw reads a click and the move after it; give the map a frame between points.
    await page.waitForTimeout(150);
  }
}

for (const mode of testModes()) {
  describe(`the map end to end (${mode})`, { timeout: 240_000 }, () => {
    const session = demoSession(mode);
    const shot = (name: string) =>
      session.browser.page.screenshot({ path: join(screenshots, `map-${mode}-${name}.png`) });

    it('lets the clerk draw a parcel, see its check, submit it and find it in the list and on the map', async () => {
      const { page } = session.browser;
      await logIn(page, session.base, 'jiawang');
      // A county's clerk works in the county: no county to pick.
      expect(await page.locator(picker).count()).toBe(0);

      await page.click('nav >> text=文件登记');
      await page.click('text=改为在地图上绘制');
      await page.waitForSelector('[data-testid="register-by-drawing"]');
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 60_000 });
      await page.evaluate((c) => {
        const map = window.__reclaimMap as unknown as {
          jumpTo(o: { center: [number, number]; zoom: number }): void;
        };
        map.jumpTo({ center: c, zoom: 16 });
      }, centre);
      await page.waitForTimeout(500);

      // The parcel: four corners, then its first corner again to close it.
      const square: [number, number][] = [
        [-90, -70],
        [90, -70],
        [90, 70],
        [-90, 70],
        [-90, -70],
      ];
      await clickPoints(page, square);
      await expect
        .poll(() => page.textContent('[data-testid="draw-status"]'))
        .toContain('已画 1 个地块、0 个孔洞');

      // A hole drawn outside the parcel: the server refuses it at that ring, drawn on the map.
      await page.click('[data-testid="draw-hole"]');
      await clickPoints(page, [
        [150, -40],
        [220, -40],
        [220, 40],
        [150, 40],
        [150, -40],
      ]);
      await expect
        .poll(() => page.textContent('[data-testid="draw-status"]'))
        .toContain('已画 1 个地块、1 个孔洞');
      const projectName = `地图绘制材料堆场${mode}`;
      await page.fill('input[name="projectName"]', projectName);
      await page.fill('input[name="approvalNumber"]', '徐自然资临〔2026〕99号');
      await page.fill('input[name="approvalDate"]', '2026-03-02');
      await page.fill('input[name="termStart"]', '2026-03-02');
      // Dates are typed and shown as YYYY-MM-DD whatever the browser's locale; a day the
      // calendar does not have is refused under the field and keeps the form from submitting.
      expect(await page.inputValue('input[name="approvalDate"]')).toBe('2026-03-02');
      expect(await page.getAttribute('input[name="approvalDate"]', 'type')).toBe('text');
      await page.fill('input[name="termEnd"]', '2029-02-30');
      await page.locator('input[name="termEnd"]').blur();
      expect(await page.textContent('.date-error')).toContain('YYYY-MM-DD');
      expect(
        await page.$eval(
          'input[name="termEnd"]',
          (input) => (input as HTMLInputElement).validity.valid,
        ),
      ).toBe(false);
      await shot('date-error');
      await page.fill('input[name="termEnd"]', '2029-03-01');
      expect(await page.locator('.date-error').count()).toBe(0);
      await page.click('[data-testid="register-by-drawing"] button[type="submit"]');
      await page.waitForSelector('[data-testid="problems-error"]', { timeout: 60_000 });
      await shot('draw-error');
      expect(await page.textContent('[data-testid="problems-error"]')).toMatch(/GEOMETRY_/);
      await expect
        .poll(
          async () =>
            (await renderedCount(page, 'preview-line')) +
            (await renderedCount(page, 'preview-problem')),
          { timeout: 30_000 },
        )
        .toBeGreaterThan(0);
      await shot('draw-error');

      // The hole removed (selected in the edit tool), a vertex of the parcel dragged outwards.
      await page.click('[data-testid="draw-select"]');
      await clickPoints(page, [[185, 0]]);
      await expect.poll(() => page.isDisabled('[data-testid="draw-delete"]')).toBe(false);
      await page.click('[data-testid="draw-delete"]');
      await expect
        .poll(() => page.textContent('[data-testid="draw-status"]'))
        .toContain('已画 1 个地块、0 个孔洞');
      await clickPoints(page, [[0, 0]]);
      const box = await canvasBox(page);
      const corner = { x: box.x + box.width / 2 + 90, y: box.y + box.height / 2 + 70 };
      await page.mouse.move(corner.x, corner.y);
      await page.mouse.down();
      await page.mouse.move(corner.x + 30, corner.y + 20, { steps: 5 });
      await page.mouse.up();

      await page.click('[data-testid="register-by-drawing"] button[type="submit"]');
      await page.waitForSelector('[data-testid="check-report"] [data-testid="findings"]', {
        timeout: 60_000,
      });
      const report = await page.textContent('[data-testid="check-report"]');
      expect(report).toContain(projectName);
      // Three years: longer than the two a temporary use may last.
      expect(report).toContain('TL-TERM-01');
      expect(await page.locator('[data-testid="problems-error"]').count()).toBe(0);
      expect(
        await page.locator('[data-testid="check-report"] [data-testid="breakdown"]').count(),
      ).toBe(1);
      await shot('draw-check');

      const id = await submitChecked(page, projectName);
      await expect.poll(() => renderedParcels(page), { timeout: 30_000 }).toContain(id);
      await shot('draw-parcel');

      await expectInRecordList(page, projectName);
      expect(session.browser.errors).toEqual([]);
    });

    it('switches the survey reference layers on and off over the drawn parcel', async () => {
      const { page } = session.browser;
      await page.click('nav >> text=地图');
      await jumpAndSettle(page, { center: centre, zoom: 15 });
      expect(await renderedCount(page, 'ref-land-class-fill')).toBe(0);
      await page.check('[data-testid="layer-land_class"]');
      await expect
        .poll(() => renderedCount(page, 'ref-land-class-fill'), { timeout: 30_000 })
        .toBeGreaterThan(0);
      await page.check('[data-testid="layer-farmland"]');
      await expect
        .poll(() => renderedCount(page, 'ref-farmland-fill'), { timeout: 30_000 })
        .toBeGreaterThan(0);
      // The register's parcels stay on top and clickable (their zoom-15 tiles may come after
      // the reference layers' on a busy machine).
      await expect
        .poll(async () => (await renderedParcels(page)).length, { timeout: 30_000 })
        .toBeGreaterThan(0);
      await page.waitForTimeout(500);
      await shot('layers');
      await page.uncheck('[data-testid="layer-land_class"]');
      await expect.poll(() => renderedCount(page, 'ref-land-class-fill')).toBe(0);
      expect(await renderedCount(page, 'ref-farmland-fill')).toBeGreaterThan(0);
      expect(session.browser.errors).toEqual([]);
    });

    it('keeps the English header on one line for a city supervisor, and the map view after enforcement review', async () => {
      const { page } = session.browser;
      await logOut(page);
      await logIn(page, session.base, 'xuzhou');
      await page.click('button.lang');
      await page.waitForSelector('nav >> text=Register');
      // One line at common widths: every entry on the header's row, the header one row high.
      for (const width of [1366, 1024, 800]) {
        await page.setViewportSize({ width, height: 860 });
        const layout = await page.evaluate(() => {
          const header = document.querySelector('header.top')!.getBoundingClientRect();
          const links = Array.from(document.querySelectorAll('header.top nav a')).map(
            (a) => a.getBoundingClientRect().top,
          );
          return { height: header.height, tops: [...new Set(links.map(Math.round))] };
        });
        expect(layout.tops, `nav rows at ${width}px`).toHaveLength(1);
        expect(layout.height, `header height at ${width}px`).toBeLessThan(60);
        // The navigation says when it has entries out of sight: an arrow that scrolls to them.
        const hidden = await page.$eval(
          'header.top nav',
          (nav) => nav.scrollWidth > nav.clientWidth,
        );
        expect(await page.locator('.nav-more.right').count(), `arrow at ${width}px`).toBe(
          hidden ? 1 : 0,
        );
        if (hidden) {
          await page.click('.nav-more.right');
          await expect
            .poll(() => page.$eval('header.top nav', (nav) => nav.scrollLeft))
            .toBeGreaterThan(0);
          await page.waitForSelector('.nav-more.left');
          await shot(`header-en-${width}-scrolled`);
          await page.$eval('header.top nav', (nav) => nav.scrollTo({ left: 0 }));
        }
        // The register's columns fit the panel in English too.
        await page.click('header nav a[href="/records"]');
        await page.waitForSelector('[data-testid="record-list"]');
        const overflow = await page.$eval(
          '[data-testid="record-list"]',
          (table) =>
            table.getBoundingClientRect().right -
            table.parentElement!.getBoundingClientRect().right,
        );
        expect(overflow, `register list overflow at ${width}px`).toBeLessThanOrEqual(1);
        await shot(`records-en-${width}`);
        if (width === 1024) await shot('header-en-1024');
      }
      // The as-of date of the reports reads YYYY-MM-DD in English too.
      await page.click('header nav a[href="/supervision/reports"]');
      const asOf = await page.inputValue('input[name="asOf"]');
      expect(asOf).toBe(
        new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()),
      );
      await page.setViewportSize({ width: 1366, height: 860 });

      // The enforcement review zooms to its batch; back on the map, the earlier view returns.
      await page.click('header nav a[href="/"]');
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 60_000 });
      const view = () =>
        page.evaluate(() => {
          const map = window.__reclaimMap as unknown as {
            getZoom(): number;
            getCenter(): { lng: number; lat: number };
          };
          const c = map.getCenter();
          return { zoom: map.getZoom(), lng: c.lng, lat: c.lat };
        });
      const before = await view();
      await page.click('header nav a[href="/supervision/enforcement"]');
      await page.click('[data-testid="enforcement-batches"] tr[data-batch="WP-320305-2026-10"]');
      await expect
        .poll(async () => (await view()).zoom, { timeout: 30_000 })
        .toBeGreaterThan(before.zoom + 0.5);
      await page.click('header nav a[href="/"]');
      await expect
        .poll(async () => (await view()).zoom, { timeout: 30_000 })
        .toBeCloseTo(before.zoom, 3);
      const after = await view();
      expect(after.lng).toBeCloseTo(before.lng, 6);
      expect(after.lat).toBeCloseTo(before.lat, 6);
      await page.click('button.lang');
      await page.waitForSelector('nav >> text=登记台账');
      expect(session.browser.errors).toEqual([]);
    });

    it('lets the city supervisor narrow the list, the map and the dashboard to a county, kept over a reload', async () => {
      const { page } = session.browser;
      const apiGet = <T>(path: string) =>
        page.evaluate(
          async (p) => (await fetch(p, { credentials: 'same-origin' })).json() as Promise<unknown>,
          path,
        ) as Promise<T>;
      // Xuzhou's counties, and only those.
      await openPicker(page);
      await page.waitForSelector(option('320312'));
      const counties = await divisionsApi(session.base, 'parent=320300&level=county');
      expect(await offered(page, 'pick')).toEqual(counties.map((d) => d.code));
      expect(await offered(page, 'open')).toEqual([]);
      await page.keyboard.press('Escape');
      await page.waitForSelector(pickerPanel, { state: 'detached' });

      await page.click('header nav a[href="/records"]');
      const all = await apiGet<{ total: number }>('/api/register/records?limit=1');
      const tongshan = await apiGet<{ total: number; items: { projectName: string }[] }>(
        '/api/register/records?divisionCode=320312&limit=50',
      );
      expect(tongshan.total).toBeGreaterThan(0);
      expect(tongshan.total).toBeLessThan(all.total);
      await pickInHeader(page, '320312');
      const names = () =>
        page.$$eval('[data-testid="record-list"] tbody tr td.project a', (links) =>
          links.map((a) => a.textContent),
        );
      await expect
        .poll(names, { timeout: 30_000 })
        .toEqual(tongshan.items.map((r) => r.projectName));
      // The map draws Tongshan's parcels only.
      const drawnDivisions = () =>
        page.evaluate(() => {
          const map = window.__reclaimMap as unknown as {
            queryRenderedFeatures(o: {
              layers: string[];
            }): { properties: Record<string, unknown> }[];
          };
          return [
            ...new Set(
              map
                // Parcels, or zoomed out (as the city is) the circles counting them by county.
                .queryRenderedFeatures({
                  layers: ['temporary-land-fill', 'temporary-land-overview'],
                })
                .map((f) => String(f.properties.divisionCode)),
            ),
          ];
        });
      await expect.poll(drawnDivisions, { timeout: 30_000 }).toEqual(['320312']);
      await shot('county-picked');

      // A reload keeps the county.
      await page.reload();
      await page.waitForSelector(`${picker}[data-picked="320312"]`);
      await expect.poll(() => page.textContent(picker)).toContain('铜山区');
      await expect
        .poll(names, { timeout: 30_000 })
        .toEqual(tongshan.items.map((r) => r.projectName));

      // The dashboard counts Tongshan's findings only.
      await page.click('header nav a[href="/supervision"]');
      await page.waitForSelector('[data-testid="narrowed-to"]');
      expect(await page.textContent('[data-testid="narrowed-to"]')).toContain('铜山区');
      const stats = await apiGet<{ byDivision: { divisionCode: string; total: number }[] }>(
        '/api/supervision/findings/stats?divisionCode=320312',
      );
      const rows = page.locator('[data-testid="table-by-division"] tbody tr');
      await expect
        .poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-division'))))
        .toEqual(stats.byDivision.map((d) => d.divisionCode));
      expect(stats.byDivision.every((d) => d.divisionCode === '320312')).toBe(true);
      await shot('county-dashboard');

      // The rectification orders and the enforcement batches' counts narrow to it too (the demo's
      // orders and change polygons lie in Jiawang, so the city has some and Tongshan none).
      const orders = async (divisionCode: string) =>
        (
          await apiGet<{ total: number }>(
            `/api/supervision/rectification-orders?limit=1${divisionCode}`,
          )
        ).total;
      const cityOrders = await orders('');
      const tongshanOrders = await orders('&divisionCode=320312');
      expect(tongshanOrders).toBeLessThan(cityOrders);
      await page.click('header nav a[href="/supervision/rectification"]');
      await page.waitForSelector('[data-testid="orders-total"]');
      expect(await page.getAttribute('[data-testid="orders-total"]', 'data-total')).toBe(
        String(tongshanOrders),
      );
      const polygons = async (divisionCode: string) =>
        (
          await apiGet<{ items: { externalId: string; inScope: { polygons: number } }[] }>(
            `/api/supervision/enforcement/batches${divisionCode}`,
          )
        ).items.find((b) => b.externalId === 'WP-320305-2026-10')!.inScope.polygons;
      const tongshanPolygons = await polygons('?divisionCode=320312');
      expect(tongshanPolygons).toBeLessThan(await polygons(''));
      await page.click('header nav a[href="/supervision/enforcement"]');
      const batchRow = '[data-testid="enforcement-batches"] tr[data-batch="WP-320305-2026-10"]';
      await page.waitForSelector(batchRow);
      expect(await page.textContent(`${batchRow} td:nth-child(3)`)).toBe(String(tongshanPolygons));

      // Back to the whole city.
      await pickInHeader(page, '');
      await page.click('header nav a[href="/records"]');
      await expect.poll(drawnDivisions, { timeout: 30_000 }).not.toEqual(['320312']);
      expect(session.browser.errors).toEqual([]);
    });

    it('lets the ministry browse a level at a time, search and pick a county by keyboard, reading few divisions', async () => {
      const { page } = session.browser;
      const reads = countDivisionRows(page);
      await logOut(page);
      await logIn(page, session.base, 'ministry');
      await page.click('header nav a[href="/records"]');
      // The whole nation first; opening the picker lists the provinces, and nothing below them.
      await expect.poll(() => page.textContent(picker)).toContain('全国');
      await page.focus(picker);
      await page.keyboard.press('ArrowDown');
      await page.waitForSelector(option('320000'));
      const provinces = await divisionsApi(session.base, 'parent=000000');
      expect(await offered(page, 'open')).toEqual(provinces.map((d) => d.code));
      expect(await offered(page, 'pick')).toEqual([]);
      await shot('picker-provinces');

      // Jiangsu's cities, then Xuzhou's counties; the trail names the way down.
      await page.click(option('320000'));
      await page.waitForSelector(option('320300'));
      expect(await offered(page, 'open')).toEqual(
        (await divisionsApi(session.base, 'parent=320000')).map((d) => d.code),
      );
      await page.keyboard.press('Enter'); // the first city, Nanjing: its counties
      await page.waitForSelector(option('320106'));
      await page.keyboard.press('ArrowLeft'); // back up to Jiangsu
      await page.waitForSelector(option('320300'));
      await page.click(option('320300'));
      await page.waitForSelector(option('320312'));
      const xuzhou = (await divisionsApi(session.base, 'parent=320300')).map((d) => d.code);
      expect(await offered(page, 'pick')).toEqual(xuzhou);
      expect(await page.textContent('[data-testid="division-trail"]')).toBe('全国›江苏省›徐州市');
      await shot('picker-xuzhou');
      // By keyboard: down to Tongshan, Enter picks it and closes the panel.
      for (let i = 0; i < xuzhou.indexOf('320312'); i += 1) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`${picker}[data-picked="320312"]`);
      await page.waitForSelector(pickerPanel, { state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
        'division-picker',
      );
      expect(await page.textContent(picker)).toContain('铜山区');
      const tongshan = await page.evaluate(
        async () =>
          (await (await fetch('/api/register/records?divisionCode=320312&limit=50')).json()) as {
            items: { projectName: string }[];
          },
      );
      const names = () =>
        page.$$eval('[data-testid="record-list"] tbody tr td.project a', (links) =>
          links.map((a) => a.textContent),
        );
      await expect
        .poll(names, { timeout: 30_000 })
        .toEqual(tongshan.items.map((r) => r.projectName));

      // A search by code finds a county anywhere in the nation without browsing to it.
      await page.keyboard.press('Enter'); // the focused picker opens again
      await page.waitForSelector(pickerSearch);
      await page.fill(pickerSearch, '320305');
      await page.waitForSelector(option('320305'));
      expect(await page.textContent(option('320305'))).toContain('贾汪区');
      expect(await page.textContent(option('320305'))).toContain('徐州市');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`${picker}[data-picked="320305"]`);
      // And by name: namesakes across the country, each with its city.
      await openPicker(page);
      await page.fill(pickerSearch, '鼓楼');
      await page.waitForSelector(option('320302'));
      const gulou = await divisionsApi(
        session.base,
        `within=000000&level=county&q=${encodeURIComponent('鼓楼')}`,
      );
      expect(gulou.length).toBeGreaterThan(2);
      expect(await offered(page, 'pick')).toEqual(gulou.map((d) => d.code));
      expect(await page.textContent(option('350102'))).toContain('福州市');
      await shot('picker-search');
      await page.keyboard.press('Escape');
      await page.waitForSelector(pickerPanel, { state: 'detached' });
      expect(await page.getAttribute(picker, 'data-picked')).toBe('320305');

      // A reload keeps the pick and its name, reading that one division, not the list.
      const beforeReload = (await reads.stop()).length;
      const afterReload = countDivisionRows(page);
      await page.reload();
      await page.waitForSelector(`${picker}[data-picked="320305"]`);
      await expect.poll(() => page.textContent(picker)).toContain('贾汪区');
      const reloadReads = await afterReload.stop();
      // (The session reads the account's own division, 000000, itself.)
      expect(reloadReads.filter((r) => r.url !== '/api/divisions/000000')).toEqual([
        { url: '/api/divisions/320305', rows: 1 },
      ]);
      expect(beforeReload).toBeGreaterThan(0);

      // In English the picker speaks English; it opens where the pick lies; back to the nation.
      const moreReads = countDivisionRows(page);
      await page.click('button.lang');
      await openPicker(page);
      expect(await page.getAttribute(pickerSearch, 'placeholder')).toBe(
        'Find a county: name or code',
      );
      await page.waitForSelector(option('320305'));
      expect(await page.$eval(option('320305'), (li) => li.classList.contains('picked'))).toBe(
        true,
      );
      await page.fill(pickerSearch, 'nowhere');
      await expect
        .poll(() => page.textContent('[data-testid="division-status"]'))
        .toBe('No county in your division matches “nowhere”');
      await shot('picker-english');
      await page.fill(pickerSearch, '');
      await page.click('[data-testid="division-trail"] button[data-code="000000"]');
      await page.click(option(''));
      await page.waitForSelector(`${picker}[data-picked=""]`);
      expect(await page.textContent(picker)).toContain('全国 (all)');
      await page.click('button.lang');
      await page.waitForSelector('nav >> text=登记台账');

      // Every read was one level, one search or one division: a few dozen rows each, where the
      // picker used to read all ~3,200 divisions for the ministry.
      const all = [...(await reads.stop()), ...reloadReads, ...(await moreReads.stop())];
      const rows = all.reduce((n, r) => n + r.rows, 0);
      console.log(`ministry picker: ${all.length} division reads, ${rows} rows`);
      expect(Math.max(...all.map((r) => r.rows))).toBeLessThanOrEqual(40);
      expect(rows).toBeLessThan(200);
      expect(all.some((r) => r.url.includes('limit=5000'))).toBe(false);
      expect(session.browser.errors).toEqual([]);
    });

    it('lets a province supervisor search counties inside the province only', async () => {
      const { page } = session.browser;
      const reads = countDivisionRows(page);
      await logOut(page);
      await logIn(page, session.base, 'jiangsu');
      await openPicker(page);
      await page.waitForSelector(option('320300'));
      expect(await offered(page, 'open')).toEqual(
        (await divisionsApi(session.base, 'parent=320000')).map((d) => d.code),
      );
      // Jiangsu has two 鼓楼区 (Nanjing's and Xuzhou's); Fuzhou's and Kaifeng's are elsewhere.
      await page.fill(pickerSearch, '鼓楼');
      await page.waitForSelector(option('320302'));
      expect(await offered(page, 'pick')).toEqual(['320106', '320302']);
      expect(await page.textContent(option('320106'))).toContain('南京市');
      await shot('picker-province-search');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`${picker}[data-picked="320302"]`);
      expect(await page.textContent(picker)).toContain('鼓楼区');
      // A county of another province is not found.
      await openPicker(page);
      await page.fill(pickerSearch, '140');
      await expect
        .poll(() => page.textContent('[data-testid="division-status"]'))
        .toBe('辖区内没有名称或代码匹配“140”的县（区）');
      await page.keyboard.press('Escape');
      await pickInHeader(page, '');
      const all = await reads.stop();
      const rows = all.reduce((n, r) => n + r.rows, 0);
      console.log(`province picker: ${all.length} division reads, ${rows} rows`);
      expect(rows).toBeLessThan(100);
      expect(session.browser.errors).toEqual([]);
    });
  });
}
