// `reclaim serve --demo` on a free port against a fresh test database of the given storage
// mode, for the end-to-end tests: resolves with the URL it prints; `stop` ends the server and
// drops the database.
import type { StorageMode } from '../../src/platform/db/db.ts';
import { startReclaim } from '../support/reclaim-process.ts';
import { openTestTarget } from '../support/test-db.ts';

export interface DemoServer {
  base: string;
  stop(): Promise<void>;
}

export async function startDemoServer(
  mode: StorageMode,
  env: Record<string, string> = {},
): Promise<DemoServer> {
  const target = await openTestTarget(mode);
  let server: ReturnType<typeof startReclaim> | undefined;
  const stop = async () => {
    server?.child.kill('SIGTERM');
    await server?.done;
    await target.cleanup();
  };
  try {
    const base = await new Promise<string>((resolve, reject) => {
      server = startReclaim(['serve', '--demo', '--port', '0', ...target.args], {
        ...target.env,
        RECLAIM_LOG_LEVEL: 'warn',
        RECLAIM_EVALUATION_TIME: 'off',
        ...env,
      });
      let out = '';
      server.child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const url = /Reclaim is running at (http:\/\/\S+)/.exec(out)?.[1];
        if (url) resolve(url.replace(/\/$/, ''));
      });
      void server.done.then((run) =>
        reject(new Error(`reclaim serve ended: ${run.stderr.slice(-2000)}`)),
      );
    });
    return { base, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
