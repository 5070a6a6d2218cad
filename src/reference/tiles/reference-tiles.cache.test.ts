// The reference layers' tile cache, in both storage modes: a tile is computed once per view
// and generation of the layer; a batch imported or superseded — through a bare statement, or
// (server) by another connection — is seen by the very next tile; another division's view is
// its own entry and shows nothing of the first.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../identity/domain/actor.ts';
import { asSystem } from '../../identity/scoped-db.ts';
import type { Db } from '../../platform/db/db.ts';
import { square as squareAt } from '../../../test/support/shapes.ts';
import { clerkOf } from '../../../test/support/actors.ts';
import { decodeTile, tileContaining } from '../../../test/support/mvt.ts';
import { anotherConnection, describeEachMode } from '../../../test/support/test-db.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { insertBatch, insertFeatures } from '../layers/layers.store.ts';

const place: [number, number] = [117.45, 34.4];
const address = tileContaining(place[0], place[1], 14);
const system = systemActor('test');
const jiawang = clerkOf('320305');

/** A current land-class batch in Jiawang with one square `dx` degrees east of `place`, superseding the others. */
async function importBatch(db: Db, surveyCode: string, dx: number): Promise<void> {
  await asSystem(
    db,
    system,
    async (tx) => {
      await tx.query(
        `UPDATE reference_layer_batch SET status = 'superseded' WHERE layer = 'land_class' AND status = 'current'`,
      );
      const batch = await insertBatch(tx, {
        layer: 'land_class',
        divisionCode: '320305',
        surveyYear: 2024,
        source: surveyCode,
      });
      await insertFeatures(tx, 'land_class', batch, [
        {
          divisionCode: '320305',
          surveyCode,
          landClassCode: '0101',
          geometry: squareAt(place[0] + dx, place[1]),
        },
      ]);
    },
    'reference batch',
  );
}

describeEachMode('reference tile cache', (db, mode) => {
  let t: TestApp;
  const service = () => t.services.referenceTiles;
  const codes = async (actor = jiawang) =>
    decodeTile((await service().tile(actor, 'land_class', address)).bytes)
      .features.map((f) => f.properties.surveyCode)
      .sort();

  beforeAll(async () => {
    t = await createTestApp(db(), { RECLAIM_TILE_CACHE_MB: '8' });
    await importBatch(db(), 'LC-1', 0);
  }, 120_000);
  afterAll(() => t.close());

  it('computes a tile once per view and answers again from memory', async () => {
    const before = service().cacheStats();
    const first = await service().tile(jiawang, 'land_class', address);
    const second = await service().tile(jiawang, 'land_class', address);
    expect(decodeTile(first.bytes).features.length).toBe(1);
    expect(second.bytes).toEqual(first.bytes);
    const after = service().cacheStats();
    expect(after.misses - before.misses).toBe(1);
    expect(after.hits - before.hits).toBe(1);
    // Tongshan's view is its own entry, and holds nothing of Jiawang's survey.
    expect(await codes(clerkOf('320312'))).toEqual([]);
    expect(service().cacheStats().misses - after.misses).toBe(1);
  });

  it('shows a new batch on the very next tile, and never the superseded one', async () => {
    expect(await codes()).toEqual(['LC-1']);
    await importBatch(db(), 'LC-2', 0.0005);
    expect(await codes()).toEqual(['LC-2']);
    // The new generation is cached in its turn.
    const before = service().cacheStats();
    expect(await codes()).toEqual(['LC-2']);
    expect(service().cacheStats().hits - before.hits).toBe(1);
  });

  it('sees features added to a current batch and a batch superseded without a successor', async () => {
    await asSystem(
      db(),
      system,
      async (tx) => {
        const [batch] = await tx.query<{ id: string }>(
          `SELECT id FROM reference_layer_batch WHERE layer = 'land_class' AND status = 'current'`,
        );
        await insertFeatures(tx, 'land_class', batch!.id, [
          {
            divisionCode: '320305',
            surveyCode: 'LC-2b',
            landClassCode: '0103',
            geometry: squareAt(place[0] - 0.003, place[1]),
          },
        ]);
      },
      'more features',
    );
    expect(await codes()).toEqual(['LC-2', 'LC-2b']);
    await asSystem(
      db(),
      system,
      (tx) =>
        tx.query(
          `UPDATE reference_layer_batch SET status = 'superseded' WHERE layer = 'land_class'`,
        ),
      'withdrawn',
    );
    expect(await codes()).toEqual([]);
  });

  if (mode === 'server') {
    it('sees a batch imported by another connection (another server, reclaim import)', async () => {
      expect(await codes()).toEqual([]);
      const other = await anotherConnection(db());
      try {
        await importBatch(other, 'LC-3', 0);
      } finally {
        await other.close();
      }
      expect(await codes()).toEqual(['LC-3']);
    });
  }
});
