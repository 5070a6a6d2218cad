// `reclaim serve --demo` on a free port for the end-to-end tests, on a test target of either
// storage mode (no daily evaluation): resolves with its URL once it listens.
import { startReclaim } from '../support/reclaim-process.ts';
import type { openTestTarget } from '../support/test-db.ts';

export interface DemoServer {
  base: string;
  server: ReturnType<typeof startReclaim>;
}

export function startDemoServer(
  target: Awaited<ReturnType<typeof openTestTarget>>,
): Promise<DemoServer> {
  return new Promise<DemoServer>((resolve, reject) => {
    const server = startReclaim(['serve', '--demo', '--port', '0', ...target.args], {
      ...target.env,
      RECLAIM_LOG_LEVEL: 'warn',
      RECLAIM_EVALUATION_TIME: 'off',
    });
    let out = '';
    server.child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /Reclaim is running at (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ base: url.replace(/\/$/, ''), server });
    });
    void server.done.then((run) =>
      reject(new Error(`reclaim serve ended: ${run.stderr.slice(-2000)}`)),
    );
  });
}
