// bench/import (register issue, item 10): N generated parcels imported through Reclaim's import
// service — the path the API and `reclaim import` use — from GeoJSON, GeoPackage and coordinate
// txt, against hand-written baselines measured in the same run. Server: the baseline is COPY +
// hand-written SQL doing the import's checks and areas (validity, extent, vertex count, the
// overlay with land classes and farmland on the ellipsoid, the insert, overlaps); its rival is
// ogr2ogr + the same SQL; COPY or ogr2ogr + one INSERT … SELECT without the overlay are shown
// for reference. Embedded: batched INSERT … SELECT.
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { systemActor, type Actor } from '../../src/identity/domain/actor.ts';
import type { Db } from '../../src/platform/db/db.ts';
import { createCalendarService } from '../../src/reference/calendar/calendar.service.ts';
import { createImportService } from '../../src/register/import/import.service.ts';
import { createRegisterService } from '../../src/register/register.service.ts';
import type * as ImportModule from '../../src/register/import/import.service.ts';
import type * as RegisterModule from '../../src/register/register.service.ts';
import type * as CalendarModule from '../../src/reference/calendar/calendar.service.ts';
import { loadDataset } from '../generate/write-database.ts';
import { parcelsGeoJson } from '../generate/write-geojson.ts';
import type { Benchmark, BenchOptions, Case, Comparison } from '../harness/bench.ts';
import type { BenchDatabases } from '../harness/databases.ts';
import { benchData, releaseBenchData } from '../harness/data.ts';
import type { ServerClone, Template } from '../harness/databases.ts';
import { ministryUser as apiActor } from '../harness/actors.ts';
import {
  copyAndStore,
  copyOverlayAndStore,
  insertAndStore,
  ogr2ogrAndStore,
  ogr2ogrOverlayAndStore,
} from './baselines.ts';
import { profiled, type Profile } from './profile.ts';

/** As `reclaim import` runs it: the system, as the database owner (no row-level security). */
const cliActor = systemActor('cli:import');

/** The modules an import is made of: this checkout's, or another's (see otherBuild). */
interface ImportBuild {
  createImportService: typeof ImportModule.createImportService;
  createRegisterService: typeof RegisterModule.createRegisterService;
  createCalendarService: typeof CalendarModule.createCalendarService;
}

const thisBuild: ImportBuild = {
  createImportService,
  createRegisterService,
  createCalendarService,
};

/**
 * The import of another checkout of Reclaim (`RECLAIM_BENCH_IMPORT_OTHER=DIR`, with its own
 * node_modules and the same migrations), measured beside this one's in the same run: two
 * versions of the import under the same load, of the format `RECLAIM_BENCH_IMPORT_OTHER_FORMAT`
 * (geojson, gpkg or txt; default geojson). Undefined when the variable is not set.
 */
async function otherBuild(): Promise<
  { build: ImportBuild; name: string; format: Format } | undefined
> {
  const dir = process.env.RECLAIM_BENCH_IMPORT_OTHER;
  if (!dir) return undefined;
  const format = process.env.RECLAIM_BENCH_IMPORT_OTHER_FORMAT ?? 'geojson';
  if (!(format in formatName))
    throw new Error(
      `RECLAIM_BENCH_IMPORT_OTHER_FORMAT: ${format} is none of ${Object.keys(formatName).join(', ')}`,
    );
  const load = (path: string): Promise<unknown> => import(join(resolve(dir), path));
  const [imports, register, calendar] = await Promise.all([
    load('src/register/import/import.service.ts') as Promise<typeof ImportModule>,
    load('src/register/register.service.ts') as Promise<typeof RegisterModule>,
    load('src/reference/calendar/calendar.service.ts') as Promise<typeof CalendarModule>,
  ]);
  return {
    build: {
      createImportService: imports.createImportService,
      createRegisterService: register.createRegisterService,
      createCalendarService: calendar.createCalendarService,
    },
    name: process.env.RECLAIM_BENCH_IMPORT_OTHER_NAME ?? basename(resolve(dir)),
    format: format as Format,
  };
}

async function reclaimImport(
  db: Db,
  paths: readonly string[],
  actor: Actor = cliActor,
  build: ImportBuild = thisBuild,
): Promise<number> {
  const { createImportService, createRegisterService, createCalendarService } = build;
  const imports = createImportService(db, createRegisterService(db, createCalendarService(db)));
  const files = await Promise.all(
    paths.map(async (p) => ({ name: basename(p), bytes: await readFile(p) })),
  );
  const result = await imports.import(actor, files, { reason: 'benchmark import' });
  return result.records.length;
}

async function expectRows(db: Db, expected: number, what: string): Promise<void> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM temporary_land');
  if (row?.n !== expected)
    throw new Error(`${what}: ${row?.n} records stored, expected ${expected}`);
}

/** A case that works on a fresh clone of a template each repetition and checks the result. */
function freshCase<T>(
  template: Template<T>,
  handle: { db(clone: T): Db; close(clone: T): Promise<void> },
  name: string,
  expected: number,
  work: (clone: T) => Promise<unknown>,
  repetitions?: number,
): Case {
  let clone: T | undefined;
  return {
    name,
    ...(repetitions ? { repetitions } : {}),
    before: async () => {
      clone = await template.clone();
    },
    run: async () => {
      await work(clone!);
    },
    after: async () => {
      try {
        await expectRows(handle.db(clone!), expected, name);
      } finally {
        if (clone) await handle.close(clone);
      }
    },
  };
}

const serverClones = { db: (c: ServerClone) => c.db, close: (c: ServerClone) => c.drop() };
const embeddedClones = { db: (db: Db) => db, close: (db: Db) => db.close() };

const formatName = { geojson: 'GeoJSON', gpkg: 'GeoPackage', txt: 'coordinate txt' } as const;

/** The profile of a traced import as report lines: statements, calls per parcel, time. */
function profileNotes(profile: Profile, parcels: number, totalMs: number, mode: string): string[] {
  const top = profile.statements().slice(0, 8);
  return [
    `Profile of the Reclaim GeoJSON import above (its last repetition, ${mode} mode, ${parcels.toLocaleString('en')} parcels): ` +
      `${(totalMs / 1000).toFixed(1)} s in all, ${(profile.databaseMs() / 1000).toFixed(1)} s waiting on ` +
      `${profile.calls().toLocaleString('en')} statements (${(profile.calls() / parcels).toFixed(1)} per parcel, ` +
      `${((profile.databaseMs() / profile.calls()) * 1000).toFixed(0)} µs each on average); the rest is JavaScript while no statement runs ` +
      `(reading, checks, rules, JSON, garbage collection; the rules of a batch run while the next overlay does).`,
    '',
    '| statement (start) | calls | per parcel | total s | share |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...top.map(
      (s) =>
        `| \`${s.statement.replace(/\|/g, '\\|')}\` | ${s.calls.toLocaleString('en')} | ${(s.calls / parcels).toFixed(1)} | ` +
        `${(s.totalMs / 1000).toFixed(2)} | ${((100 * s.totalMs) / totalMs).toFixed(0)} % |`,
    ),
  ];
}

/** Reclaim's GeoJSON import, traced; the profile of its last repetition goes to `notes`. */
function tracedImport(paths: readonly string[], parcels: number, notes: string[]) {
  return async (db: Db) => {
    const { db: traced, profile } = profiled(db);
    const start = process.hrtime.bigint();
    await reclaimImport(traced, paths);
    const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
    notes.splice(0, notes.length, ...profileNotes(profile, parcels, totalMs, db.mode));
  };
}

/**
 * The server cases' data: the template (layers loaded), the parcel files of each format and a
 * file of the first `small` parcels. The generated data set is released once they are made
 * (releaseBenchData): the cases keep only paths, so the parcels and layers are not in the
 * heap while Reclaim's import runs.
 */
async function serverData(
  options: BenchOptions,
  databases: BenchDatabases,
  n: number,
  small: number,
): Promise<{ template: Template<ServerClone>; paths: Record<Format, string[]>; subset: string }> {
  const data = await benchData(options, n);
  const template = await databases.serverTemplate('import', (db) =>
    loadDataset(db, data.dataset, { parcels: false }).then(() => undefined),
  );
  const subset = join(data.dir, `subset-${small}.geojson`);
  await writeFile(subset, parcelsGeoJson(data.dataset.parcels.slice(0, small)));
  const paths = {
    geojson: data.files('geojson'),
    gpkg: data.files('gpkg'),
    txt: data.files('txt'),
  };
  releaseBenchData(options, n);
  return { template, paths, subset };
}

type Format = keyof typeof formatName;

export const benchmark: Benchmark = {
  name: 'import',
  description:
    'Import of generated parcels through Reclaim’s import service against hand-written baselines.',
  async setup(options, databases) {
    const comparisons: Comparison[] = [];
    if (options.modes.includes('server')) {
      const n = options.serverParcels;
      const small = Math.min(200, n);
      const { template, paths, subset } = await serverData(options, databases, n, small);
      const other = await otherBuild();
      // A few minutes a repetition at 100,000 parcels (it was an hour before importfast): at most 3.
      const reclaimReps = n >= 20_000 ? Math.min(options.repetitions, 3) : undefined;
      const geojson = paths.geojson;
      const notes: string[] = [];
      const rival = 'ogr2ogr + the same SQL (GeoJSON)';
      const reference = (c: Case): Case => ({ ...c, reference: true });
      comparisons.push({
        title: `import ${n.toLocaleString('en')} parcels, server`,
        description:
          'Baseline (the issue’s “raw COPY + the same validity and area SQL”): the GeoJSON files ' +
          'parsed in Node and sent by COPY to a staging table, then hand-written set-based SQL for ' +
          'the database work of Reclaim’s import, as the owner: the valid parcels inside China in a ' +
          'temporary table, their overlay with the current land-class and farmland layers ' +
          '(ellipsoidal area of every piece) in one grouped statement, the records with their ' +
          'breakdown in one INSERT … SELECT (area and history by the table’s triggers), the overlaps ' +
          'among them counted in one self-join. Rival: `ogr2ogr -f PostgreSQL` (COPY mode) into a ' +
          'staging table, then the same SQL. Reclaim: `imports.import` over all files of a format ' +
          'in one transaction, as `reclaim import` runs it (located problems, overlay, overlap ' +
          'warnings, rules). Reference rows, not targets: COPY or ogr2ogr and one INSERT … SELECT ' +
          'without the overlay.',
        baseline: freshCase(
          template,
          serverClones,
          'COPY + the same validity and area SQL (GeoJSON)',
          n,
          (c) => copyOverlayAndStore(c.url, geojson),
        ),
        cases: [
          reference(
            freshCase(template, serverClones, rival, n, (c) =>
              ogr2ogrOverlayAndStore(c.url, geojson),
            ),
          ),
          ...options.importFormats.map((f) =>
            freshCase(
              template,
              serverClones,
              `Reclaim import (${formatName[f]})`,
              n,
              f === 'geojson'
                ? (c) => tracedImport(paths[f], n, notes)(c.db)
                : (c) => reclaimImport(c.db, paths[f]),
              reclaimReps,
            ),
          ),
          ...(other
            ? [
                reference(
                  freshCase(
                    template,
                    serverClones,
                    `Reclaim import (${formatName[other.format]}), ${other.name}`,
                    n,
                    (c) => reclaimImport(c.db, paths[other.format], cliActor, other.build),
                    reclaimReps,
                  ),
                ),
              ]
            : []),
          // What the overlay costs, shown once at scale (each is a few minutes at 100,000).
          reference(
            freshCase(
              template,
              serverClones,
              'COPY + INSERT … SELECT, no overlay (GeoJSON)',
              n,
              (c) => copyAndStore(c.url, geojson),
              n >= 20_000 ? 1 : undefined,
            ),
          ),
          reference(
            freshCase(
              template,
              serverClones,
              'ogr2ogr + INSERT … SELECT, no overlay (GeoJSON)',
              n,
              (c) => ogr2ogrAndStore(c.url, geojson),
              n >= 20_000 ? 1 : undefined,
            ),
          ),
        ],
        repetitions: options.repetitions,
        units: { count: n, name: 'parcels' },
        targetRatio: 2,
        fasterThan: rival,
        notes,
      });
      // The API path runs under row-level security; a small file shows what that costs.
      comparisons.push({
        title: `import ${small} parcels, server: \`reclaim import\` vs the API`,
        description:
          `The first ${small} parcels as one GeoJSON file, into a database holding the layers above ` +
          '(no records yet): as the system (`reclaim import`, database owner) and as a ministry user ' +
          '(`POST /api/register/imports`, role reclaim_app under row-level security).',
        baseline: freshCase(template, serverClones, 'as the system (CLI)', small, (c) =>
          reclaimImport(c.db, [subset]),
        ),
        cases: [
          freshCase(template, serverClones, 'as a ministry user (API, RLS)', small, (c) =>
            reclaimImport(c.db, [subset], apiActor),
          ),
        ],
        repetitions: options.repetitions,
        units: { count: small, name: 'parcels' },
      });
    }
    if (options.modes.includes('embedded')) {
      const n = options.embeddedParcels;
      const data = await benchData(options, n);
      const template = await databases.embeddedTemplate((db) =>
        loadDataset(db, data.dataset, { parcels: false }).then(() => undefined),
      );
      const geojson = data.files('geojson');
      const notes: string[] = [];
      comparisons.push({
        title: `import ${n.toLocaleString('en')} parcels, embedded`,
        description:
          'Baseline: the GeoJSON files parsed in Node and inserted in batches of 2,000 rows ' +
          '(jsonb_populate_recordset) into a staging table, then the same INSERT … SELECT. ' +
          'Reclaim: `imports.import` as in server mode.',
        baseline: freshCase(
          template,
          embeddedClones,
          'batched INSERT + INSERT … SELECT (GeoJSON)',
          n,
          (db) => db.transaction((tx) => insertAndStore(tx, geojson)),
        ),
        cases: (['geojson', 'gpkg', 'txt'] as const).map((f) =>
          freshCase(
            template,
            embeddedClones,
            `Reclaim import (${formatName[f]})`,
            n,
            f === 'geojson'
              ? tracedImport(data.files(f), n, notes)
              : (db) => reclaimImport(db, data.files(f)),
            1,
          ),
        ),
        repetitions: options.repetitions,
        units: { count: n, name: 'parcels' },
        notes,
      });
    }
    return { comparisons, teardown: () => Promise.resolve() };
  },
};
