// The web application at `/`: index.html for page paths (deep links), hashed assets cached
// for good, the API's paths never answered with the app, and a clear page when the app has
// not been built. The client configuration tells the app whether a Tianditu key is set.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app.ts';

const index = '<!doctype html><html><body><div id="root"></div>app-index</body></html>';

function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'reclaim-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), index);
  writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), 'console.log("app")');
  writeFileSync(join(dir, 'robots.txt'), 'User-agent: *');
  return dir;
}

describeEachMode('web application at /', (db) => {
  let built: TestApp;
  let missing: TestApp;

  beforeAll(async () => {
    built = await createTestApp(db(), {
      RECLAIM_WEB_DIR: fakeBuild(),
      RECLAIM_TIANDITU_TK: 'tk-123',
    });
    missing = await createTestApp(db(), {
      RECLAIM_WEB_DIR: mkdtempSync(join(tmpdir(), 'reclaim-web-empty-')),
    });
  });
  afterAll(async () => {
    await built?.close();
    await missing?.close();
  });

  it('answers / and every page path with index.html, never cached stale', async () => {
    for (const url of [
      '/',
      '/records',
      '/records/5b0e0c1e-0000-4000-8000-000000000001',
      '/register?x=1',
    ]) {
      const response = await built.app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toMatch(/^text\/html/);
      expect(response.headers['cache-control'], url).toBe('no-cache');
      expect(response.body, url).toContain('app-index');
    }
  });

  it('serves hashed assets for a year and other files as they are', async () => {
    const asset = await built.app.inject({ url: '/assets/index-Ab12Cd34.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    expect(asset.body).toBe('console.log("app")');
    const robots = await built.app.inject({ url: '/robots.txt' });
    expect(robots.body).toBe('User-agent: *');
  });

  it('answers a missing file and unknown API paths with Problem JSON 404, not the app', async () => {
    for (const url of [
      '/assets/gone-123.js',
      '/api/nope',
      '/tiles/nope',
      '/ogc-nope',
      '/docs-nope',
    ]) {
      const response = await built.app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(json<{ error: { code: string } }>(response).error.code, url).toBe('ROUTE_NOT_FOUND');
    }
  });

  it('never serves a file outside the build', async () => {
    for (const url of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/assets/..%2f..%2fpackage.json',
    ]) {
      const response = await built.app.inject({ url });
      expect(response.body, url).not.toContain('"name": "reclaim"');
    }
  });

  it('says how to build the app when it has not been built, and the API still works', async () => {
    const page = await missing.app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('npm run build:web');
    expect(page.body).toContain('网页端尚未构建');
    const deep = await missing.app.inject({ url: '/records' });
    expect(deep.body).toContain('npm run build:web');
    const api = await missing.app.inject({ url: '/api/register/use-types' });
    expect(api.statusCode).toBe(200);
  });

  it('tells the app the Tianditu key when one is set, and null otherwise', async () => {
    expect(json(await built.app.inject({ url: '/api/client-config' }))).toEqual({
      tiandituKey: 'tk-123',
    });
    expect(json(await missing.app.inject({ url: '/api/client-config' }))).toEqual({
      tiandituKey: null,
    });
  });
});
