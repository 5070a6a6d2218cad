// Steps with the header's county picker (web/src/app/DivisionPicker.tsx) for the e2e suites:
// open it, read what it offers, pick a division, and count the division rows the page reads
// from the divisions API meanwhile.
import type { Page, Response } from 'playwright-core';

export const picker = '[data-testid="division-picker"]';
export const pickerPanel = '[data-testid="division-picker-panel"]';
export const pickerSearch = '[data-testid="division-search"]';
const options = '[data-testid="division-options"] li';

/** The picker's list line for `code` ('' for the whole division). */
export const option = (code: string) => `${options}[data-code="${code}"]`;

/** Opens the picker's panel (if it is closed) and waits for its search field. */
export async function openPicker(page: Page): Promise<void> {
  if ((await page.getAttribute(picker, 'aria-expanded')) !== 'true') await page.click(picker);
  await page.waitForSelector(pickerSearch);
}

/** The codes the panel lists, in order (`kind`: 'pick' counties, 'open' levels to open). */
export function offered(page: Page, kind: 'pick' | 'open'): Promise<string[]> {
  return page.$$eval(`${options}[data-kind="${kind}"]`, (lines) =>
    lines.map((li) => li.getAttribute('data-code') ?? ''),
  );
}

/**
 * Opens the picker, clicks the line for `code` in the list it shows ('': the whole division,
 * from the top of the trail), and waits for the pick.
 */
export async function pickInHeader(page: Page, code: string): Promise<void> {
  await openPicker(page);
  const top = page.locator('[data-testid="division-trail"] button').first();
  if (code === '' && (await top.count()) > 0) await top.click();
  await page.click(option(code));
  await page.waitForSelector(`${picker}[data-picked="${code}"]`);
}

/** One response of the divisions API: its path and query, and the divisions it carried. */
export interface DivisionRead {
  url: string;
  rows: number;
}

/**
 * Counts the division rows the page reads from `/api/divisions` (a list's items, or one
 * division) until `stop()`, which returns each response's count.
 */
export function countDivisionRows(page: Page): { stop: () => Promise<DivisionRead[]> } {
  const reads: Promise<DivisionRead>[] = [];
  const listener = (response: Response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/divisions')) return;
    const read = `${url.pathname}${url.search}`;
    // The body is read at once, before a later navigation could discard it.
    reads.push(
      response.json().then((body: unknown) => {
        const items = (body as { items?: unknown }).items;
        return { url: read, rows: Array.isArray(items) ? items.length : 1 };
      }),
    );
  };
  page.on('response', listener);
  return {
    stop: () => {
      page.off('response', listener);
      return Promise.all(reads);
    },
  };
}

/** The divisions API's answer to `query`, read outside the page (so it counts no rows there). */
export async function divisionsApi(
  base: string,
  query: string,
): Promise<{ code: string; name: string; parentName: string | null }[]> {
  const response = await fetch(`${base}/api/divisions?${query}`);
  if (!response.ok) throw new Error(`GET /api/divisions?${query}: ${response.status}`);
  return (
    (await response.json()) as {
      items: { code: string; name: string; parentName: string | null }[];
    }
  ).items;
}
