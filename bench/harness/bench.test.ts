// The harness measures what it says: medians, interleaved repetitions, per-case limits,
// ratios to the baseline, and a report that shows them.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { measure, stats, type Case } from './bench.ts';
import { processCpu, serverCpu } from './cpu.ts';
import { comparisonMarkdown } from './report.ts';

describe('bench harness', () => {
  it('takes the median of odd and even sample counts', () => {
    expect(stats([5, 1, 3]).medianMs).toBe(3);
    expect(stats([4, 1, 3, 2])).toMatchObject({ medianMs: 2.5, minMs: 1, maxMs: 4 });
  });

  it('interleaves cases, honours a case’s own repetition limit and reports ratios', async () => {
    const order: string[] = [];
    const sleeper = (name: string, ms: number, repetitions?: number): Case => ({
      name,
      ...(repetitions ? { repetitions } : {}),
      before: () => Promise.resolve(void order.push(`${name}:before`)),
      run: () =>
        new Promise((resolve) => setTimeout(resolve, ms)).then(() => void order.push(name)),
    });
    const result = await measure(
      {
        title: 't',
        description: 'd',
        baseline: sleeper('base', 5),
        // Far apart: on a loaded machine a 5 ms timer can fire 50 ms late.
        cases: [sleeper('slow', 300), sleeper('once', 5, 1)],
        repetitions: 2,
        units: { count: 10, name: 'things' },
        targetRatio: 3,
      },
      () => undefined,
    );
    expect(order.filter((o) => !o.endsWith(':before'))).toEqual([
      'base',
      'slow',
      'once',
      'base',
      'slow',
    ]);
    expect(result.cases.map((c) => c.stats.samples.length)).toEqual([2, 1]);
    expect(result.cases[0]!.ratio).toBeGreaterThan(3);
    const markdown = comparisonMarkdown(result);
    expect(markdown).toContain('**base** (baseline)');
    expect(markdown).toContain('missed by slow');
  });

  it('holds only targeted cases to the ratio and to a rival reference case', async () => {
    const fixed = (name: string, ms: number, reference = false): Case => ({
      name,
      ...(reference ? { reference } : {}),
      run: () => new Promise((resolve) => setTimeout(resolve, ms)),
    });
    const comparison = {
      title: 't',
      description: 'd',
      // Times far enough apart that timers firing late on a loaded machine keep each verdict.
      baseline: fixed('base', 200),
      repetitions: 1,
      targetRatio: 2,
      fasterThan: 'rival',
    };
    const met = comparisonMarkdown(
      await measure(
        { ...comparison, cases: [fixed('rival', 600, true), fixed('ours', 220)] },
        () => undefined,
      ),
    );
    expect(met).toContain('rival (reference)');
    expect(met).toContain('Target: ratio ≤ 2× — met.');
    expect(met).toMatch(/Target: faster than rival \(\d+\.\d\d×\) — met\./);
    const missed = comparisonMarkdown(
      await measure(
        { ...comparison, cases: [fixed('rival', 240, true), fixed('ours', 700)] },
        () => undefined,
      ),
    );
    expect(missed).toContain('Target: ratio ≤ 2× — missed by ours.');
    expect(missed).toMatch(/Target: faster than rival \(.*\) — missed by ours\./);
  });

  it('counts CPU time: busy work but not sleep, and a server’s ended children', async () => {
    const clock = processCpu();
    expect(clock, 'Linux /proc').toBeDefined();
    // Spins until this process has used 150 ms of CPU of its own (process.cpuUsage, µs).
    const spin = () => {
      const start = process.cpuUsage();
      while (process.cpuUsage(start).user + process.cpuUsage(start).system < 150_000);
      return Promise.resolve();
    };
    const sleep = () => new Promise<void>((resolve) => setTimeout(resolve, 150));
    const result = await measure(
      {
        title: 't',
        description: 'd',
        baseline: { name: 'sleep', run: sleep },
        cases: [{ name: 'spin', run: spin }],
        repetitions: 1,
      },
      () => undefined,
      clock,
    );
    const [slept, spun] = [result.baseline, result.cases[0]!].map((r) => r.stats.cpuMedianMs!);
    expect(spun).toBeGreaterThanOrEqual(130);
    // The process's other threads (the test runner, garbage collection) may use a little.
    expect(slept).toBeLessThan(spun! - 80);
    const markdown = comparisonMarkdown(result);
    expect(markdown).toContain('| case | median | min | max | n | ratio | CPU (median) | rate |');
    // With its ratio to the sleeper's CPU unless that was zero.
    expect(markdown).toMatch(/\| spin \|.*\| \d+\.\d\d× \| \d+ ms( \(\d+\.\d\d×\))? \|/);

    // A child that uses 300 ms of CPU and ends: counted for its parent, as a postmaster's workers are.
    const parent = serverCpu(process.pid)!;
    const before = parent();
    await promisify(execFile)(process.execPath, [
      '-e',
      'const s = process.cpuUsage(); while (process.cpuUsage(s).user + process.cpuUsage(s).system < 300000);',
    ]);
    expect(parent() - before).toBeGreaterThanOrEqual(280);
  });
});
