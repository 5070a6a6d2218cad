// Pays the one-time costs of a new database process before the first visitor does: loading
// PostGIS and initialising PROJ's coordinate-system database. In embedded mode (PGlite) the
// first PostGIS call of a process takes about 1.5 s and the first ST_Transform about 3.5 s
// on the reference machine; without this the first map tiles after a start carry them.
import type { Db } from '../platform/db/db.ts';

export async function warmUpDatabase(db: Db): Promise<void> {
  await db.query(
    `SELECT ST_AsBinary(ST_Transform(ST_SetSRID(ST_MakePoint(117.4, 34.4), 4490), 3857))`,
  );
}
