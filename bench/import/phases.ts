// One traced Reclaim import in server mode, phase by phase, for profiling (not part of
// `npm run bench`): N generated parcels (GeoJSON, or --format gpkg|txt) into a fresh database
// holding the layers, as `reclaim import` runs it. Prints the wall time of each phase, the
// database time inside it and the rest (JavaScript), the costliest statements, and a digest of
// what the import stored (records, history, the result and its warnings, with the random ids
// replaced by the feature they belong to) so that two versions of the import can be compared
// for identical results; --digest-out also writes the records and the result beside it.
// Database time is a statement's time from sending to its result: the files are read while a
// batch is staged, so in the geometry phase it includes the reading that overlapped it.
//
//   node --import tsx bench/import/phases.ts --parcels 20000 [--format txt] [--digest-out FILE]
//   node --cpu-prof --cpu-prof-dir /tmp/prof --import tsx bench/import/phases.ts --parcels 50000
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { tmpdir } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { Command } from 'commander';
import { systemActor } from '../../src/identity/domain/actor.ts';
import { asSystem } from '../../src/identity/scoped-db.ts';
import type { Db } from '../../src/platform/db/db.ts';
import type { Progress } from '../../src/platform/progress.ts';
import { createCalendarService } from '../../src/reference/calendar/calendar.service.ts';
import { createImportService } from '../../src/register/import/import.service.ts';
import { createRegisterService } from '../../src/register/register.service.ts';
import { loadDataset } from '../generate/write-database.ts';
import type { BenchOptions } from '../harness/bench.ts';
import { benchData, releaseBenchData } from '../harness/data.ts';
import { processCpu } from '../harness/cpu.ts';
import { benchDatabases } from '../harness/databases.ts';
import { profiled } from './profile.ts';

const program = new Command('phases')
  .option('--parcels <n>', 'parcels to import', (v) => Number(v), 20_000)
  .option('--seed <n>', 'generator seed', (v) => Number(v), 1)
  .option('--format <f>', 'file format imported: geojson, gpkg or txt', 'geojson')
  .option('--work-dir <dir>', 'where generated files go', join(tmpdir(), 'reclaim-bench'))
  .option('--digest-out <file>', 'write the digest lines of the stored results here')
  .option(
    '--explain',
    'after the import, EXPLAIN ANALYZE an insert of 5,000 records (rolled back)',
  );
program.parse();
const opts = program.opts<{
  parcels: number;
  seed: number;
  format: 'geojson' | 'gpkg' | 'txt';
  workDir: string;
  digestOut?: string;
  explain?: boolean;
}>();

const log = (m: string) => process.stderr.write(`${new Date().toISOString()} ${m}\n`);

/** Marks of the import's progress phases (geometry, records), ms since the start. */
interface Mark {
  name: string;
  at: number;
  dbMs: number;
  /** Garbage collection so far (all of the process's pauses), ms. */
  gcMs: number;
  /** Heap in use at the mark, MB. */
  heapMb: number;
}

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ['gc'] });

function phaseProgress(marks: Mark[], now: () => Omit<Mark, 'name'>): Progress {
  return {
    start(name) {
      marks.push({ name: `${name} start`, ...now() });
      return {
        tick: () => undefined,
        grow: () => undefined,
        done: () => marks.push({ name: `${name} done`, ...now() }),
      };
    },
  };
}

/** Wall, database and JavaScript time between consecutive marks. */
function phaseTable(marks: Mark[]): string[] {
  const out = [
    '| from → to | wall s | database s | JavaScript s | of which GC s | heap after, MB |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  let previous: Mark = { name: 'start', at: 0, dbMs: 0, gcMs: 0, heapMb: 0 };
  for (const m of marks) {
    const wall = m.at - previous.at;
    const db = m.dbMs - previous.dbMs;
    const s = (ms: number) => (ms / 1000).toFixed(2);
    out.push(
      `| ${previous.name} → ${m.name} | ${s(wall)} | ${s(db)} | ${s(wall - db)} | ${s(m.gcMs - previous.gcMs)} | ${m.heapMb.toFixed(0)} |`,
    );
    previous = m;
  }
  return out;
}

/** Every stored column of the records but the random id and the times. */
const recordsSql = `SELECT source, province_code, division_code, state, project_name, project_class, long_cycle,
    oil_gas_integrated, project_owner, land_user, use_type, approval_number, approval_date,
    approval_body, approval_level, term_start, term_end, extensions, backfilled, registered_on,
    md5(ST_AsEWKB(geom)) AS geom, area_m2, declared_area_m2, declared_breakdown, computed_breakdown - 'computedAt' AS computed_breakdown,
    railway_exception, restores_cultivation, reassigned_from_project, reclamation_plan, deposit,
    reclamation_extension, disclosure_published_on, disclosure_where, version, system_number
  FROM temporary_land`;

async function digest(
  db: Db,
  result: { records: { id: string }[]; warnings: unknown[] },
  dumpTo: string | undefined,
) {
  const lines: string[] = [];
  const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
  const [records] = await db.query<{ d: string; n: number }>(
    `SELECT count(*)::int AS n, md5(string_agg(r::text, E'\\n' ORDER BY source->>'file', (source->>'feature')::int)) AS d
     FROM (${recordsSql}) r`,
  );
  lines.push(`records ${records?.n} ${records?.d}`);
  if (dumpTo) {
    const rows = await db.query<{ r: string }>(
      `SELECT r::text AS r FROM (${recordsSql}) r ORDER BY source->>'file', (source->>'feature')::int`,
    );
    await writeFile(`${dumpTo}.records`, rows.map((x) => x.r).join('\n'));
  }
  const [history] = await db.query<{ d: string; n: number }>(
    `SELECT count(*)::int AS n, md5(string_agg(v, E'\\n' ORDER BY v)) AS d FROM (
       SELECT concat_ws('|', t.source::text, v.entity, v.version, v.division_code, v.province_code, v.action,
                        v.changed_by, v.reason,
                        ((v.data - 'id' - 'created_at' - 'updated_at') #- '{computed_breakdown,computedAt}')::text,
                        v.data->>'id' = t.id::text,
                        v.data->>'created_at' = to_jsonb(t.created_at)::text::jsonb->>0,
                        v.changed_at >= t.created_at) AS v
       FROM record_version v JOIN temporary_land t ON t.id = v.entity_id) x`,
  );
  lines.push(`history ${history?.n} ${history?.d}`);
  const [other] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM record_version WHERE entity_id NOT IN (SELECT id FROM temporary_land)`,
  );
  lines.push(`history rows not of a record ${other?.n}`);
  const [same] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM record_version v JOIN temporary_land t ON t.id = v.entity_id
     WHERE v.data IS DISTINCT FROM to_jsonb(t)`,
  );
  lines.push(`history rows whose data is not the stored row ${same?.n}`);
  // The result: ids replaced by the feature they were given to.
  const ids = new Map<string, string>();
  const rows = result.records as unknown as { id: string; file: string; feature: number }[];
  for (const r of rows) ids.set(r.id, `${r.file}#${r.feature}`);
  const anonymous = (s: string) =>
    s.replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
      (m) => ids.get(m) ?? m,
    );
  const recordsText = anonymous(JSON.stringify(rows.map((r) => ({ ...r, id: r.id }))));
  lines.push(`result records ${rows.length} ${hash(recordsText)}`);
  if (dumpTo) await writeFile(`${dumpTo}.result`, recordsText);
  lines.push(
    `result warnings ${result.warnings.length} ${hash(anonymous(JSON.stringify(result.warnings)))}`,
  );
  return lines;
}

/**
 * Where an INSERT … SELECT of 5,000 records spends its time (triggers included): copies of
 * stored records with new ids, in a transaction that is rolled back.
 */
async function explainInsert(db: Db): Promise<string[]> {
  const rolledBack = new Error('rolled back');
  let plan: string[] = [];
  await asSystem(
    db,
    systemActor('phases'),
    async (tx) => {
      await tx.query(`SELECT set_config('jit', 'off', true)`);
      const rows = await tx.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS, TIMING)
         INSERT INTO temporary_land (division_code, province_code, project_name, project_class, use_type,
           approval_number, approval_date, term_start, term_end, declared_area_m2, computed_breakdown, source, geom)
         SELECT division_code, province_code, project_name, project_class, use_type, approval_number,
           approval_date, term_start, term_end, declared_area_m2, computed_breakdown, source, geom
         FROM temporary_land ORDER BY id LIMIT 5000`,
      );
      plan = rows.map((r) => r['QUERY PLAN']);
      throw rolledBack;
    },
    'explain',
  ).catch((error: unknown) => {
    if (error !== rolledBack) throw error;
  });
  return plan;
}

const databases = benchDatabases();

/** The template with the layers and the files; the data set released, as bench/import does. */
async function prepare() {
  const options = { seed: opts.seed, workDir: opts.workDir, log } as unknown as BenchOptions;
  const data = await benchData(options, opts.parcels);
  const template = await databases.serverTemplate('phases', (db) =>
    loadDataset(db, data.dataset, { parcels: false }).then(() => undefined),
  );
  releaseBenchData(options, opts.parcels);
  return { template, paths: data.files(opts.format) };
}

try {
  const { template, paths } = await prepare();
  const clone = await template.clone();
  try {
    const { db, profile } = profiled(clone.db);
    const imports = createImportService(db, createRegisterService(db, createCalendarService(db)));
    const files = await Promise.all(
      paths.map(async (p) => ({ name: basename(p), bytes: await readFile(p) })),
    );
    const marks: Mark[] = [];
    const start = performance.now();
    const t0 = () => performance.now() - start;
    const now = () => ({
      at: t0(),
      dbMs: profile.databaseMs(),
      gcMs,
      heapMb: process.memoryUsage().heapUsed / 1e6,
    });
    const gcBefore = gcMs;
    const nodeCpu = processCpu()!;
    const allCpu = (await databases.cpu())!;
    const cpuBefore = { node: nodeCpu(), all: allCpu() };
    log(`import of ${opts.parcels} parcels starts`);
    const result = await imports.import(
      systemActor('cli:import'),
      files,
      { reason: 'phases' },
      phaseProgress(marks, now),
    );
    const total = t0();
    marks.push({ name: 'end', ...now(), at: total });
    for (const m of marks) m.gcMs -= gcBefore;
    const dbMs = profile.databaseMs();
    console.log(
      `\n${opts.parcels} parcels: ${(total / 1000).toFixed(1)} s in all, database ${(dbMs / 1000).toFixed(1)} s, ` +
        `JavaScript and the rest ${((total - dbMs) / 1000).toFixed(1)} s; load ${(
          await import('node:os')
        )
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300)); // see cpuSettleMs in bench.ts
    const node = (nodeCpu() - cpuBefore.node) / 1000;
    const server = (allCpu() - cpuBefore.all) / 1000 - node;
    console.log(`CPU: ${node.toFixed(1)} s in this process, ${server.toFixed(1)} s in the server`);
    console.log(`\n${phaseTable(marks).join('\n')}`);
    console.log('\n| statement (start) | calls | total s |\n| --- | ---: | ---: |');
    for (const s of profile.statements().slice(0, 10))
      console.log(`| \`${s.statement}\` | ${s.calls} | ${(s.totalMs / 1000).toFixed(2)} |`);
    const lines = await digest(clone.db, result, opts.digestOut);
    console.log(`\n${lines.join('\n')}`);
    if (opts.digestOut) await writeFile(opts.digestOut, `${lines.join('\n')}\n`);
    if (opts.explain) console.log(`\n${(await explainInsert(clone.db)).join('\n')}`);
  } finally {
    await clone.drop();
  }
} finally {
  await databases.close();
}
