// Pays the one-time costs of a new database process before the first visitor does: loading
// PostGIS and initialising PROJ's coordinate-system database. In embedded mode (PGlite) the
// first PostGIS call of a process takes about 1.5 s and the first ST_Transform about 3.5 s
// on the reference machine; without this the first map tiles after a start carry them.
import type { Db } from '../platform/db/db.ts';

// On a server, each pooled connection is a backend of its own that pays the same on its first
// use: `connections` of them are opened and warmed at once, as many as the map's first view
// asks tiles at once (a browser sends up to six requests to one host), and the pool keeps them
// (RECLAIM_DB_POOL_IDLE_S). PGlite has one connection: the same statements run one by one.

/** Loads PostGIS and PROJ in `connections` connections (opened at once on a server). */
export async function warmUpDatabase(db: Db, connections = 1): Promise<void> {
  await Promise.all(
    Array.from({ length: connections }, () =>
      db.query(
        `SELECT ST_AsBinary(ST_Transform(ST_SetSRID(ST_MakePoint(117.4, 34.4), 4490), 3857))`,
      ),
    ),
  );
}
