// Results as Markdown for docs/benchmarks.md: per run a machine description, then per
// comparison a table of median/min/max, ratio to the baseline and rate.
import type { ComparisonResult, CaseResult } from './bench.ts';
import type { Machine } from './machine.ts';

const seconds = (ms: number) =>
  ms >= 10_000
    ? `${(ms / 1000).toFixed(1)} s`
    : ms >= 1000
      ? `${(ms / 1000).toFixed(2)} s`
      : `${ms.toFixed(ms >= 100 ? 0 : 1)} ms`;

function row(
  result: CaseResult,
  units: ComparisonResult['comparison']['units'],
  baseline: boolean,
  base: CaseResult,
  withCpu: boolean,
): string {
  const s = result.stats;
  const rate = units
    ? `${Math.round((units.count / s.medianMs) * 1000).toLocaleString('en')} ${units.name}/s`
    : '';
  const name = baseline
    ? `**${result.name}** (baseline)`
    : result.reference
      ? `${result.name} (reference)`
      : result.name;
  const cpu = withCpu ? ` ${cpuCell(s.cpuMedianMs, base.stats.cpuMedianMs, baseline)} |` : '';
  return `| ${name} | ${seconds(s.medianMs)} | ${seconds(s.minMs)} | ${seconds(s.maxMs)} | ${s.samples.length} | ${baseline ? '1' : `${result.ratio.toFixed(2)}×`} |${cpu} ${rate} |`;
}

/** Median CPU time and its ratio to the baseline's. */
function cpuCell(cpuMs: number | undefined, baseMs: number | undefined, baseline: boolean): string {
  if (cpuMs === undefined) return '';
  if (baseline || !baseMs) return seconds(cpuMs);
  return `${seconds(cpuMs)} (${(cpuMs / baseMs).toFixed(2)}×)`;
}

/** The comparison's targets, met or missed, over its targeted (non-reference) cases. */
function targetLines(result: ComparisonResult): string[] {
  const c = result.comparison;
  const targeted = result.cases.filter((r) => !r.reference);
  const lines: string[] = [];
  if (c.targetRatio) {
    const over = targeted.filter((r) => r.ratio > c.targetRatio!);
    lines.push(
      `Target: ratio ≤ ${c.targetRatio}× — ${
        over.length ? `missed by ${over.map((r) => r.name).join(', ')}` : 'met'
      }.`,
    );
  }
  const rival = c.fasterThan ? result.cases.find((r) => r.name === c.fasterThan) : undefined;
  if (c.fasterThan && !rival) throw new Error(`no case named ${c.fasterThan} to be faster than`);
  if (rival) {
    const slower = targeted.filter((r) => r.stats.medianMs >= rival.stats.medianMs);
    lines.push(
      `Target: faster than ${rival.name} (${rival.ratio.toFixed(2)}×) — ${
        slower.length ? `missed by ${slower.map((r) => r.name).join(', ')}` : 'met'
      }.`,
    );
  }
  return lines;
}

export function comparisonMarkdown(result: ComparisonResult): string {
  const c = result.comparison;
  const targets = targetLines(result);
  const withCpu = result.baseline.stats.cpuMedianMs !== undefined;
  return [
    `#### ${c.title}`,
    '',
    c.description,
    '',
    `| case | median | min | max | n | ratio |${withCpu ? ' CPU (median) |' : ''} rate |`,
    `| --- | ---: | ---: | ---: | ---: | ---: |${withCpu ? ' ---: |' : ''} ---: |`,
    row(result.baseline, c.units, true, result.baseline, withCpu),
    ...result.cases.map((r) => row(r, c.units, false, result.baseline, withCpu)),
    '',
    ...(withCpu
      ? [
          'CPU: processor time of the benchmark process, its reaped children (ogr2ogr) and the ' +
            'PostgreSQL server (every backend and parallel worker)' +
            (c.cpu ? ', and the servers this comparison started (the whole time)' : '') +
            ', median over the repetitions; ' +
            'wall time is what the targets are held to.',
          '',
        ]
      : []),
    ...targets.flatMap((line) => [line, '']),
    ...(c.notes?.length ? [...c.notes, ''] : []),
  ].join('\n');
}

export function runMarkdown(machine: Machine, sections: string[], command: string): string {
  return [
    `## Run of ${machine.date}`,
    '',
    `\`${command}\``,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB memory, ${machine.os}; ` +
      `Node ${machine.node}; load average at the end ${machine.loadAverage}.`,
    ...Object.entries(machine.databases).map(([mode, v]) => `${mode}: ${v}.`),
    '',
    ...sections,
  ].join('\n');
}
