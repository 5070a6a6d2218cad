// Builds the web application for the end-to-end tests when web/dist is missing or older than
// its sources, the way `npm run build:web` does (a few seconds).
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(import.meta.dirname, '../..');
const web = join(repo, 'web');

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Whether web/dist is there and newer than every source it is built from. */
function builtAndFresh(): boolean {
  const index = join(web, 'dist', 'index.html');
  const sources = Math.max(
    newest(join(web, 'src')),
    newest(join(web, 'index.html')),
    newest(join(web, 'vite.config.ts')),
    newest(join(repo, 'src', 'register', 'domain')),
    // The supervisor's screens take their names and colours from the supervision domain.
    newest(join(repo, 'src', 'supervision')),
    // The reclamation screens name departments and ledger entries from the reclamation domain.
    newest(join(repo, 'src', 'reclamation', 'domain')),
    // The restoration screens take their terms and progress arithmetic from its domain.
    newest(join(repo, 'src', 'restoration', 'domain')),
  );
  return existsSync(index) && statSync(index).mtimeMs >= sources;
}

/** Where a worker building web/dist says so: the other test worker waits for it. */
const lockPath = join(web, '.build.lock');
const lockWaitMs = 180_000;

/**
 * Runs `build` holding the build lock. Two test workers start e2e files at the same time;
 * without the lock both built into web/dist at once and one found it emptied under it.
 */
function withBuildLock(build: () => void): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + lockWaitMs;
  for (;;) {
    try {
      closeSync(openSync(lockPath, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = statSync(lockPath, { throwIfNoEntry: false });
      // A lock older than any build is left by a killed run.
      if (held && Date.now() - held.mtimeMs > lockWaitMs) rmSync(lockPath, { force: true });
      else if (Date.now() > deadline)
        throw new Error(`web build: ${lockPath} held for over ${lockWaitMs / 1000} s`);
      else Atomics.wait(pause, 0, 0, 200);
    }
  }
  try {
    build();
  } finally {
    rmSync(lockPath, { force: true });
  }
}

export function ensureWebBuilt(): void {
  if (builtAndFresh()) return;
  withBuildLock(() => {
    // The other worker may have built it while this one waited.
    if (!builtAndFresh()) buildWeb();
  });
}

function buildWeb(): void {
  execFileSync(
    process.execPath,
    [join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(web, 'vite.config.ts')],
    {
      cwd: repo,
      // Vitest sets NODE_ENV=test, which Vite would pass on to React: a development build,
      // slower, with StrictMode's doubled effects. The tests drive what `npm start` serves.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
}
