// Starting a `reclaim` command, as a user and every CLI test does: a new Node process runs the
// command's sources and the command's work. Baseline: the sources through tsx, as `reclaim` ran
// them before (RECLAIM_CLI_BUNDLE=off), compiled and resolved module by module. Against it, in
// the same run: the esbuild bundle of the sources (bin/cli-bundle.js, built before timing).
// Two commands: `reclaim config` (no database) and `reclaim migrate` over a migrated embedded
// data directory (opens PGlite with PostGIS, finds nothing to do).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cliBundle } from '../../bin/cli-bundle.js';
import type { Benchmark, Case, Comparison } from '../harness/bench.ts';

const bin = join(import.meta.dirname, '../../bin/reclaim.js');
const run = promisify(execFile);

/** `reclaim ARGS` to its end, bundled or through tsx. */
function command(name: string, args: string[], bundled: boolean): Case {
  return {
    name,
    run: async () => {
      await run(process.execPath, [bin, ...args], {
        env: {
          ...process.env,
          RECLAIM_LOG_LEVEL: 'warn',
          RECLAIM_CLI_BUNDLE: bundled ? 'on' : 'off',
        },
      });
    },
  };
}

export const benchmark: Benchmark = {
  name: 'cli',
  description: 'starting a reclaim command: its sources bundled against through tsx',
  async setup(options) {
    if (!(await cliBundle())) throw new Error('the command bundle could not be built');
    const dir = await mkdtemp(join(tmpdir(), 'reclaim-bench-cli-'));
    await run(process.execPath, [bin, 'migrate', '--data', dir]);
    const pair = (title: string, description: string, args: string[]): Comparison => ({
      title,
      description,
      baseline: command('sources through tsx (RECLAIM_CLI_BUNDLE=off)', args, false),
      cases: [command('the sources’ esbuild bundle', args, true)],
      repetitions: options.repetitions,
    });
    return {
      comparisons: [
        pair(
          '`reclaim config`: a command without a database',
          'A new process per repetition: Node starts, loads the command’s modules, prints the settings and exits.',
          ['config'],
        ),
        ...(options.modes.includes('embedded')
          ? [
              pair(
                '`reclaim migrate` over a migrated data directory, embedded',
                'A new process per repetition: as above, then PGlite opens the directory with PostGIS (the slim bundle), finds every migration applied and exits.',
                ['migrate', '--data', dir],
              ),
            ]
          : []),
      ],
      teardown: () => rm(dir, { recursive: true, force: true }),
    };
  },
};
