// The tile cache in the service, in both storage modes: a tile is computed once per view, and
// every change to the register — through Reclaim, by a bare statement, or (server) by another
// connection — is seen by the next tile, and a change out of a tile's reach leaves it cached.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { publicActor, systemActor } from '../../identity/domain/actor.ts';
import type { Db } from '../../platform/db/db.ts';
import { asSystem } from '../../identity/scoped-db.ts';
import { square as squareAt } from '../../../test/support/shapes.ts';
import { decodeTile, tileContaining } from '../../../test/support/mvt.ts';
import { anotherConnection, describeEachMode } from '../../../test/support/test-db.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';

const place: [number, number] = [117.45, 34.4];
const address = tileContaining(place[0], place[1], 14);

/** A 0.002° square `dx` degrees east of `place`. */
const square = (dx: number) => squareAt(place[0] + dx, place[1]);

const system = systemActor('test');
const record = (name: string, dx: number) => ({
  divisionCode: '320305',
  projectName: name,
  projectClass: 'transport',
  useType: 'material_yard',
  approvalDate: '2026-03-02',
  termEnd: '2028-03-01',
  disclosurePublishedOn: '2026-03-05',
  geometry: square(dx),
});

describeEachMode('vector tile cache', (db, mode) => {
  let t: TestApp;
  const tiles = () => t.services.tiles;
  const names = async (actor = publicActor) =>
    decodeTile((await tiles().tile(actor, address)).bytes)
      .features.map((f) => f.properties.projectName)
      .sort();
  /** The names once they equal `expected`: a change made elsewhere arrives as a notification. */
  const eventually = async (expected: string[]) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const seen = await names();
      if (JSON.stringify(seen) === JSON.stringify(expected) || Date.now() > deadline) return seen;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    t = await createTestApp(db(), { RECLAIM_TILE_CACHE_MB: '8' });
    await t.services.register.create(system, record('甲 项目', 0), 'seed');
  }, 120_000);
  afterAll(() => t.close());

  it('computes a tile once per view and answers again from memory', async () => {
    const before = tiles().cacheStats();
    const first = await tiles().tile(publicActor, address);
    const second = await tiles().tile(publicActor, address);
    expect(second.bytes).toEqual(first.bytes);
    const after = tiles().cacheStats();
    expect(after.misses - before.misses).toBe(1);
    expect(after.hits - before.hits).toBe(1);
    // A county user's view is another entry, computed for them.
    const clerk = {
      ...system,
      kind: 'user' as const,
      role: 'county' as const,
      divisionCode: '320305',
    };
    await tiles().tile(clerk, address);
    expect(tiles().cacheStats().misses - after.misses).toBe(1);
  });

  it('shows a parcel registered through Reclaim on the very next tile', async () => {
    expect(await names()).toEqual(['甲 项目']);
    await t.services.register.create(system, record('乙 项目', 0.003), 'seed');
    expect(await names()).toEqual(['乙 项目', '甲 项目']);
  });

  it('sees a bare UPDATE of the register, and no change when it rolls back', async () => {
    await names(); // cached
    const generation = tiles().cacheStats().generation;
    await asSystem(
      db(),
      system,
      async (tx) => {
        await tx.query(
          `UPDATE temporary_land SET project_name = '丙 回滚' WHERE project_name = '乙 项目'`,
        );
        throw new Error('roll back');
      },
      'rolled back',
    ).catch(() => undefined);
    expect(await names()).toEqual(['乙 项目', '甲 项目']);
    expect(tiles().cacheStats().generation).toBe(generation); // nothing committed, nothing sent
    await asSystem(
      db(),
      system,
      (tx) =>
        tx.query(
          `UPDATE temporary_land SET project_name = '丙 项目' WHERE project_name = '乙 项目'`,
        ),
      'rename',
    );
    expect(await names()).toEqual(['丙 项目', '甲 项目']);
  });

  it('keeps a tile when a change is out of its reach, and hears nothing of a statement that changed no parcel', async () => {
    const expected = await names(); // cached
    const before = tiles().cacheStats();
    // 0.05° east: three z14 tiles away.
    await t.services.register.create(system, record('远处 项目', 0.05), 'seed elsewhere');
    expect(tiles().cacheStats().generation).toBe(before.generation + 1); // heard,
    expect(await names()).toEqual(expected); // but the tile here stays cached
    const after = tiles().cacheStats();
    expect(after.misses - before.misses).toBe(0);
    expect(after.hits - before.hits).toBe(1);
    expect(after.dropped).toBe(before.dropped);
    await asSystem(
      db(),
      system,
      (tx) => tx.query(`UPDATE temporary_land SET project_name = 'x' WHERE false`),
      'no rows',
    );
    expect(tiles().cacheStats().generation).toBe(after.generation);
  });

  if (mode === 'server') {
    it('sees a change committed by another connection (another server, reclaim import)', async () => {
      expect(await names()).toEqual(['丙 项目', '甲 项目']);
      const other: Db = await anotherConnection(db());
      try {
        await asSystem(
          other,
          system,
          (tx) =>
            tx.query(
              `UPDATE temporary_land SET project_name = '丁 项目' WHERE project_name = '丙 项目'`,
            ),
          'renamed elsewhere',
        );
      } finally {
        await other.close();
      }
      expect(await eventually(['丁 项目', '甲 项目'])).toEqual(['丁 项目', '甲 项目']);
    });
  }
});
