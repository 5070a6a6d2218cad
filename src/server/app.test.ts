// The HTTP edge itself: health, OpenAPI documentation, error bodies, and the rule that a
// route without an access policy cannot exist.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../test/support/test-db.ts';
import { createTestApp, json, type TestApp } from '../../test/support/test-app.ts';
import { buildApp } from './app.ts';
import type { RoutePlugin } from './types.ts';

describeEachMode('HTTP server', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(db());
  });
  afterAll(() => t.close());

  it('answers liveness and readiness with the storage mode', async () => {
    expect(json(await t.app.inject({ url: '/healthz' }))).toEqual({ status: 'ok' });
    const ready = json<{ status: string; storage: string; migrations: number }>(
      await t.app.inject({ url: '/readyz' }),
    );
    expect(ready.status).toBe('ready');
    expect(ready.storage).toBe(db().mode);
    expect(ready.migrations).toBeGreaterThanOrEqual(4);
  });

  it('serves OpenAPI documentation generated from the route schemas', async () => {
    const spec = json<{
      openapi: string;
      paths: Record<string, Record<string, { summary?: string }>>;
      components: { schemas: Record<string, unknown> };
    }>(await t.app.inject({ url: '/docs/json' }));
    expect(spec.openapi).toMatch(/^3\./);
    for (const policy of t.app.routePolicies) {
      if (policy.hidden) continue; // the web application's pages: `/` and its fallback
      const path = policy.url.replace(/:(\w+)/g, '{$1}');
      expect(
        spec.paths[path]?.[policy.method.toLowerCase()],
        `${policy.method} ${path} in OpenAPI`,
      ).toBeDefined();
    }
    expect(Object.keys(spec.components.schemas)).toEqual(
      expect.arrayContaining(['ErrorBody', 'User']),
    );
    const ui = await t.app.inject({ url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('answers unknown routes with the standard error body', async () => {
    const response = await t.app.inject({ url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(json(response)).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
  });

  it('refuses to start with a route that declares no access policy', async () => {
    const careless: RoutePlugin = (app) => {
      app.get('/api/careless', () => 'oops');
    };
    await expect(buildApp(t.services, { logger: false, extraRoutes: [careless] })).rejects.toThrow(
      /declares no access policy/,
    );
  });
});
