// The map benchmark's own tables for docs/benchmarks.md: per step of the script, the median
// over repetitions of the settle time, the frame times while the camera moved (median, 95th
// percentile, share over 50 ms), the tiles fetched and their bytes, with the parcels and
// without (the baseline) side by side; then the whole script's frames pooled, and whether the
// map is smooth by the benchmark's definition.
import { stats } from '../harness/bench.ts';
import type { StepResult } from './play.ts';
import type { Variant } from './map-page.ts';

/** "Smooth": every animated step's p95 frame within this, every step settled within the next. */
export const smoothFrameMs = 50;
export const smoothSettleMs = 1000;

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface FrameStats {
  count: number;
  p50Ms: number;
  p95Ms: number;
  /** Share of frames longer than smoothFrameMs, 0–1. */
  slowShare: number;
}

export function frameStats(intervals: readonly number[]): FrameStats {
  return {
    count: intervals.length,
    p50Ms: percentile(intervals, 50),
    p95Ms: percentile(intervals, 95),
    slowShare: intervals.length
      ? intervals.filter((ms) => ms > smoothFrameMs).length / intervals.length
      : NaN,
  };
}

/** One repetition's step, reduced to numbers. */
export interface StepFigures {
  settleMs: number;
  frames: FrameStats | null;
  tiles: number;
  bytes: number;
  parcelTiles: number;
}

export function stepFigures(step: StepResult): StepFigures {
  return {
    settleMs: Math.max(...step.moves.map((m) => m.settleMs)),
    frames: step.animated ? frameStats(step.moves.flatMap((m) => m.frameIntervals)) : null,
    tiles: step.parcelTiles.tiles + step.referenceTiles.tiles,
    bytes: step.parcelTiles.bytes + step.referenceTiles.bytes,
    parcelTiles: step.parcelTiles.tiles,
  };
}

const med = (values: readonly number[]) =>
  values.length ? stats(values.filter((v) => !Number.isNaN(v))).medianMs : NaN;

/** Medians over repetitions of every figure of step `i`. */
function medianStep(runs: readonly StepResult[][], i: number) {
  const figures = runs.map((run) => stepFigures(run[i]!));
  const frames = figures.map((f) => f.frames).filter((f): f is FrameStats => f !== null);
  return {
    settleMs: med(figures.map((f) => f.settleMs)),
    frames: frames.length
      ? {
          p50Ms: med(frames.map((f) => f.p50Ms)),
          p95Ms: med(frames.map((f) => f.p95Ms)),
          slowShare: med(frames.map((f) => f.slowShare)),
          count: med(frames.map((f) => f.count)),
        }
      : null,
    tiles: med(figures.map((f) => f.tiles)),
    kb: med(figures.map((f) => f.bytes)) / 1024,
  };
}

/** Frames of every animated step of a run pooled, medians over runs. */
function pooled(runs: readonly StepResult[][]): FrameStats {
  const each = runs.map((run) =>
    frameStats(
      run.filter((s) => s.animated).flatMap((s) => s.moves.flatMap((m) => m.frameIntervals)),
    ),
  );
  return {
    count: med(each.map((f) => f.count)),
    p50Ms: med(each.map((f) => f.p50Ms)),
    p95Ms: med(each.map((f) => f.p95Ms)),
    slowShare: med(each.map((f) => f.slowShare)),
  };
}

const ms = (v: number) => (Number.isNaN(v) ? '–' : v.toFixed(v >= 100 ? 0 : 1));
const pct = (v: number) => (Number.isNaN(v) ? '–' : `${(v * 100).toFixed(0)} %`);
const ratio = (a: number, b: number) =>
  b > 0 && !Number.isNaN(a) ? ` (${(a / b).toFixed(1)}×)` : '';
const pair = (a: string, b: string) => `${a} / ${b}`;

/** Which steps miss "smooth" in the parcels' medians. */
export function smoothMisses(runs: readonly StepResult[][]): string[] {
  const first = runs[0] ?? [];
  return first.flatMap((step, i) => {
    const m = medianStep(runs, i);
    const why = [
      ...(m.settleMs > smoothSettleMs ? [`settle ${ms(m.settleMs)} ms`] : []),
      ...(m.frames && m.frames.p95Ms > smoothFrameMs ? [`p95 frame ${ms(m.frames.p95Ms)} ms`] : []),
    ];
    return why.length ? [`${step.name} (${why.join(', ')})`] : [];
  });
}

export function mapTable(
  results: ReadonlyMap<Variant, readonly StepResult[][]>,
  rendered: ReadonlyMap<string, number>,
): string[] {
  const withParcels = results.get('parcels') ?? [];
  const baseline = results.get('baseline') ?? [];
  if (!withParcels.length || !baseline.length) return [];
  const rows = withParcels[0]!.map((step, i) => {
    const p = medianStep(withParcels, i);
    const b = medianStep(baseline, i);
    const frame = (f: typeof p.frames, key: 'p50Ms' | 'p95Ms') => (f ? ms(f[key]) : '–');
    return `| ${step.name} | ${pair(ms(p.settleMs), ms(b.settleMs))}${ratio(p.settleMs, b.settleMs)} | ${pair(frame(p.frames, 'p50Ms'), frame(b.frames, 'p50Ms'))} | ${pair(frame(p.frames, 'p95Ms'), frame(b.frames, 'p95Ms'))}${p.frames && b.frames ? ratio(p.frames.p95Ms, b.frames.p95Ms) : ''} | ${pair(pct(p.frames?.slowShare ?? NaN), pct(b.frames?.slowShare ?? NaN))} | ${pair(ms(p.tiles), ms(b.tiles))} | ${pair(p.kb.toFixed(0), b.kb.toFixed(0))} | ${rendered.get(step.name)?.toLocaleString('en') ?? '–'} |`;
  });
  const pp = pooled(withParcels);
  const pb = pooled(baseline);
  const misses = smoothMisses(withParcels);
  return [
    'Per step, with the parcels / the baseline (medians over repetitions; settle: from the end of the ' +
      'motion to `idle`, the slowest move of the step; frames: intervals between animation frames ' +
      'while the camera moved; tiles and KB: fetched during the step, register and reference layers; ' +
      'drawn: features of the parcel layer (from zoom 12) or the overview (counted cells, below) on screen at the end of the step, counted in the warm-up):',
    '',
    '| step | settle ms | frame p50 ms | frame p95 ms | frames > 50 ms | tiles | KB | drawn |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `All animated steps pooled: frame median ${ms(pp.p50Ms)} / ${ms(pb.p50Ms)} ms, p95 ${ms(pp.p95Ms)} / ${ms(pb.p95Ms)} ms${ratio(pp.p95Ms, pb.p95Ms)}, ` +
      `over 50 ms ${pct(pp.slowShare)} / ${pct(pb.slowShare)} of ${ms(pp.count)} / ${ms(pb.count)} frames.`,
    '',
    `- Smooth (p95 frame ≤ ${smoothFrameMs} ms in every animated step and settled ≤ ${smoothSettleMs / 1000} s after every step, with the parcels): ${
      misses.length ? `missed by ${misses.join('; ')}` : 'met'
    }.`,
  ];
}
