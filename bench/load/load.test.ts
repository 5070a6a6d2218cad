// The load driver works: against the app on a loopback port, every mix at 2 connections for
// a few dozen requests each — no errors, every answer the mix's success status, and every
// request on the mix's own route (counted by the server). Not timed: performance is bench/'s.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../test/support/test-db.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import { buildApp } from '../../src/server/app.ts';
import { createServices } from '../../src/server/services.ts';
import type { App, RoutePlugin } from '../../src/server/types.ts';
import { generateDataset } from '../generate/dataset.ts';
import { loadDataset } from '../generate/write-database.ts';
import { createLoadAccount, type LoadAccount } from './account.ts';
import { drive, requireLoopback } from './drive.ts';
import { mixes, type Mix, type MixName } from './mixes.ts';
import { loadTargets } from './targets.ts';

const requestsPerMix = 40;

describeEachMode('load driver', (db) => {
  let app: App;
  let url: string;
  let account: LoadAccount;
  let all: Record<MixName, Mix>;
  /** Responses the server sent, by "METHOD route status". */
  const served = new Map<string, number>();

  beforeAll(async () => {
    const dataset = generateDataset({ seed: 1, parcels: 60 });
    await loadDataset(db(), dataset);
    const services = createServices(db(), loadConfig({ RECLAIM_LOG_LEVEL: 'silent' }));
    const counter: RoutePlugin = (instance) => {
      instance.addHook('onResponse', (request, reply, done) => {
        const key = `${request.method} ${request.routeOptions.url ?? '?'} ${reply.statusCode}`;
        served.set(key, (served.get(key) ?? 0) + 1);
        done();
      });
    };
    app = await buildApp(services, { logger: false, extraRoutes: [counter] });
    url = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
    account = await createLoadAccount(services.users, url, '32');
    const registrations = generateDataset({ seed: 2, parcels: 60 }).parcels;
    all = mixes(await loadTargets(db(), '32', 20, 1), registrations, 'smoke');
  }, 120_000);
  afterAll(() => app.close());

  it('refuses to drive anything but loopback', () => {
    expect(() => requireLoopback('http://10.0.0.1:3000')).toThrow(/loopback only/);
    expect(requireLoopback(url).hostname).toBe('127.0.0.1');
  });

  it('drives every mix on its own route with success statuses only', async () => {
    for (const mix of Object.values(all)) {
      served.clear();
      const result = await drive({
        url,
        headers: { authorization: account.authorization },
        connections: 2,
        requests: requestsPerMix,
        durationS: 60,
        next: mix.requests(),
      });
      expect(result, mix.name).toMatchObject({ errors: 0, non2xx: 0, responses: requestsPerMix });
      expect(result.statuses, mix.name).toEqual({ [mix.okStatus]: requestsPerMix });
      expect(result.p50Ms).toBeLessThanOrEqual(result.p99Ms);
      // The server saw this mix's route only (a request in flight at the stop may add one).
      const method = mix.name === 'registrations' ? 'POST' : 'GET';
      const key = `${method} ${mix.route} ${mix.okStatus}`;
      expect([...served.keys()], mix.name).toEqual([key]);
      expect(served.get(key)).toBeGreaterThanOrEqual(requestsPerMix);
    }
    const [registered] = await db().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM temporary_land WHERE approval_number LIKE '%-smoke-%'`,
    );
    expect(registered?.n).toBeGreaterThanOrEqual(requestsPerMix);
  });
});
