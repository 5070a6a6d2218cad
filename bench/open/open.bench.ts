// Opening an embedded database, as every `reclaim` command over a data directory, `npm start`
// and every embedded test does: PGlite starts, loads PostGIS, and answers a first PostGIS call.
// Baseline: PGlite with pglite-postgis's bundle as the package ships it (PostGIS, raster and
// topology, every upgrade script). Against it, in the same run: Reclaim's driver, which loads
// the slim copy of that bundle (src/platform/db/postgis-bundle.ts). Both open the same data
// directory, migrated once before.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { openPglite } from '../../src/platform/db/pglite-driver.ts';
import { loadMigrations, migrate } from '../../src/platform/db/migrate.ts';
import type { Benchmark, Case } from '../harness/bench.ts';

/** The first PostGIS call a process makes (the server's warm-up asks the same). */
const firstCall = `SELECT ST_AsBinary(ST_Transform(ST_SetSRID(ST_MakePoint(117.4, 34.4), 4490), 3857))`;

export const benchmark: Benchmark = {
  name: 'open',
  description: 'opening an embedded database with PostGIS',
  async setup(options) {
    const dir = await mkdtemp(join(tmpdir(), 'reclaim-bench-open-'));
    const db = await openPglite({ dataDir: dir });
    await migrate(db, await loadMigrations());
    await db.close();
    const baseline: Case = {
      name: 'PGlite with the package’s PostGIS bundle, then a first PostGIS call',
      run: async () => {
        const pg = await PGlite.create({ dataDir: join(dir, 'pgdata'), extensions: { postgis } });
        await pg.query(firstCall);
        await pg.close();
      },
    };
    const cases: Case[] = [
      {
        name: 'Reclaim’s driver (slim PostGIS bundle), then a first PostGIS call',
        run: async () => {
          const opened = await openPglite({ dataDir: dir });
          await opened.query(firstCall);
          await opened.close();
        },
      },
    ];
    return {
      comparisons: options.modes.includes('embedded')
        ? [
            {
              title: 'opening an embedded data directory, embedded',
              description:
                'A migrated, empty data directory; each repetition a new PGlite instance in this process (a new process adds about 2.3 s of Node and tsx start).',
              baseline,
              cases,
              repetitions: options.repetitions,
            },
          ]
        : [],
      teardown: () => rm(dir, { recursive: true, force: true }),
    };
  },
};
