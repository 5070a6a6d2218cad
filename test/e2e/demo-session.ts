// What every end-to-end suite sets up: the web app built, `reclaim serve --demo` on a fresh
// database of the suite's storage mode, and a Chromium; all torn down after the suite.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { StorageMode } from '../../src/platform/db/db.ts';
import { openBrowser, type Browser } from './browser.ts';
import { startDemoServer, type DemoServer } from './demo-server.ts';
import { ensureWebBuilt } from './web-build.ts';

export const outputDir = join(import.meta.dirname, '../../test-output');
export const screenshots = join(outputDir, 'screenshots');
/** The demo accounts' password (demo data only). */
export const demoPassword = 'Reclaim-Demo-2026';

/**
 * Logs the account in the header out, if there is one, and waits until the header offers the
 * login again: the logout is a request, and a navigation before its answer would still carry
 * the session (the login page then sends the user home).
 */
export async function logOut(page: Page): Promise<void> {
  const button = page.locator('.who button:has-text("退出"), .who button:has-text("Log out")');
  if ((await button.count()) === 0) return;
  await button.first().click();
  await page.waitForSelector('.who a.button');
}

/** Logs the demo account `username` in through the login page; returns once the header shows it. */
export async function logIn(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.waitForSelector('input[name="username"]');
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', demoPassword);
  await page.click('button[type="submit"]');
  await page.waitForSelector('[data-testid="division"]');
}

export interface DemoSession {
  /** The server's URL, without a trailing slash. */
  readonly base: string;
  readonly browser: Browser;
}

/** Registers the suite's set-up and tear-down; read `base` and `browser` inside its tests. */
export function demoSession(
  mode: StorageMode,
  options: { viewport?: { width: number; height: number } } = {},
): DemoSession {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    ensureWebBuilt();
    mkdirSync(screenshots, { recursive: true });
    server = await startDemoServer(mode);
    browser = await openBrowser();
    if (options.viewport) await browser.page.setViewportSize(options.viewport);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the e2e ${what} is not started (beforeAll failed?)`);
    return value;
  };
  return {
    get base() {
      return ready(server, 'server').base;
    },
    get browser() {
      return ready(browser, 'browser');
    },
  };
}
