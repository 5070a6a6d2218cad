// Steps the clerk's end-to-end suites share: submitting a checked parcel, and finding it on
// the map and in the register's list.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { parcelZoom } from '../../web/src/map/parcel-zoom.ts';

/** Submits the checked parcel; returns the new record's id once its page shows `projectName`. */
export async function submitChecked(page: Page, projectName: string): Promise<string> {
  await page.click('button:has-text("提交登记")');
  await page.waitForSelector('[data-testid="parcel-page"]', { timeout: 60_000 });
  const id = page.url().split('/records/')[1] ?? '';
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(await page.textContent('[data-testid="parcel-page"] h2')).toBe(projectName);
  return id;
}

/** The ids the map draws in the register's layer now. */
export function renderedParcels(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window.__reclaimMap?.queryRenderedFeatures({ layers: ['temporary-land-fill'] }) ?? []).map(
      (f) => String(f.properties.id),
    ),
  );
}

/**
 * Moves the map at once to `view` and waits for it to settle: every tile of the new view
 * loaded and drawn. Until then the map may still draw the old zoom's tiles, scaled, so what
 * it renders is not yet what the new view holds.
 */
export async function jumpAndSettle(
  page: Page,
  view: { center?: [number, number]; zoom: number },
): Promise<void> {
  await page.evaluate(
    (to) =>
      new Promise<void>((resolve) => {
        const map = window.__reclaimMap;
        if (!map) return resolve();
        map.once('idle', () => resolve());
        map.jumpTo(to);
      }),
    view,
  );
}

/** A circle of the zoomed-out map: its county, how many parcels it counts, where it is drawn. */
export interface OverviewCircle {
  divisionCode: string;
  count: number;
  /** Pixels from the map's top-left corner. */
  x: number;
  y: number;
}

/** The circles the map draws now in the overview layer (zooms below `parcelZoom`). */
export function renderedOverview(page: Page): Promise<OverviewCircle[]> {
  return page.evaluate(() => {
    const map = window.__reclaimMap;
    if (!map) return [];
    return map.queryRenderedFeatures({ layers: ['temporary-land-overview'] }).map((f) => {
      const { x, y } = map.project(f.geometry.coordinates as [number, number]);
      return {
        divisionCode: String(f.properties.divisionCode),
        count: Number(f.properties.count),
        x,
        y,
      };
    });
  });
}

/**
 * Clicks the overview circle counting the most parcels and waits until the map, zoomed in,
 * draws parcels themselves.
 */
export async function zoomIntoOverview(page: Page): Promise<void> {
  const circles = await renderedOverview(page);
  const biggest = circles.sort((a, b) => b.count - a.count)[0];
  expect(biggest, 'an overview circle to click').toBeDefined();
  const box = await page.locator('[data-testid="map"]').boundingBox();
  await page.mouse.click((box?.x ?? 0) + biggest!.x, (box?.y ?? 0) + biggest!.y);
  await expect
    .poll(() => page.evaluate(() => window.__reclaimMap?.getZoom() ?? 0), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(parcelZoom);
  await expect
    .poll(async () => (await renderedParcels(page)).length, { timeout: 30_000 })
    .toBeGreaterThan(0);
}

/** Searches the register's list for `projectName` and expects exactly that one row. */
export async function expectInRecordList(page: Page, projectName: string): Promise<void> {
  await page.click('nav >> text=登记台账');
  await page.fill('input[type="search"]', projectName);
  await expect
    .poll(() => page.locator('[data-testid="record-list"] tbody tr').allTextContents(), {
      timeout: 30_000,
    })
    .toEqual([expect.stringContaining(projectName)]);
}
