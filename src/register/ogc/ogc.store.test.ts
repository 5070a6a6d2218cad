// The hot OGC query on a register of some thousands of records: under row-level security a
// small bbox is answered through the index (candidates from migration 0008's function, then
// primary-key look-ups), not by reading the whole table.
import { beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { jiawangClerk as clerk } from '../../../test/support/actors.ts';
import { nodesOf } from '../../../test/support/query-plan.ts';
import { systemActor } from '../../identity/domain/actor.ts';
import { asSystem, inScope } from '../../identity/scoped-db.ts';
import { itemsPage, pageQuery } from './ogc.store.ts';

describeEachMode('OGC items query plan', (db) => {
  beforeAll(async () => {
    // 4,000 squares of 0.004° on a 0.005° grid over Jiawang.
    await asSystem(
      db(),
      systemActor('test'),
      (tx) =>
        tx.query(
          `INSERT INTO temporary_land (division_code, province_code, project_name, project_class, use_type, geom)
           SELECT '320305', '32', 'bulk ' || i, 'transport', 'material_yard',
                  ST_Multi(ST_MakeEnvelope(117.2 + (i % 80) * 0.005, 34.2 + (i / 80) * 0.005,
                                           117.204 + (i % 80) * 0.005, 34.204 + (i / 80) * 0.005, 4490))
           FROM generate_series(0, 3999) AS i`,
        ),
      'plan test data',
    );
    await db().exec('ANALYZE temporary_land');
  }, 120_000);

  const filter = { scopeLike: '320305%', bbox: [117.301, 34.301, 117.309, 34.309] as const };
  const page = { latFirst: false, limit: 100, offset: 0 };

  it('reads candidates through the index for a small bbox, not the whole table', async () => {
    const { sql, params } = pageQuery('temporary-land', filter, page);
    const plan = await inScope(db(), clerk, (tx) =>
      tx.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, params),
    );
    const scans = nodesOf(plan[0]?.['QUERY PLAN']).filter(
      (n) => n['Relation Name'] === 'temporary_land',
    );
    // One scan of the table: primary-key look-ups of the candidates, not a pass over every row.
    expect(scans).toHaveLength(1);
    expect(scans[0]!['Index Name']).toBe('temporary_land_pkey');
    expect(String(scans[0]!['Index Cond'])).toContain('reclaim_temporary_land_in_box');
  });

  it('counts and pages the same matches', async () => {
    const result = await inScope(db(), clerk, (tx) =>
      itemsPage(tx, 'temporary-land', filter, page),
    );
    // Columns 20–21 and rows 20–21 of the grid reach into the box: 2 × 2 squares.
    expect(result.numberMatched).toBe(4);
    expect(result.rows).toHaveLength(4);
    const ids = result.rows.map((r) => String(r.id));
    expect(ids).toEqual([...ids].sort());
  });
});
