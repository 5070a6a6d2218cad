// bench/crosscheck (supervision issue, item 7): the enforcement cross-check of generated change
// polygons against generated registered parcels — Reclaim's coverage (stored) and its
// full recompute (scope check, coverage, TL-ENF-01 findings) — against a hand-written PostGIS
// statement computing the same partition, in the same run. Server mode at province scale
// (1,000,000 parcels, 200,000 polygons; target ≤ 1.2×), embedded mode at a smaller scale.
import { systemActor } from '../../src/identity/domain/actor.ts';
import { asSystem } from '../../src/identity/scoped-db.ts';
import type { Db } from '../../src/platform/db/db.ts';
import { computeCoverage } from '../../src/supervision/enforcement/crosscheck.ts';
import { createEnforcementImportService } from '../../src/supervision/enforcement/enforcement-import.service.ts';
import type { Benchmark, Case, Comparison } from '../harness/bench.ts';
import type { ServerClone, Template } from '../harness/databases.ts';
import { ministryUser } from '../harness/actors.ts';
import { baselineCoverageOnly, baselinePartition, largestDifference } from './baseline.ts';
import { crosscheckData } from './dataset.ts';
import { benchMonth } from './load-changes.ts';
import { otherRecompute } from './other-checkout.ts';

/** Parcels per mode (change polygons: dataset.ts). */
const sizes = {
  server: Number(process.env.RECLAIM_BENCH_CROSSCHECK_PARCELS ?? 1_000_000),
  embedded: Number(process.env.RECLAIM_BENCH_CROSSCHECK_EMBEDDED_PARCELS ?? 20_000),
};

const system = systemActor('bench-crosscheck');
const batchOf = async (db: Db) =>
  (
    await db.query<{ id: string }>(`SELECT id FROM enforcement_batch WHERE external_id = 'bench'`)
  )[0]!.id;

interface Clones<T> {
  template: Template<T>;
  db(clone: T): Db;
  close(clone: T): Promise<void>;
}

/** A case on a fresh clone of the loaded database each repetition. */
function fresh<T>(clones: Clones<T>, name: string, work: (db: Db) => Promise<unknown>): Case {
  let clone: T | undefined;
  return {
    name,
    before: async () => {
      clone = await clones.template.clone();
    },
    run: async () => {
      await work(clones.db(clone!));
    },
    after: async () => {
      if (clone) await clones.close(clone);
    },
  };
}

function cases<T>(
  clones: Clones<T>,
  other: Awaited<ReturnType<typeof otherRecompute>>,
): { baseline: Case; cases: Case[] } {
  const partition = async (db: Db) => {
    const batch = await batchOf(db);
    await db.transaction((tx) => baselinePartition(tx, batch, benchMonth.start, benchMonth.end));
  };
  return {
    baseline: fresh(clones, 'hand-written SQL, same partition (one statement)', partition),
    cases: [
      fresh(clones, 'Reclaim coverage (one statement, stored)', (db) =>
        asSystem(
          db,
          system,
          async (tx) => {
            const [batch] = await tx.query<{ id: string; month: string; featureCount: number }>(
              `SELECT id, month, feature_count AS "featureCount" FROM enforcement_batch WHERE external_id = 'bench'`,
            );
            await computeCoverage(tx, batch!);
          },
          'benchmark',
        ),
      ),
      fresh(clones, 'Reclaim recompute (scope, coverage, TL-ENF-01 findings)', async (db) =>
        createEnforcementImportService(db).recompute(ministryUser, await batchOf(db), 'benchmark'),
      ),
      ...(other
        ? [
            {
              ...fresh(clones, `Reclaim recompute, ${other.name}`, async (db) =>
                other.recompute(db)(ministryUser, await batchOf(db), 'benchmark'),
              ),
              reference: true,
            },
          ]
        : []),
      fresh(clones, 'hand-written SQL, covered area only (no causes)', async (db) => {
        const batch = await batchOf(db);
        await db.transaction((tx) =>
          baselineCoverageOnly(tx, batch, benchMonth.start, benchMonth.end),
        );
      }),
    ],
  };
}

/** Runs both on one clone and reports how far apart their areas are (they must agree). */
async function agreement<T>(clones: Clones<T>): Promise<string> {
  const clone = await clones.template.clone();
  const db = clones.db(clone);
  try {
    const batch = await batchOf(db);
    await db.transaction((tx) => baselinePartition(tx, batch, benchMonth.start, benchMonth.end));
    const [b] = await db.query<{ id: string; month: string; featureCount: number }>(
      `SELECT id, month, feature_count AS "featureCount" FROM enforcement_batch WHERE id = $1`,
      [batch],
    );
    await asSystem(db, system, (tx) => computeCoverage(tx, b!), 'benchmark');
    const d = await largestDifference(db);
    const [mix] = await db.query<{ covered: number; partly: number; uncovered: number }>(
      `SELECT count(*) FILTER (WHERE status = 'covered')::int AS covered,
              count(*) FILTER (WHERE status = 'partly_covered')::int AS partly,
              count(*) FILTER (WHERE status = 'uncovered')::int AS uncovered
       FROM change_polygon_coverage`,
    );
    return (
      `Reclaim and the baseline agree on all ${d.polygons.toLocaleString('en')} polygons to within ` +
      `${d.gapM2.toExponential(1)} m² per area. Polygons: ${mix?.covered.toLocaleString('en')} covered, ` +
      `${mix?.partly.toLocaleString('en')} partly covered, ${mix?.uncovered.toLocaleString('en')} uncovered.`
    );
  } finally {
    await clones.close(clone);
  }
}

function comparison<T>(
  mode: string,
  parcels: number,
  changes: number,
  clones: Clones<T>,
  repetitions: number,
  notes: string[],
  other: Awaited<ReturnType<typeof otherRecompute>>,
): Comparison {
  return {
    title: `cross-check of ${changes.toLocaleString('en')} change polygons against ${parcels.toLocaleString('en')} parcels, ${mode}`,
    description:
      `Generated parcels (bench/generate; states approved, registered, in use, expired; approvals 2019–2025) and ` +
      `change polygons (two thirds across a parcel's edge; land classes 0602, 1206, 0702, 1003, 0404) as one batch ` +
      `for ${benchMonth.month}; a fresh clone of the loaded database per repetition. Baseline: one hand-written ` +
      'statement computing the same five areas per polygon (same classes and lawful window, same cut in priority ' +
      'order, ST_Area on geography) into a table. Reclaim: `computeCoverage` (one CREATE TEMP TABLE … AS for the ' +
      'batch — provincial settings, record lists, status and main cause — then the batch’s rows of ' +
      'change_polygon_coverage replaced by a plain insert and the review map’s tally counted from them) ' +
      'and `recompute` as a ministry user (scope check, the same coverage, then the TL-ENF-01 findings reconciled ' +
      'set-based: one INSERT … SELECT from the stored coverage with messages and evidence, history by trigger). ' +
      'With RECLAIM_BENCH_CROSSCHECK_OTHER set, another checkout’s recompute too (a reference, e.g. main). ' +
      'Last: the practitioner’s coverage alone, for scale.',
    ...cases(clones, other),
    repetitions,
    units: { count: changes, name: 'polygons' },
    targetRatio: 1.2,
    notes,
  };
}

export const benchmark: Benchmark = {
  name: 'crosscheck',
  description:
    'The enforcement cross-check (TL-ENF-02) through Reclaim against a hand-written PostGIS baseline computing the same coverage in the same run.',
  async setup(options, databases) {
    const comparisons: Comparison[] = [];
    const other = await otherRecompute();
    const prepare = (parcels: number) =>
      crosscheckData(options.seed, parcels, (line) => options.log(line));
    if (options.modes.includes('server')) {
      const { fill, changes } = prepare(sizes.server);
      const template = await databases.serverTemplate('crosscheck', fill);
      const clones: Clones<ServerClone> = {
        template,
        db: (c) => c.db,
        close: (c) => c.drop(),
      };
      const notes = [await agreement(clones)];
      comparisons.push(
        comparison('server', sizes.server, changes, clones, options.repetitions, notes, other),
      );
    }
    if (options.modes.includes('embedded')) {
      const { fill, changes } = prepare(sizes.embedded);
      const template = await databases.embeddedTemplate(fill);
      const clones: Clones<Db> = { template, db: (db) => db, close: (db) => db.close() };
      const notes = [await agreement(clones)];
      comparisons.push(
        comparison('embedded', sizes.embedded, changes, clones, options.repetitions, notes, other),
      );
    }
    return { comparisons, teardown: () => Promise.resolve() };
  },
};
