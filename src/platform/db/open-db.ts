// Chooses the storage mode from configuration: DATABASE_URL → server, otherwise embedded.
import type { Config } from '../config/config.ts';
import type { Db } from './db.ts';
import { openPg } from './pg-driver.ts';
import { openPglite } from './pglite-driver.ts';

export async function openDb(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'dbPoolMax' | 'dbPoolIdleS'>,
): Promise<Db> {
  if (config.databaseUrl)
    return openPg({
      url: config.databaseUrl,
      poolMax: config.dbPoolMax,
      poolIdleS: config.dbPoolIdleS,
    });
  return openPglite({ dataDir: config.dataDir });
}
