// Debian's Chromium (/usr/bin/chromium) driven by playwright-core: headless, no sandbox (we
// run as root), no network of its own, a fresh profile each time. WebGL for MapLibre comes
// from SwiftShader, Chromium's software renderer, since there is no GPU.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'reclaim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    viewport: { width: 1366, height: 860 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // The anonymous /api/auth/me answers 401: that is how the app learns it has no session.
    if (message.type() === 'error' && !message.text().includes('401')) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The properties of the features of `layer` the app's map draws now; none while the layer is not
 * in the map's style (a page adds and replaces its tile layers as its data loads, and MapLibre
 * reports a query of a missing layer as an error).
 */
export function renderedProperties(page: Page, layer: string): Promise<Record<string, unknown>[]> {
  return page.evaluate((id) => {
    const map = window.__reclaimMap;
    if (!map?.getLayer(id)) return [];
    return map.queryRenderedFeatures({ layers: [id] }).map((f) => f.properties);
  }, layer);
}

/** How many features of `layer` the app's map draws now (none while it is not in the style). */
export async function renderedCount(page: Page, layer: string): Promise<number> {
  return (await renderedProperties(page, layer)).length;
}

/** What the app exposes of its MapLibre map for tests (web/src/map/MapView.tsx). */
declare global {
  interface Window {
    __reclaimMap?: {
      queryRenderedFeatures(options: { layers: string[] }): {
        properties: Record<string, unknown>;
        geometry: { type: string; coordinates: unknown };
      }[];
      getLayer(id: string): unknown;
      getLayoutProperty(layer: string, name: string): unknown;
      project(lngLat: [number, number]): { x: number; y: number };
      getZoom(): number;
      getCenter(): { toArray(): [number, number] };
      jumpTo(options: { zoom?: number; center?: [number, number] }): void;
      once(event: 'idle', listener: () => void): void;
    };
  }
}

/** Counts the page's requests for each of `paths` until stopped. */
export function countRequests(page: Page, paths: string[]) {
  const counts: Record<string, number> = Object.fromEntries(paths.map((p) => [p, 0]));
  const listener = (request: { url(): string }) => {
    const path = new URL(request.url()).pathname;
    if (path in counts) counts[path] = (counts[path] ?? 0) + 1;
  };
  page.on('request', listener);
  return { counts, stop: () => page.off('request', listener) };
}
