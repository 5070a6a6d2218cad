// The warm-up opens the connections a first visitor's map would need and the pool keeps them
// for RECLAIM_DB_POOL_IDLE_S (server); on PGlite's one connection the same statements queue.
import { describe, expect, it } from 'vitest';
import { openPg } from '../platform/db/pg-driver.ts';
import { openTestDb, openTestTarget } from '../../test/support/test-db.ts';
import { testModes } from '../../test/support/modes.ts';
import { warmUpDatabase } from './warm-up.ts';

const clientBackends = `SELECT count(*)::int AS n FROM pg_stat_activity
  WHERE datname = current_database() AND backend_type = 'client backend'`;

describe('database warm-up', () => {
  if (testModes().includes('server')) {
    it('opens and warms several server connections, kept for the idle time', async () => {
      const target = await openTestTarget('server');
      const db = await openPg({ url: target.env.DATABASE_URL!, poolMax: 10, poolIdleS: 2 });
      try {
        // Opening the pool leaves one connection; the warm-up asks for four at once.
        await warmUpDatabase(db, 4);
        const [warm] = await db.query<{ n: number }>(clientBackends);
        expect(warm!.n).toBe(4);
        // Past the idle time the pool lets the unused ones go.
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        const [later] = await db.query<{ n: number }>(clientBackends);
        expect(later!.n).toBe(1);
      } finally {
        await db.close();
        await target.cleanup();
      }
    });
  }

  if (testModes().includes('embedded')) {
    it('runs on the embedded database, its statements one after another', async () => {
      const db = await openTestDb('embedded');
      try {
        await expect(warmUpDatabase(db, 4)).resolves.toBeUndefined();
        const [row] = await db.query<{ ok: boolean }>(
          `SELECT ST_Transform(ST_SetSRID(ST_MakePoint(117.4, 34.4), 4490), 3857) IS NOT NULL AS ok`,
        );
        expect(row!.ok).toBe(true);
      } finally {
        await db.close();
      }
    });
  }
});
