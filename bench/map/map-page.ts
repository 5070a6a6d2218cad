// The map page the benchmark measures: a fresh Chromium (test/e2e/browser.ts: headless,
// WebGL by SwiftShader on the CPU, a fresh profile, so no tile is in its cache), logged in by
// the session cookie of a province administrator, on the app's home page as it opens (the
// division boundaries drawn) or with the survey reference layers switched on as well (land
// class and permanent basic farmland) and, for the baseline, the register's parcel layers
// hidden — MapLibre then fetches none of their tiles.
import type { Page } from 'playwright-core';
import { openBrowser, type Browser } from '../../test/e2e/browser.ts';

export type Variant = 'parcels' | 'baseline';

/** The reference layers drawn: the map as it opens, or with the survey's layers switched on. */
export type MapLayers = 'as opened' | 'survey';

/** The register's style layers (web/src/map/style.ts), hidden for the baseline. */
const parcelLayers = [
  'temporary-land-fill',
  'temporary-land-line',
  'temporary-land-selected',
  'temporary-land-overview',
];

export interface MapPage {
  browser: Browser;
  page: Page;
  /** The map canvas's size in CSS pixels. */
  size: { width: number; height: number };
  close(): Promise<void>;
}

export async function openMapPage(
  base: string,
  session: string,
  variant: Variant,
  layers: MapLayers = 'survey',
): Promise<MapPage> {
  const browser = await openBrowser();
  try {
    const { context, page } = browser;
    // tsx compiles with esbuild's keepNames, which wraps the page functions' inner functions
    // in a `__name` helper that only exists in Node: the page gets a harmless one.
    await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
    await context.addCookies([
      { name: 'reclaim_session', value: session, url: base, httpOnly: true, sameSite: 'Lax' },
    ]);
    await page.goto(`${base}/`);
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    if (layers === 'survey') {
      await page.check('[data-testid="layer-land_class"]');
      await page.check('[data-testid="layer-farmland"]');
    }
    const size = await page.evaluate(
      (hidden) => {
        const map = (
          window as unknown as {
            __reclaimMap?: {
              setLayoutProperty(layer: string, name: 'visibility', value: 'none'): void;
              getCanvas(): HTMLCanvasElement;
            };
          }
        ).__reclaimMap;
        if (!map) throw new Error('no map on the page');
        for (const layer of hidden) map.setLayoutProperty(layer, 'visibility', 'none');
        const canvas = map.getCanvas();
        return { width: canvas.clientWidth, height: canvas.clientHeight };
      },
      variant === 'baseline' ? parcelLayers : [],
    );
    if (browser.errors.length)
      throw new Error(`the page reported errors: ${browser.errors.join('; ')}`);
    return { browser, page, size, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
