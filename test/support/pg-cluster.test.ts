// A test run killed before it stopped its PostgreSQL cluster leaves the cluster running; the
// next start reaps it. Here a child process starts a cluster and is killed with SIGKILL.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { expect, it } from 'vitest';
import { clusterAvailable, reapOrphanClusters } from './pg-cluster.ts';

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

it.runIf(clusterAvailable().ok)(
  'stops and removes the cluster of a run that was killed, and leaves live ones alone',
  async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('./test/support/pg-cluster.ts').then(async (m) => {
           const c = await m.startCluster();
           console.log(JSON.stringify({ url: c.adminUrl, dir: c.dir }));
           setInterval(() => undefined, 1000);
         });`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`the child exited (${code})`)));
    });
    const { url, dir } = JSON.parse(line) as { url: string; dir: string };
    expect(await canConnect(url)).toBe(true);
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGKILL');
    });
    // Killed: its cluster still runs, with nobody to stop it.
    expect(await canConnect(url)).toBe(true);
    expect(reapOrphanClusters()).toContain(dir);
    expect(existsSync(dir)).toBe(false);
    expect(await canConnect(url)).toBe(false);
    // The test run's own cluster (global set-up, this process's parent) is alive: kept.
    expect(reapOrphanClusters()).not.toContain(dir);
  },
  60_000,
);
