// One process at a time may open an embedded data directory: PGlite is single-process, and
// two writers would corrupt it. The lock file holds the owner's pid; a stale lock (its
// process gone) is taken over.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.ts';

const lockName = 'reclaim.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock; returns a function that releases it. */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, lockName);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) {
        throw new AppError('conflict', {
          code: 'DATA_DIR_IN_USE',
          messageZh: `数据目录 ${dataDir} 正被进程 ${owner} 使用（可能是正在运行的 reclaim serve）；请先停止它，或通过接口操作`,
          messageEn: `the data directory ${dataDir} is in use by process ${owner} (a running reclaim serve?); stop it first or use the API`,
        });
      }
      rmSync(path, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not lock ${path}`);
}
