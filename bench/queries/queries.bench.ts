// Embedded vs server on the same queries over the same data (scale issue, item 2; target:
// embedded ≤ 3× server): a record read by id, a filtered list, a land-class bbox query and the
// overlay of one parcel with land classes and farmland — each through Reclaim's services, as a
// ministry user under row-level security, a batch of calls per repetition.
import { inScope } from '../../src/identity/scoped-db.ts';
import type { Actor } from '../../src/identity/domain/actor.ts';
import type { Db } from '../../src/platform/db/db.ts';
import { createCalendarService } from '../../src/reference/calendar/calendar.service.ts';
import { createLayerService } from '../../src/reference/layers/layers.service.ts';
import { overlayFacts } from '../../src/register/overlay.store.ts';
import { createRegisterService } from '../../src/register/register.service.ts';
import { random } from '../../src/demo/demo-data.ts';
import { loadDataset } from '../generate/write-database.ts';
import type { Benchmark, Case, Comparison } from '../harness/bench.ts';
import { benchData } from '../harness/data.ts';
import { ministryUser as actor } from '../harness/actors.ts';
import type { Dataset } from '../generate/dataset.ts';
import type { ServerClone } from '../harness/databases.ts';

const calls = 50;

const countyClerk = (divisionCode: string): Actor => ({
  ...actor,
  role: 'county',
  divisionCode,
  isAdmin: false,
});

interface Workload {
  name: string;
  /** One batch of `calls` calls against `db`. */
  run(db: Db): Promise<void>;
}

interface Sampled {
  id: string;
  geometry: unknown;
  lng: number;
  lat: number;
}

/** The sampled parcels as stored in `db` (ids differ between databases; codes do not). */
async function sampled(db: Db, codes: readonly string[]): Promise<Sampled[]> {
  const rows = await db.query<Sampled & { code: string }>(
    `SELECT source->>'code' AS code, id, ST_AsGeoJSON(geom, 9, 0)::json AS geometry,
            ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat
     FROM temporary_land WHERE source->>'code' = ANY($1::text[])`,
    [codes],
  );
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return codes.map((c) => byCode.get(c)!);
}

function workloads(dataset: Dataset, seed: number, samples: Map<Db, Sampled[]>): Workload[] {
  const rand = random(seed);
  const divisions = dataset.clusters.map((c) => c.site.divisionCode);
  const states = ['approved', 'registered', 'in_use', 'expired'] as const;
  const lists = Array.from({ length: calls }, (_, i) => ({
    state: states[i % states.length]!,
    divisionCode: divisions[Math.floor(rand() * divisions.length)]!,
    ...(i % 2 ? { q: '勘查' } : {}),
    limit: 50,
    offset: 0,
  }));
  const counties = Array.from(
    { length: calls },
    () => divisions[Math.floor(rand() * divisions.length)]!,
  );
  const of = (db: Db) => samples.get(db)!;
  return [
    {
      name: 'record by id',
      run: async (db) => {
        const register = createRegisterService(db, createCalendarService(db));
        for (const r of of(db)) await register.get(actor, r.id, '2026-03-02');
      },
    },
    {
      name: 'list with filters',
      run: async (db) => {
        const register = createRegisterService(db, createCalendarService(db));
        for (const filter of lists) await register.list(actor, filter);
      },
    },
    {
      // What a county clerk's list opens on: the county's newest approvals, a page of 50, and
      // how many there are (the scope by prefix and the order come from indexes, 0027).
      name: 'a county clerk’s first page',
      run: async (db) => {
        const register = createRegisterService(db, createCalendarService(db));
        for (const divisionCode of counties)
          await register.list(countyClerk(divisionCode), { limit: 50, offset: 0 });
      },
    },
    {
      name: 'land classes in a 1 km bbox',
      run: async (db) => {
        const layers = createLayerService(db);
        for (const r of of(db))
          await layers.features(
            actor,
            'land_class',
            [r.lng - 0.005, r.lat - 0.005, r.lng + 0.005, r.lat + 0.005],
            500,
          );
      },
    },
    {
      name: 'overlay of one parcel',
      run: async (db) => {
        for (const r of of(db))
          await inScope(db, actor, (tx) => overlayFacts(tx, r.geometry, r.id));
      },
    },
  ];
}

export const benchmark: Benchmark = {
  name: 'queries',
  description:
    `The same queries over the same data in both storage modes: each repetition is ${calls} calls ` +
    'through Reclaim’s services as a ministry user, or a county clerk for the first page of a county (row-level security applies); the server is the baseline.',
  async setup(options, databases) {
    if (!(options.modes.includes('server') && options.modes.includes('embedded')))
      return { comparisons: [], teardown: () => Promise.resolve() };
    const n = options.queryParcels;
    const data = await benchData(options, n);
    const fill = (db: Db) => loadDataset(db, data.dataset).then(() => undefined);
    const server: ServerClone = await (await databases.serverTemplate('queries', fill)).clone();
    const embedded = await (await databases.embeddedTemplate(fill)).clone();
    const rand = random(options.seed + 1);
    const codes = Array.from(
      { length: calls },
      () => data.dataset.parcels[Math.floor(rand() * data.dataset.parcels.length)]!.attributes.code,
    );
    const samples = new Map<Db, Sampled[]>([
      [server.db, await sampled(server.db, codes)],
      [embedded, await sampled(embedded, codes)],
    ]);
    const comparisons: Comparison[] = [];
    for (const w of workloads(data.dataset, options.seed, samples)) {
      const on = (db: Db, name: string): Case => ({ name, run: () => w.run(db) });
      // One untimed batch each, so both modes start warm (plans, caches, the calendar).
      await w.run(server.db);
      await w.run(embedded);
      comparisons.push({
        title: `${w.name}, ${n.toLocaleString('en')} parcels`,
        description: `${calls} calls per repetition.`,
        baseline: on(server.db, 'server'),
        cases: [on(embedded, 'embedded')],
        repetitions: options.repetitions,
        units: { count: calls, name: 'calls' },
        targetRatio: 3,
      });
    }
    return {
      comparisons,
      teardown: async () => {
        await embedded.close();
        await server.drop();
      },
    };
  },
};
