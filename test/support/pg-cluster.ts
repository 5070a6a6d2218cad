// A throwaway PostgreSQL cluster on 127.0.0.1 for server-mode tests and benchmarks.
// Uses Debian's PostgreSQL 15 binaries; as root it runs them as the postgres user
// (initdb refuses root). fsync is off: the cluster lives only as long as the test run.
// A run killed before it could stop its cluster (SIGKILL, a timeout) leaves it running: each
// cluster records the process that started it, and the next start stops and removes every
// cluster whose process is gone.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const pgBinDir = process.env.RECLAIM_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface Cluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  adminUrl: string;
  /** The folder holding the data, the socket, the log and the owner's pid. */
  dir: string;
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

const clusterPrefix = 'reclaim-pg-';
/** The file in a cluster's folder naming the process that started it. */
const ownerFile = 'owner.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stops and removes the clusters of earlier runs whose starting process has died. */
export function reapOrphanClusters(): string[] {
  const reaped: string[] = [];
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(clusterPrefix)) continue;
    const dir = join(tmpdir(), name);
    let owner: number;
    try {
      owner = Number(readFileSync(join(dir, ownerFile), 'utf8').trim());
    } catch {
      continue; // not one of ours, or one still being made
    }
    if (!Number.isSafeInteger(owner) || owner <= 0 || alive(owner)) continue;
    try {
      if (existsSync(join(dir, 'data', 'postmaster.pid')))
        run('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Already stopped: only the folder is left.
    }
    rmSync(dir, { recursive: true, force: true });
    reaped.push(dir);
  }
  return reaped;
}

export async function startCluster(): Promise<Cluster> {
  reapOrphanClusters();
  const dir = mkdtempSync(join(tmpdir(), clusterPrefix));
  chmodSync(dir, 0o777);
  writeFileSync(join(dir, ownerFile), `${process.pid}\n`);
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
    dir,
    stop() {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
