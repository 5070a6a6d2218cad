// A throwaway PostgreSQL cluster on 127.0.0.1 for server-mode tests and benchmarks.
// Uses Debian's PostgreSQL 15 binaries; as root it runs them as the postgres user
// (initdb refuses root). fsync is off: the cluster lives only as long as the test run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const pgBinDir = process.env.RECLAIM_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface Cluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  adminUrl: string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const isRoot = () => process.getuid?.() === 0;

function run(bin: string, args: string[]): string {
  const command = isRoot() ? 'runuser' : join(pgBinDir, bin);
  const fullArgs = isRoot() ? ['-u', 'postgres', '--', join(pgBinDir, bin), ...args] : args;
  return execFileSync(command, fullArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function clusterAvailable(): { ok: true } | { ok: false; why: string } {
  if (!existsSync(join(pgBinDir, 'initdb'))) return { ok: false, why: `no initdb in ${pgBinDir}` };
  if (!existsSync('/usr/share/postgresql/15/extension/postgis.control')) {
    return { ok: false, why: 'PostGIS for PostgreSQL 15 is not installed' };
  }
  return { ok: true };
}

export async function startCluster(): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'reclaim-pg-'));
  chmodSync(dir, 0o777);
  const dataDir = join(dir, 'data');
  if (isRoot()) execFileSync('chown', ['postgres', dir]);
  run('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C.UTF-8',
  ]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-c listen_addresses=127.0.0.1`,
    `-c unix_socket_directories=${dir}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
    '-c shared_buffers=256MB',
  ].join(' ');
  run('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start']);
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
