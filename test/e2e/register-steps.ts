// Steps the clerk's end-to-end suites share: submitting a checked parcel, and finding it on
// the map and in the register's list.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

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
