// Division boundaries on the map end to end, in Debian's Chromium against `reclaim serve
// --demo`, in each storage mode. The demo ships no boundary (a published map of real places
// needs an 审图号): the map draws none and reports no error. Then the clerk of Jiawang loads a
// small schematic XZQ layer of Jiawang through the API (squares with real codes, never real
// boundaries): the outlines and their names are drawn from a province-wide view down to the
// parcels, the clerk's own county stronger, and the layer switch hides them.
// Screenshots go to test-output/screenshots/boundaries-*.png.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { testModes } from '../support/modes.ts';
import { schematicXzq } from './schematic-xzq.ts';
import { renderedCount } from './browser.ts';
import { demoSession, logIn, screenshots } from './demo-session.ts';

/** Where the demo's records lie, in Jiawang (EPSG:4490 degrees). */
const centre: [number, number] = [117.452, 34.402];

/** A schematic XZQ layer of Jiawang: the county and two townships around the demo's records. */
const xzq = schematicXzq([
  { XZQDM: '320305', XZQMC: '贾汪区（示意）', box: [117.3, 34.3, 117.6, 34.5] },
  { XZQDM: '320305001', XZQMC: '示意镇甲', box: [117.3, 34.3, 117.45, 34.4] },
  { XZQDM: '320305002', XZQMC: '示意镇乙', box: [117.45, 34.3, 117.6, 34.4] },
]);

async function jumpTo(page: Page, zoom: number) {
  await page.evaluate(
    ([c, z]) => {
      const map = window.__reclaimMap as unknown as {
        jumpTo(o: { center: [number, number]; zoom: number }): void;
      };
      map.jumpTo({ center: c, zoom: z });
    },
    [centre, zoom] as const,
  );
}

for (const mode of testModes()) {
  describe(`division boundaries on the map (${mode})`, { timeout: 240_000 }, () => {
    const session = demoSession(mode);
    const shot = (name: string) =>
      session.browser.page.screenshot({
        path: join(screenshots, `boundaries-${mode}-${name}.png`),
      });

    it('draws none and reports no error while no boundary layer is loaded', async () => {
      const { page } = session.browser;
      await logIn(page, session.base, 'jiawang');
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 60_000 });
      // On by default.
      expect(await page.isChecked('[data-testid="layer-division"]')).toBe(true);
      await jumpTo(page, 9);
      await page.waitForTimeout(1_000);
      expect(await renderedCount(page, 'ref-division-line')).toBe(0);
      expect(session.browser.errors).toEqual([]);
    });

    it('draws a loaded XZQ layer with its names at every zoom, and the switch hides it', async () => {
      const { page } = session.browser;
      const result = await page.evaluate(async (layer) => {
        // UTF-8 bytes to base64 (btoa takes Latin-1 only).
        const bytes = new TextEncoder().encode(JSON.stringify(layer));
        const base64 = btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
        const response = await fetch('/api/layers/imports', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            layer: 'division',
            divisionCode: '320305',
            surveyYear: 2025,
            source: '示意行政区界线（非真实数据）',
            files: [{ name: 'xzq.geojson', contentBase64: base64 }],
            reason: '端到端测试',
          }),
        });
        return { status: response.status, body: (await response.json()) as { features: number } };
      }, xzq);
      expect(result).toMatchObject({ status: 200, body: { features: 3 } });

      await page.reload();
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 60_000 });
      const drawn = async () =>
        page.evaluate(
          () =>
            window.__reclaimMap
              ?.queryRenderedFeatures({ layers: ['ref-division-line'] })
              .map((f) => String(f.properties.code)) ?? [],
        );
      // Zoomed out to the province (the survey layers start at zoom 11) and in to the parcels.
      for (const zoom of [7, 10, 14]) {
        await jumpTo(page, zoom);
        // Zoomed in on the records, the county's outline lies out of sight; the townships'
        // shared edge runs through the view.
        const expected =
          zoom === 14 ? ['320305001', '320305002'] : ['320305', '320305001', '320305002'];
        await expect
          .poll(async () => [...new Set(await drawn())].sort(), { timeout: 30_000 })
          .toEqual(expect.arrayContaining(expected));
        if (zoom === 10) {
          await expect
            .poll(() => renderedCount(page, 'ref-division-label'), { timeout: 30_000 })
            .toBeGreaterThan(0);
          await page.waitForTimeout(500);
          await shot('zoom-10');
        }
      }
      await shot('zoom-14');
      // The clerk's own county is drawn stronger than its townships.
      const widths = await page.evaluate(() => {
        const map = window.__reclaimMap as unknown as {
          getPaintProperty(layer: string, name: string): unknown;
        };
        return JSON.stringify(map.getPaintProperty('ref-division-line', 'line-width'));
      });
      expect(widths).toContain('320305');

      await page.uncheck('[data-testid="layer-division"]');
      await expect.poll(() => renderedCount(page, 'ref-division-line')).toBe(0);
      // Labels fade out after the lines (MapLibre's symbol fade): wait for them as well.
      await expect.poll(() => renderedCount(page, 'ref-division-label')).toBe(0);
      await page.check('[data-testid="layer-division"]');
      await expect.poll(() => renderedCount(page, 'ref-division-line')).toBeGreaterThan(0);
      // The English toggle names the switch in English.
      await page.click('button.lang');
      await expect
        .poll(() => page.textContent('[data-testid="layer-switcher"]'))
        .toContain('Division boundaries');
      await page.click('button.lang');
      expect(session.browser.errors).toEqual([]);
    });
  });
}
