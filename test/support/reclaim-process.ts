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
