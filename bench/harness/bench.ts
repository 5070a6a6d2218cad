// What a benchmark module exports, and how its cases are measured: every comparison runs its
// baseline and its cases in the same process, interleaved repetition by repetition (so a
// noisy neighbour slows all of them alike), untimed preparation before each repetition.
import type { CpuClock } from './cpu.ts';
import type { BenchDatabases } from './databases.ts';

export interface Case {
  name: string;
  /** Untimed preparation before each repetition (a fresh database, a cold cache…). */
  before?(): Promise<void>;
  /** The timed work. */
  run(): Promise<void>;
  /** Untimed clean-up after each repetition. */
  after?(): Promise<void>;
  /** Fewer repetitions than the comparison's, for very long cases. */
  repetitions?: number;
  /** Measured for comparison only: not held to the comparison's targets. */
  reference?: boolean;
}

export interface Comparison {
  title: string;
  /** What is compared and how, for the report. */
  description: string;
  baseline: Case;
  cases: Case[];
  repetitions: number;
  /** Work done per repetition, to report a rate (e.g. 100,000 parcels). */
  units?: { count: number; name: string };
  /** The target for the ratio case ÷ baseline, if any (e.g. ≤ 3). */
  targetRatio?: number;
  /** The name of a reference case every targeted case must be faster than (a rival tool). */
  fasterThan?: string;
  /** Extra lines for the report, filled while running (e.g. a profile). */
  notes?: string[];
  /**
   * CPU of processes the comparison started that run throughout (e.g. a server under load):
   * counted with the benchmark process and the database, since a child is otherwise counted
   * only once it ends.
   */
  cpu?: CpuClock;
}

export interface BenchOptions {
  /** Repetitions of each case (a comparison may use fewer for very long cases). */
  repetitions: number;
  /** Parcels for import benchmarks in server and embedded mode. */
  serverParcels: number;
  embeddedParcels: number;
  /** Parcels loaded in both modes for the query comparison. */
  queryParcels: number;
  seed: number;
  /** Formats Reclaim's import cases read in server mode (embedded mode reads all three). */
  importFormats: ('geojson' | 'gpkg' | 'txt')[];
  /** Where generated files go (kept between runs with the same seed and size). */
  workDir: string;
  modes: ('server' | 'embedded')[];
  /** The HTTP load test (bench/load): client connections to try, and each run's bounds. */
  load: { connections: number[]; requests: number; durationS: number; cpuProfDir?: string };
  log(message: string): void;
}

export interface Benchmark {
  name: string;
  description: string;
  /** Prepares data and databases and returns what to measure, with a clean-up. */
  setup(
    options: BenchOptions,
    resources: BenchDatabases,
  ): Promise<{ comparisons: Comparison[]; teardown(): Promise<void> }>;
}

export interface Stats {
  medianMs: number;
  minMs: number;
  maxMs: number;
  samples: number[];
  /** Median CPU time of the repetitions (see cpu.ts), when the run had a CPU clock. */
  cpuMedianMs?: number;
}

export interface CaseResult {
  name: string;
  stats: Stats;
  /** Median ÷ baseline median (1 for the baseline). */
  ratio: number;
  /** Measured for comparison only (Case.reference). */
  reference?: boolean;
}

export interface ComparisonResult {
  comparison: Comparison;
  baseline: CaseResult;
  cases: CaseResult[];
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export function stats(samples: readonly number[], cpuSamples: readonly number[] = []): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    medianMs: median(samples),
    minMs: sorted[0]!,
    maxMs: sorted.at(-1)!,
    samples: [...samples],
    ...(cpuSamples.length ? { cpuMedianMs: median(cpuSamples) } : {}),
  };
}

/** How long after a repetition its CPU time is read (see once). */
const cpuSettleMs = 300;

/** One repetition: wall milliseconds and, with a clock, CPU milliseconds of the timed work. */
async function once(c: Case, cpu?: CpuClock): Promise<{ ms: number; cpuMs?: number }> {
  await c.before?.();
  const cpuStart = cpu?.();
  const start = process.hrtime.bigint();
  try {
    await c.run();
  } catch (error) {
    // The case's own failure is the one to report, not a clean-up's complaint about it.
    await c.after?.().catch(() => undefined);
    throw error;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  let cpuMs: number | undefined;
  if (cpuStart !== undefined) {
    // A backend whose client has just disconnected may have ended without its parent having
    // reaped it yet: for that moment its time is nowhere in /proc. Read once it is counted.
    await new Promise((resolve) => setTimeout(resolve, cpuSettleMs));
    cpuMs = cpu!() - cpuStart;
  }
  await c.after?.();
  return { ms, ...(cpuMs === undefined ? {} : { cpuMs }) };
}

/**
 * Measures a comparison: repetitions interleaved, baseline first in each round. With a CPU
 * clock (cpu.ts: this process and the database server), each repetition's CPU time too.
 */
export async function measure(
  comparison: Comparison,
  log: (message: string) => void,
  cpu?: CpuClock,
): Promise<ComparisonResult> {
  const all = [comparison.baseline, ...comparison.cases];
  const samples = all.map(() => [] as number[]);
  const cpuSamples = all.map(() => [] as number[]);
  for (let rep = 0; rep < comparison.repetitions; rep += 1) {
    for (const [i, c] of all.entries()) {
      if (rep >= (c.repetitions ?? comparison.repetitions)) continue;
      const { ms, cpuMs } = await once(c, cpu);
      samples[i]!.push(ms);
      if (cpuMs !== undefined) cpuSamples[i]!.push(cpuMs);
      const cpuNote = cpuMs === undefined ? '' : ` (CPU ${cpuMs.toFixed(0)} ms)`;
      log(
        `  ${comparison.title} · ${c.name} · ${rep + 1}/${comparison.repetitions}: ${ms.toFixed(1)} ms${cpuNote}`,
      );
    }
  }
  const base = stats(samples[0]!, cpuSamples[0]);
  const results = all.map((c, i) => {
    const s = stats(samples[i]!, cpuSamples[i]);
    return {
      name: c.name,
      stats: s,
      ratio: s.medianMs / base.medianMs,
      ...(c.reference ? { reference: true } : {}),
    };
  });
  return { comparison, baseline: results[0]!, cases: results.slice(1) };
}
