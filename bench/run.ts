// `npm run bench [-- options]`: runs every benchmark module under bench/ (bench/*/*.bench.ts),
// each comparison's cases against its baseline in the same run, prints the results and
// appends them with the machine description to docs/benchmarks.md.
import { appendFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import type { Benchmark, BenchOptions, ComparisonResult } from './harness/bench.ts';
import { measure } from './harness/bench.ts';
import { sumCpu } from './harness/cpu.ts';
import { benchDatabases } from './harness/databases.ts';
import { describeMachine } from './harness/machine.ts';
import { comparisonMarkdown, runMarkdown } from './harness/report.ts';

const integer = (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('a positive integer');
  return n;
};

const program = new Command('bench')
  .description('runs the benchmarks under bench/ (bench/README.md)')
  .option('--only <names>', 'comma-separated benchmark names (folders), e.g. import,queries')
  .option('--repetitions <n>', 'repetitions per case', integer, 5)
  .option('--parcels <n>', 'parcels for import benchmarks in server mode', integer, 100_000)
  .option('--embedded-parcels <n>', 'parcels imported in embedded mode', integer, 10_000)
  .option(
    '--query-parcels <n>',
    'parcels loaded for the embedded-vs-server queries',
    integer,
    10_000,
  )
  .option('--seed <n>', 'data generator seed', integer, 1)
  .option('--modes <list>', 'server,embedded', 'server,embedded')
  .option(
    '--import-formats <list>',
    'formats Reclaim imports in server mode (embedded: all three)',
    'geojson,gpkg,txt',
  )
  .option('--load-connections <list>', 'client connections of the HTTP load test', '8,32,64')
  .option('--load-requests <n>', 'requests per load-test run (at most)', integer, 3000)
  .option('--load-duration <s>', 'seconds per load-test run (at most)', integer, 20)
  .option('--load-cpu-prof <dir>', 'write a CPU profile of the server under load to this folder')
  .option('--work-dir <dir>', 'where generated files go', join(tmpdir(), 'reclaim-bench'))
  .option('--no-write', 'do not append the results to docs/benchmarks.md');

const root = join(import.meta.dirname, '..');

async function discover(only: string[] | undefined): Promise<Benchmark[]> {
  const found: Benchmark[] = [];
  for (const entry of (await readdir(import.meta.dirname, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (!entry.isDirectory() || (only && !only.includes(entry.name))) continue;
    for (const file of (await readdir(join(import.meta.dirname, entry.name))).sort()) {
      if (!file.endsWith('.bench.ts')) continue;
      const module = (await import(join(import.meta.dirname, entry.name, file))) as {
        benchmark?: Benchmark;
      };
      if (module.benchmark) found.push(module.benchmark);
    }
  }
  return found;
}

async function main(): Promise<void> {
  program.parse();
  const o = program.opts<{
    only?: string;
    repetitions: number;
    parcels: number;
    embeddedParcels: number;
    queryParcels: number;
    seed: number;
    modes: string;
    importFormats: string;
    workDir: string;
    loadConnections: string;
    loadRequests: number;
    loadDuration: number;
    loadCpuProf?: string;
    write: boolean;
  }>();
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const options: BenchOptions = {
    repetitions: o.repetitions,
    serverParcels: o.parcels,
    embeddedParcels: o.embeddedParcels,
    queryParcels: o.queryParcels,
    seed: o.seed,
    workDir: o.workDir,
    modes: o.modes.split(',').map((m) => {
      if (m !== 'server' && m !== 'embedded') throw new InvalidArgumentError(`unknown mode ${m}`);
      return m;
    }),
    importFormats: o.importFormats.split(',').map((f) => {
      if (f !== 'geojson' && f !== 'gpkg' && f !== 'txt')
        throw new InvalidArgumentError(`unknown format ${f}`);
      return f;
    }),
    load: {
      connections: o.loadConnections.split(',').map((c) => integer(c)),
      requests: o.loadRequests,
      durationS: o.loadDuration,
      ...(o.loadCpuProf ? { cpuProfDir: o.loadCpuProf } : {}),
    },
    log,
  };
  const benchmarks = await discover(o.only?.split(','));
  if (benchmarks.length === 0) throw new Error('no benchmark found');
  const databases = benchDatabases();
  const sections: string[] = [];
  try {
    for (const b of benchmarks) {
      log(`benchmark ${b.name}: setting up`);
      const prepared = await b.setup(options, databases);
      const results: ComparisonResult[] = [];
      try {
        for (const c of prepared.comparisons)
          results.push(await measure(c, log, sumCpu(await databases.cpu(), c.cpu)));
      } finally {
        await prepared.teardown();
      }
      const section = [
        `### bench/${b.name}`,
        '',
        b.description,
        '',
        ...results.map(comparisonMarkdown),
      ].join('\n');
      process.stdout.write(`${section}\n`);
      sections.push(section);
    }
    const machine = describeMachine(await databases.versions());
    const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
    const markdown = runMarkdown(machine, sections, command);
    if (o.write) await appendFile(join(root, 'docs/benchmarks.md'), `\n${markdown}\n`);
    log(o.write ? 'results appended to docs/benchmarks.md' : 'results not written (--no-write)');
  } finally {
    await databases.close();
  }
}

await main();
