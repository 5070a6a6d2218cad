// The overlay of one parcel on a county's layers and register of some thousands of polygons:
// under row-level security every candidate comes through the GiST index (the candidate
// functions of migrations 0008 and 0013) and is read by key, never by a pass over a whole table
// or partition; and the caller's overlay equals the owner's.
import { beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../test/support/test-db.ts';
import { jiawangClerk as clerk } from '../../test/support/actors.ts';
import { nodesOf } from '../../test/support/query-plan.ts';
import { square } from '../../test/support/shapes.ts';
import { systemActor } from '../identity/domain/actor.ts';
import { asSystem, inScope } from '../identity/scoped-db.ts';
import type { Queryable } from '../platform/db/db.ts';
import { overlayFacts } from './overlay.store.ts';

/** 3,600 squares of 0.004° on a 0.005° grid over Jiawang, south-west corner first. */
const grid = (extra: string) => `
  SELECT ${extra}, ST_Multi(ST_MakeEnvelope(117.2 + (i % 60) * 0.005, 34.2 + (i / 60) * 0.005,
                                       117.204 + (i % 60) * 0.005, 34.204 + (i / 60) * 0.005, 4490)) AS geom
  FROM generate_series(0, 3599) AS i`;

const layerTables = ['land_class_parcel', 'farmland_parcel', 'temporary_land'] as const;

describeEachMode('overlay query plans', (db) => {
  beforeAll(async () => {
    await asSystem(
      db(),
      systemActor('test'),
      async (tx) => {
        const [landClass] = await tx.query<{ id: string }>(
          `INSERT INTO reference_layer_batch (layer, division_code, survey_year, source)
           VALUES ('land_class', '320305', 2024, 'plan test') RETURNING id`,
        );
        const [farmland] = await tx.query<{ id: string }>(
          `INSERT INTO reference_layer_batch (layer, division_code, survey_year, source)
           VALUES ('farmland', '320305', 2024, 'plan test') RETURNING id`,
        );
        await tx.query(
          `INSERT INTO land_class_parcel (batch_id, province_code, division_code, land_class_code, area_m2, geom)
           SELECT $1::uuid, '32', '320305', CASE WHEN i % 2 = 0 THEN '0103' ELSE '0301' END, 0, geom
           FROM (${grid('i')}) g`,
          [landClass!.id],
        );
        await tx.query(
          `INSERT INTO farmland_parcel (batch_id, province_code, division_code, area_m2, geom)
           SELECT $1::uuid, '32', '320305', 0, geom FROM (${grid('i')}) g WHERE i % 3 = 2`,
          [farmland!.id],
        );
        await tx.query(
          `INSERT INTO temporary_land (division_code, province_code, project_name, project_class, use_type, geom)
           SELECT '320305', '32', 'bulk ' || i, 'transport', 'material_yard', geom
           FROM (${grid('i')}) g`,
        );
      },
      'plan test data',
    );
    for (const table of layerTables) await db().exec(`ANALYZE ${table}`);
  }, 120_000);

  // Across the corner where four grid squares meet.
  const parcel = square(117.3035, 34.3035, 0.003);

  it('reads every layer and the register by key from the candidates, never whole', async () => {
    // The statements the overlay runs, as it runs them; each then explained as the caller.
    const issued: { sql: string; params: readonly unknown[] }[] = [];
    await inScope(db(), clerk, (tx) => {
      const recording: Queryable = {
        query: (sql, params = []) => {
          issued.push({ sql, params });
          return tx.query(sql, params);
        },
        exec: (sql) => tx.exec(sql),
      };
      return overlayFacts(recording, parcel, null);
    });
    expect(issued.length).toBeGreaterThan(0);
    let scanned = 0;
    for (const { sql, params } of issued) {
      const plan = await inScope(db(), clerk, (tx) =>
        tx.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, [...params]),
      );
      for (const node of nodesOf(plan[0]?.['QUERY PLAN'])) {
        const relation = typeof node['Relation Name'] === 'string' ? node['Relation Name'] : '';
        // The register, and the partitions holding the data (Jiangsu's); an empty partition may
        // well be read whole, at no cost.
        if (!layerTables.some((t) => relation === t || relation === `${t}_p32`)) continue;
        scanned += 1;
        expect(node['Node Type'], relation).not.toBe('Seq Scan');
      }
    }
    expect(scanned).toBeGreaterThan(0);
  });

  it('gives the caller (row-level security) the overlay the owner gets', async () => {
    const asCaller = await inScope(db(), clerk, (tx) => overlayFacts(tx, parcel, null));
    const asOwner = await asSystem(db(), systemActor('test'), (tx) =>
      overlayFacts(tx, parcel, null),
    );
    expect(asCaller).toEqual(asOwner);
    // It crosses four grid squares: two cultivated ones, both farmland, and two of forest;
    // and the register's four records drawn on the same squares.
    expect(asCaller.overlaps).toHaveLength(4);
    expect(asCaller.breakdown.farmlandM2).toBeGreaterThan(0);
    expect(asCaller.breakdown.forestM2).toBeGreaterThan(0);
    expect(asCaller.breakdown.cultivatedM2).toBe(0);
  });
});
