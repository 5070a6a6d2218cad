// Another checkout of Reclaim (`RECLAIM_BENCH_CROSSCHECK_OTHER=DIR`, with its own node_modules
// and the same migrations, e.g. main in a second worktree): its recompute, to measure or
// compare beside this one's on the same data. Undefined when the variable is not set.
import { basename, join, resolve } from 'node:path';
import type { Db } from '../../src/platform/db/db.ts';
import type { createEnforcementImportService } from '../../src/supervision/enforcement/enforcement-import.service.ts';

export type Recompute = ReturnType<typeof createEnforcementImportService>['recompute'];

export async function otherRecompute(): Promise<
  { recompute: (db: Db) => Recompute; name: string } | undefined
> {
  const dir = process.env.RECLAIM_BENCH_CROSSCHECK_OTHER;
  if (!dir) return undefined;
  const module = (await import(
    join(resolve(dir), 'src/supervision/enforcement/enforcement-import.service.ts')
  )) as { createEnforcementImportService: typeof createEnforcementImportService };
  return {
    recompute:
      (db) =>
      (...args) =>
        module.createEnforcementImportService(db).recompute(...args),
    name: process.env.RECLAIM_BENCH_CROSSCHECK_OTHER_NAME ?? basename(resolve(dir)),
  };
}
