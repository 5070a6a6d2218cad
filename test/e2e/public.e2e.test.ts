// The public portal end to end, in Debian's Chromium on a phone-sized screen (390×844)
// against the real `reclaim serve --demo`, in each storage mode, without logging in: find the
// published approvals near a point (the browser's location, then a click on the map), nearest
// first; open the notice board and an open notice with its window counted; an objection that
// is too long is refused with a clear message; a good one gets a receipt, which the receipt
// look-up then finds with its status; the reclamation acceptance results have their own list;
// the city of Xuzhou having loaded a schematic XZQ layer of two counties in one go first (squares
// with real codes, never real boundaries), the public map draws the boundaries and their names
// from the boundary tiles, and asks for no other reference layer.
// Screenshots of each screen go to test-output/screenshots/public-<mode>-*.png.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testModes } from '../support/modes.ts';
import { schematicXzq } from './schematic-xzq.ts';
import { demoPassword, demoSession, screenshots } from './demo-session.ts';
import { renderedCount } from './browser.ts';

/** Where the public stands: in Jiawang, among the demo approvals (EPSG:4490). */
const whereIAm = { longitude: 117.4535, latitude: 34.4322 };
const receiptPattern = /^PN\d{6}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

/** A schematic XZQ layer of Xuzhou: Jiawang with a township, and Tongshan. */
const xzq = schematicXzq([
  { XZQDM: '320305', XZQMC: '贾汪区（示意）', box: [117.3, 34.3, 117.6, 34.5] },
  { XZQDM: '320305001', XZQMC: '示意镇甲', box: [117.3, 34.3, 117.45, 34.4] },
  { XZQDM: '320312', XZQMC: '铜山区（示意）', box: [117.0, 34.1, 117.3, 34.3] },
]);

/** Loads `xzq` as the city of Xuzhou over the API (its own session, not the browser's). */
async function loadBoundariesAsCity(base: string): Promise<{ status: number; body: unknown }> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'xuzhou', password: demoPassword }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const response = await fetch(`${base}/api/layers/imports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({
      layer: 'division',
      divisionCode: '320300',
      surveyYear: 2025,
      source: '示意行政区界线（非真实数据）',
      files: [
        {
          name: 'xzq.geojson',
          contentBase64: Buffer.from(JSON.stringify(xzq)).toString('base64'),
        },
      ],
      reason: '端到端测试',
    }),
  });
  return { status: response.status, body: await response.json() };
}

interface NearbyAnswer {
  features: { id: string; properties: { distanceM: number } }[];
}

for (const mode of testModes()) {
  describe(`public portal end to end (${mode})`, { timeout: 180_000 }, () => {
    const session = demoSession(mode, { viewport: { width: 390, height: 844 } });
    let receipt = '';
    /** The phone's screen; the panel scrolls on its own, so `show` is scrolled into view first. */
    const shot = async (name: string, show?: string) => {
      if (show) await session.browser.page.locator(show).first().scrollIntoViewIfNeeded();
      await session.browser.page.screenshot({
        path: join(screenshots, `public-${mode}-${name}.png`),
      });
    };

    it('opens on a phone with the public navigation, no login', async () => {
      const { page } = session.browser;
      // Loaded before the public opens the map: anonymous tiles may be cached for five minutes.
      expect(await loadBoundariesAsCity(session.base)).toMatchObject({
        status: 200,
        body: { features: 3, batches: [{ divisionCode: '320305' }, { divisionCode: '320312' }] },
      });
      await page.goto(`${session.base}/`);
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 60_000 });
      const nav = await page.locator('header nav a').allTextContents();
      expect(nav).toEqual(['公示批复', '附近批复', '公告公示', '回执查询']);
      await expect
        .poll(() => page.locator('[data-testid="public-list"] li').count(), { timeout: 30_000 })
        .toBeGreaterThan(0);
      // Nothing wider than the phone: no sideways scrolling.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );
      await shot('home');
    });

    it('says so when the location is refused, then finds approvals near the location and near a click on the map', async () => {
      const { page, context } = session.browser;
      await page.click('header nav >> text=附近批复');
      await page.waitForSelector('[data-testid="nearby"]');

      // Refused: the page says what to do instead.
      await page.evaluate(() => {
        Object.defineProperty(navigator, 'geolocation', {
          configurable: true,
          value: {
            getCurrentPosition: (_ok: unknown, fail: (e: { code: number }) => void) =>
              fail({ code: 1 }),
          },
        });
      });
      await page.click('[data-testid="locate"]');
      expect(await page.textContent('[data-testid="geo-notice"]')).toContain('未获得定位权限');
      await shot('nearby-refused', '[data-testid="geo-notice"]');

      // Granted: the browser's position, the approvals nearest to it, nearest first.
      await page.reload();
      await page.waitForSelector('[data-testid="nearby"]');
      await context.grantPermissions(['geolocation'], { origin: session.base });
      await context.setGeolocation(whereIAm);
      const answered = page.waitForResponse((r) => r.url().includes('/api/public/approvals'));
      await page.click('[data-testid="locate"]');
      const answer = (await (await answered).json()) as NearbyAnswer;
      const distances = answer.features.map((f) => f.properties.distanceM);
      expect(distances.length).toBeGreaterThan(1);
      expect([...distances].sort((a, b) => a - b)).toEqual(distances);
      const items = page.locator('[data-testid="nearby-list"] > li');
      await expect.poll(() => items.count(), { timeout: 30_000 }).toBe(distances.length);
      expect(await page.textContent('[data-testid="chosen-point"]')).toContain('117.45350');
      // Highlighted on the map, the point marked with a pin.
      await expect
        .poll(() => renderedCount(page, 'preview-fill'), { timeout: 30_000 })
        .toBeGreaterThan(0);
      expect(await page.locator('[data-testid="map-marker"]').count()).toBe(1);
      await shot('nearby');

      // A click on the map chooses another point.
      const before = await page.textContent('[data-testid="chosen-point"]');
      const again = page.waitForResponse((r) => r.url().includes('/api/public/approvals'));
      await page.locator('[data-testid="map"] canvas').click({ position: { x: 60, y: 60 } });
      await again;
      await expect.poll(() => page.textContent('[data-testid="chosen-point"]')).not.toBe(before);
      await shot('nearby-click');
    });

    it('lists the notices, open first, each with its window, and opens one', async () => {
      const { page } = session.browser;
      await page.click('header nav >> text=公告公示');
      await page.waitForSelector('[data-testid="open-notices"]', { timeout: 30_000 });
      const open = page.locator('[data-testid="open-notices"] li');
      expect(await open.count()).toBeGreaterThan(0);
      // The demo's acceptance result: 30 calendar days, published when the demo was loaded.
      expect(await open.first().textContent()).toMatch(/还剩 \d+ 天|今天是公示期最后一天/);
      expect(await page.textContent('[data-testid="ended-notices"]')).toContain('已结束公示');
      await shot('notices');

      await open.first().locator('button').click();
      await page.waitForSelector('[data-testid="notice-page"]');
      await page.waitForSelector('[data-testid="objection-form"]');
      expect(await page.textContent('[data-testid="notice-page"] h2')).toContain('复垦验收结果');
      // Its subject, a published approval, is linked.
      await page.waitForSelector('[data-testid="notice-page"] a[href^="/approvals/"]', {
        timeout: 30_000,
      });
      await shot('notice', '[data-testid="objection-form"] h3');
    });

    it('refuses an objection that is too long with a clear message, and sends nothing', async () => {
      const { page } = session.browser;
      let posted = 0;
      const count = (request: { method(): string; url(): string }) => {
        if (request.method() === 'POST' && request.url().includes('/objections')) posted += 1;
      };
      page.on('request', count);
      await page.fill('textarea[name="body"]', '便'.repeat(2001));
      expect(await page.textContent('[data-testid="body-counter"]')).toContain('2001 / 2000');
      await page.click('button:has-text("提交异议")');
      expect(await page.textContent('[data-testid="objection-error"]')).toContain(
        '异议内容最多 2000 字，当前 2001 字',
      );
      page.off('request', count);
      expect(posted).toBe(0);
      await shot('objection-too-long', '[data-testid="objection-error"]');
    });

    it('files an objection and shows the receipt to keep', async () => {
      const { page } = session.browser;
      await page.fill('textarea[name="body"]', '便道东段仍有碎石未清理，请核实复垦质量。');
      await page.fill('input[name="contact"]', '138 0000 0000');
      await page.click('button:has-text("提交异议")');
      await page.waitForSelector('[data-testid="receipt-box"]', { timeout: 30_000 });
      receipt = (await page.textContent('[data-testid="receipt-number"]'))?.trim() ?? '';
      expect(receipt).toMatch(receiptPattern);
      expect(await page.textContent('[data-testid="receipt-box"]')).toContain('妥善保存');
      await shot('receipt', '[data-testid="receipt-box"]');
    });

    it('looks the objection up by its receipt and shows its status', async () => {
      const { page } = session.browser;
      await page.click('[data-testid="receipt-box"] >> text=去查询');
      await page.waitForSelector('[data-testid="receipt-lookup"]');
      expect(await page.inputValue('input[name="receipt"]')).toBe(receipt);
      // Typed by hand: lower case, no dashes.
      await page.fill('input[name="receipt"]', receipt.toLowerCase().replace(/-/g, ''));
      await page.click('button:has-text("查询")');
      await page.waitForSelector('[data-testid="receipt-status"]', { timeout: 30_000 });
      expect(await page.textContent('[data-testid="receipt-status"]')).toBe('已受理，待办理');
      expect(await page.textContent('[data-testid="receipt-result"]')).toContain(receipt);
      expect(await page.textContent('[data-testid="receipt-answer"]')).toContain('尚未答复');
      await shot('receipt-found', '[data-testid="receipt-answer"]');

      // A number nobody was given: the 404 it answers is the one console error expected.
      const errorsBefore = session.browser.errors.length;
      await page.fill('input[name="receipt"]', 'PN261204-7K3M-QX9T-2B4H');
      await page.click('button:has-text("查询")');
      expect(await page.textContent('[data-testid="lookup-error"]')).toContain(
        '没有与该回执编号对应的异议',
      );
      expect(session.browser.errors.splice(errorsBefore)).toEqual([
        expect.stringContaining('status of 404'),
      ]);
    });

    it('shows the reclamation acceptance results as their own list, in English too', async () => {
      const { page } = session.browser;
      await page.click('header nav >> text=公告公示');
      await page.click('.tabs >> text=复垦验收结果');
      await page.waitForSelector('[data-testid="acceptance-board"] [data-testid="open-notices"]');
      const kinds = await page
        .locator('[data-testid="acceptance-board"] .notice-kind')
        .allTextContents();
      expect(kinds.length).toBeGreaterThan(0);
      expect(new Set(kinds)).toEqual(new Set(['土地复垦验收结果公示']));
      await shot('acceptance');
      await page.click('button.lang');
      await page.waitForSelector('header nav >> text=Notices');
      expect(await page.textContent('[data-testid="acceptance-board"] h2')).toBe(
        'Reclamation acceptance results',
      );
      await shot('acceptance-en');
      await page.click('button.lang');
      expect(session.browser.errors).toEqual([]);
    });

    it('draws the division boundaries a city loaded, with their names, from the boundary tiles only', async () => {
      const { page } = session.browser;
      const reference: { url: string; status: number }[] = [];
      page.on('response', (r) => {
        if (r.url().includes('/tiles/reference/'))
          reference.push({ url: r.url(), status: r.status() });
      });
      await page.goto(`${session.base}/`);
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 60_000 });
      await page.evaluate(() => {
        const map = window.__reclaimMap as unknown as {
          jumpTo(o: { center: [number, number]; zoom: number }): void;
        };
        map.jumpTo({ center: [117.3, 34.3], zoom: 9 });
      });
      const drawn = () =>
        page.evaluate(() =>
          [
            ...new Set(
              window.__reclaimMap
                ?.queryRenderedFeatures({ layers: ['ref-division-line'] })
                .map((f) => String(f.properties.code)) ?? [],
            ),
          ].sort(),
        );
      await expect.poll(drawn, { timeout: 30_000 }).toEqual(['320305', '320305001', '320312']);
      await expect
        .poll(() => renderedCount(page, 'ref-division-label'), { timeout: 30_000 })
        .toBeGreaterThan(0);
      await page.waitForTimeout(500);
      await shot('boundaries');
      // The public's legend switches the boundaries alone, on by default.
      await page.click('details.legend summary');
      expect(await page.isChecked('[data-testid="layer-division"]')).toBe(true);
      expect(await page.locator('[data-testid="layer-land_class"]').count()).toBe(0);
      expect(await page.locator('[data-testid="layer-farmland"]').count()).toBe(0);
      await page.click('details.legend summary');

      expect(reference.length).toBeGreaterThan(0);
      expect(reference.filter((r) => !r.url.includes('/tiles/reference/division/'))).toEqual([]);
      expect(reference.filter((r) => r.status !== 200 && r.status !== 304)).toEqual([]);
      expect(session.browser.errors).toEqual([]);
    });
  });
}
