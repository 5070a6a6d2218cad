// HTTP load test (scale issue 7, item 3): Reclaim in server mode as a child process on
// 127.0.0.1, a generated province administrator's API token, and autocannon driving each
// request mix at each concurrency, interleaved with the baseline — the health route, the
// floor of HTTP + Fastify + token look-up on this machine — at the same concurrency.
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { generateDataset } from '../generate/dataset.ts';
import { loadDataset } from '../generate/write-database.ts';
import { createUserService } from '../../src/identity/users.service.ts';
import type { Benchmark, Case, Comparison } from '../harness/bench.ts';
import { serverCpu, sumCpu } from '../harness/cpu.ts';
import { busiestProvince, createLoadAccount } from './account.ts';
import { drive, type DriveResult } from './drive.ts';
import { latencyTable } from './load-report.ts';
import { mixes, type Mix, type MixName } from './mixes.ts';
import { startServer } from './start-server.ts';
import { loadTargets } from './targets.ts';

const measured: readonly MixName[] = [
  'record by id',
  'list with filters',
  'OGC items in a bbox',
  'tiles z10–z16',
  'tiles z10–z16, no cache',
  'registrations',
];

export const benchmark: Benchmark = {
  name: 'load',
  description:
    'HTTP load on loopback: Reclaim (server mode) in a child process, autocannon in the bench process, a ' +
    'province administrator’s API token on every request (row-level security applies). Each run is bounded by ' +
    'a request count and a duration; the table gives its wall time, the latency tables what clients saw.',
  async setup(options, databases) {
    if (!options.modes.includes('server'))
      return { comparisons: [], teardown: () => Promise.resolve() };
    const n = options.serverParcels;
    const { load } = options;
    const log = (message: string) => options.log(message);
    const started = Date.now();
    const dataset = generateDataset({ seed: options.seed, parcels: n });
    log(`load: ${n} parcels generated in ${Date.now() - started} ms`);
    const template = await databases.serverTemplate('load', (db) =>
      loadDataset(db, dataset).then(() => undefined),
    );
    const clone = await template.clone();
    const province = busiestProvince(dataset.parcels.map((p) => p.attributes.division_code));
    // Registrations are parcels of another seed in the same province, so they overlap the
    // register and its layers as new approvals would.
    const registrations = generateDataset({
      seed: options.seed + 1,
      parcels: Math.min(n, 20_000),
    }).parcels.filter((p) => p.attributes.division_code.startsWith(province));
    if (registrations.length === 0)
      throw new Error(`no generated parcel to register in ${province}`);
    if (load.cpuProfDir) await mkdir(load.cpuProfDir, { recursive: true });
    const server = await startServer({
      databaseUrl: clone.url,
      ...(load.cpuProfDir ? { cpuProfDir: load.cpuProfDir } : {}),
    });
    log(`load: server pid ${server.pid} at ${server.url}`);
    // The same database served without the tile cache, for the tiles' cold cost.
    const uncached = await startServer({
      databaseUrl: clone.url,
      env: { RECLAIM_TILE_CACHE_MB: '0' },
    }).catch(async (error: unknown) => {
      await server.stop();
      throw error;
    });
    log(`load: server without tile cache pid ${uncached.pid} at ${uncached.url}`);
    try {
      const account = await createLoadAccount(createUserService(clone.db), server.url, province);
      const targets = await loadTargets(clone.db, province, 500, options.seed);
      const all = mixes(targets, registrations, randomBytes(3).toString('hex'));
      const run = (mix: Mix, connections: number, requests: number, durationS: number) => {
        const next = mix.requests();
        return drive({
          url: mix.name === 'tiles z10–z16, no cache' ? uncached.url : server.url,
          headers: { authorization: account.authorization },
          connections,
          requests,
          durationS,
          next,
        });
      };
      // Untimed warm-up of every mix: plans, caches, the calendar, JIT.
      for (const name of ['health', ...measured] as const) {
        const r = await run(all[name], 8, 200, 10);
        log(
          `load: warm-up ${name}: ${r.responses} responses, statuses ${JSON.stringify(r.statuses)}`,
        );
      }
      const serversCpu = sumCpu(serverCpu(server.pid), serverCpu(uncached.pid));
      const comparisons = load.connections.map((connections): Comparison => {
        const results = new Map<MixName, DriveResult[]>();
        const caseOf = (name: MixName): Case => ({
          name: name === 'health' ? 'health (GET /healthz)' : name,
          run: async () => {
            const r = await run(all[name], connections, load.requests, load.durationS);
            results.set(name, [...(results.get(name) ?? []), r]);
            log(
              `    ${name} @${connections}: p50 ${r.p50Ms.toFixed(1)} p95 ${r.p95Ms.toFixed(1)} p99 ${r.p99Ms.toFixed(1)} ms, ${r.requestsPerS.toFixed(0)} req/s, errors ${r.errors}, non-2xx ${r.non2xx}`,
            );
          },
        });
        return {
          title: `${connections} connections, ${n.toLocaleString('en')} parcels`,
          description:
            `Wall time of one run: ${load.requests.toLocaleString('en')} requests or ${load.durationS} s, whichever ` +
            `came first, at ${connections} connections; the caller is the administrator of province ${province}0000.`,
          baseline: caseOf('health'),
          cases: measured.map(caseOf),
          repetitions: options.repetitions,
          // Both Reclaim servers, whichever a mix drives: their CPU belongs to every case.
          ...(serversCpu ? { cpu: serversCpu } : {}),
          // Filled while running; read when the report is written.
          get notes() {
            return latencyTable(connections, 'health', results);
          },
        };
      });
      return {
        comparisons,
        teardown: async () => {
          await Promise.all([server.stop(), uncached.stop()]);
          await clone.drop();
        },
      };
    } catch (error) {
      await Promise.all([server.stop(), uncached.stop()]);
      await clone.drop();
      throw error;
    }
  },
};
