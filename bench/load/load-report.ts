// The load test's own table for docs/benchmarks.md: per mix the median (min–max over
// repetitions) of p50/p95/p99 latency and requests/s, errors and non-2xx, the ratio of the
// median p95 and p99 to the baseline's at the same concurrency, and the issue's targets.
import { stats } from '../harness/bench.ts';
import type { DriveResult } from './drive.ts';
import type { MixName } from './mixes.ts';

export interface Target {
  mix: MixName;
  metric: 'p95Ms' | 'p99Ms';
  limitMs: number;
  /** Concurrencies the target applies to. */
  connections: readonly number[];
}

/** The issue's targets (server mode, this 2-core machine); 0 errors is checked for every case. */
export const targets: readonly Target[] = [
  { mix: 'tiles z10–z16', metric: 'p95Ms', limitMs: 50, connections: [32] },
  { mix: 'record by id', metric: 'p99Ms', limitMs: 20, connections: [8, 32, 64] },
];

type Metric = 'p50Ms' | 'p95Ms' | 'p99Ms' | 'requestsPerS';

const median = (runs: readonly DriveResult[], metric: Metric) =>
  stats(runs.map((r) => r[metric])).medianMs;

function spread(runs: readonly DriveResult[], metric: Metric, digits: number): string {
  const s = stats(runs.map((r) => r[metric]));
  const f = (v: number) => v.toFixed(digits);
  return runs.length > 1 ? `${f(s.medianMs)} (${f(s.minMs)}–${f(s.maxMs)})` : f(s.medianMs);
}

const sum = (runs: readonly DriveResult[], key: 'responses' | 'errors' | 'non2xx') =>
  runs.reduce((n, r) => n + r[key], 0);

/** Met or missed, per target that applies at `connections`, and 0 errors per case. */
export function verdicts(
  connections: number,
  results: ReadonlyMap<MixName, readonly DriveResult[]>,
): { text: string; met: boolean }[] {
  const out: { text: string; met: boolean }[] = [];
  for (const t of targets) {
    const runs = results.get(t.mix);
    if (!t.connections.includes(connections) || !runs?.length) continue;
    const value = median(runs, t.metric);
    const met = value <= t.limitMs;
    out.push({
      met,
      text: `${t.mix} ${t.metric.replace('Ms', '')} ≤ ${t.limitMs} ms at ${connections} connections: ${met ? 'met' : 'missed'} (median ${value.toFixed(1)} ms)`,
    });
  }
  const failing = [...results].filter(([, runs]) => sum(runs, 'errors') + sum(runs, 'non2xx') > 0);
  out.push({
    met: failing.length === 0,
    text:
      failing.length === 0
        ? `0 errors at ${connections} connections: met`
        : `0 errors at ${connections} connections: missed by ${failing.map(([m]) => m).join(', ')}`,
  });
  return out;
}

export function latencyTable(
  connections: number,
  baseline: MixName,
  results: ReadonlyMap<MixName, readonly DriveResult[]>,
): string[] {
  const base = results.get(baseline) ?? [];
  const ratio = (runs: readonly DriveResult[], metric: Metric) =>
    base.length ? `${(median(runs, metric) / median(base, metric)).toFixed(1)}×` : '';
  const rows = [...results].map(
    ([mix, runs]) =>
      `| ${mix === baseline ? `**${mix}** (baseline)` : mix} | ${spread(runs, 'p50Ms', 1)} | ${spread(runs, 'p95Ms', 1)} | ${spread(runs, 'p99Ms', 1)} | ${spread(runs, 'requestsPerS', 0)} | ${sum(runs, 'responses').toLocaleString('en')} | ${sum(runs, 'errors')} | ${sum(runs, 'non2xx')} | ${mix === baseline ? '1' : ratio(runs, 'p95Ms')} | ${mix === baseline ? '1' : ratio(runs, 'p99Ms')} |`,
  );
  return [
    `Latency at ${connections} connections (ms; median over repetitions, min–max in brackets; responses, errors and non-2xx summed over repetitions):`,
    '',
    '| mix | p50 | p95 | p99 | requests/s | responses | errors | non-2xx | p95 ratio | p99 ratio |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    ...verdicts(connections, results).map((v) => `- Target: ${v.text}.`),
  ];
}
