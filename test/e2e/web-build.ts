// Builds the web application for the end-to-end tests when web/dist is missing or older than
// its sources, the way `npm run build:web` does (a few seconds).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(import.meta.dirname, '../..');
const web = join(repo, 'web');

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function ensureWebBuilt(): void {
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
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
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
