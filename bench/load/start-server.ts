// Starts Reclaim in a child process on 127.0.0.1 and an ephemeral port, so the load generator
// (this process) and the server each have their own event loop, as in production.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { requireLoopback } from './drive.ts';

export interface ServerUnderLoad {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** postgres://… of the database to serve. */
  databaseUrl: string;
  /** Extra settings (RECLAIM_DB_POOL_MAX, RECLAIM_LOG_LEVEL…). */
  env?: Record<string, string>;
  /** Write a V8 CPU profile of the server to this folder when it stops. */
  cpuProfDir?: string;
}

export async function startServer(options: StartOptions): Promise<ServerUnderLoad> {
  const child = fork(join(import.meta.dirname, 'server-process.ts'), [], {
    execArgv: [
      '--import',
      'tsx',
      ...(options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir] : []),
    ],
    env: {
      ...process.env,
      RECLAIM_LOG_LEVEL: 'warn',
      ...options.env,
      DATABASE_URL: options.databaseUrl,
      RECLAIM_HOST: '127.0.0.1',
      RECLAIM_PORT: '0',
      RECLAIM_EVALUATION_TIME: 'off',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} on start`)));
  });
  requireLoopback(url);
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
