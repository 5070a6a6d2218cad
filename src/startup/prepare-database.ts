// Everything a database needs before Reclaim serves from it: migrations, then reference data.
// Idempotent and cheap when nothing changed, so `serve` runs it on every start.
import type { Db } from '../platform/db/db.ts';
import { loadMigrations, migrate } from '../platform/db/migrate.ts';
import type { Progress } from '../platform/progress.ts';
import { seedReferenceData } from '../reference/reference-seed.ts';

export interface PrepareOutcome {
  migrations: string[];
  referenceData: string[];
}

export async function prepareDatabase(db: Db, progress?: Progress): Promise<PrepareOutcome> {
  const migrations = await migrate(db, await loadMigrations(), progress);
  const referenceData = await seedReferenceData(db, progress);
  return { migrations, referenceData };
}
