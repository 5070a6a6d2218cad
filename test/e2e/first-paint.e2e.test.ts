// The first paint of the map (web app issue, item 6: "first paint of the map page under 2 s on
// the demo data, measured in the e2e run"): the public's home page of `reclaim serve --demo`,
// in each storage mode, loaded cold (a new browser and a server that has drawn no tile), warm
// (the same page again) and by a new browser against the now warm server. Printed and written
// to test-output/first-paint-<mode>.json; not asserted against a time (performance is bench/'s).
// vitest.config.ts runs this file after every other, alone, so that the figures are the app's
// and not those of whatever other suite shares the machine's cores.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { testModes } from '../support/modes.ts';
import { countRequests, openBrowser } from './browser.ts';
import { demoSession, outputDir } from './demo-session.ts';

/** What index.html asks before the app's script runs (web/src/api/early-requests.ts). */
const earlyPaths = ['/api/auth/me', '/api/client-config', '/tiles/temporary-land.json'];

/**
 * Loads `url` and reads the performance marks: when the app's script started the map, when
 * the last vector tile of the first view reached the map, and when the map's first complete
 * frame was drawn (ms from the start of navigation).
 */
async function measureFirstPaint(page: Page, url: string) {
  const asked = countRequests(page, earlyPaths);
  await page.goto(url);
  await page.waitForSelector('body[data-map-ready="true"]', { timeout: 60_000 });
  asked.stop();
  const marks = await page.evaluate(() => {
    const mark = (name: string) =>
      Math.round(performance.getEntriesByName(name)[0]?.startTime ?? -1);
    return {
      mapStartMs: mark('reclaim:map-start'),
      tilesLoadedMs: mark('reclaim:map-tiles-loaded'),
      firstRenderMs: mark('reclaim:map-first-render'),
    };
  });
  return { ...marks, asked: asked.counts };
}

for (const mode of testModes()) {
  describe(`first paint of the map (${mode})`, { timeout: 180_000 }, () => {
    const session = demoSession(mode);

    it('draws the public map cold, warm and in a new browser, asking the early requests once each', async () => {
      const { page } = session.browser;
      // Cold: a new browser and a server that has not drawn a tile yet.
      const cold = await measureFirstPaint(page, `${session.base}/`);
      // Warm: the same page again, its scripts now in the browser's cache.
      const warm = await measureFirstPaint(page, `${session.base}/`);
      // A new browser (empty cache, shaders compiled anew) against the now warm server.
      const other = await openBrowser();
      const newBrowser = await measureFirstPaint(other.page, `${session.base}/`).finally(() =>
        other.close(),
      );
      const measured = { mode, cold, warm, newBrowser };
      writeFileSync(join(outputDir, `first-paint-${mode}.json`), `${JSON.stringify(measured)}\n`);
      console.log(`first paint of the map (${mode}): ${JSON.stringify(measured)}`);
      for (const load of [cold, warm, newBrowser]) {
        // The map started, then drew its first complete frame.
        expect(load.mapStartMs).toBeGreaterThan(0);
        expect(load.firstRenderMs).toBeGreaterThanOrEqual(load.mapStartMs);
        // The session, the basemap key and the TileJSON are asked once each, by index.html
        // while the script loads; the app uses those answers and asks none of them again.
        expect(load.asked).toEqual(Object.fromEntries(earlyPaths.map((p) => [p, 1])));
      }
    });
  });
}
