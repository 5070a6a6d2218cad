// The `reclaim` command as a separate process, as a user runs it: real stdin/stdout/stderr,
// exit codes and signals.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

export const reclaimBin = join(import.meta.dirname, '../../bin/reclaim.js');

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Commands still running: a test that timed out leaves its command holding the data directory. */
const running = new Set<ChildProcessWithoutNullStreams>();

/**
 * Kills every command a test started and that has not ended (call it in `afterEach`), so a test
 * that timed out does not leave its command holding the data directory for the next ones
 * (which would then fail with DATA_DIR_IN_USE instead of on their own merits).
 */
export function killStragglers(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** Starts `reclaim ARGS`; `watch` sees each chunk of stderr as it arrives. */
export function startReclaim(
  args: string[],
  env: Record<string, string>,
  options: {
    stdin?: string;
    watch?: (stderr: string, child: ChildProcessWithoutNullStreams) => void;
  } = {},
): { child: ChildProcessWithoutNullStreams; done: Promise<Run> } {
  const child = spawn(process.execPath, [reclaimBin, ...args], {
    env: { ...process.env, RECLAIM_LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  child.on('exit', () => running.delete(child));
  let stdout = '';
  let stderr = '';
  const done = new Promise<Run>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      options.watch?.(stderr, child);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  child.stdin.end(options.stdin ?? '');
  return { child, done };
}

/** Runs `reclaim ARGS` to its end. */
export function reclaim(args: string[], env: Record<string, string>, stdin = ''): Promise<Run> {
  return startReclaim(args, env, { stdin }).done;
}
