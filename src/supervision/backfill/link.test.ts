// Linking a back-fill polygon to the register on a register of some thousands of records:
// the same land (shared area at least half the smaller) is linked, a sliver is only noted,
// written-off records and other counties are ignored, and under row-level security the
// candidates come through the index, not a pass over the whole table.
import { beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { jiawangClerk as clerk } from '../../../test/support/actors.ts';
import { nodesOf } from '../../../test/support/query-plan.ts';
import { square } from '../../../test/support/shapes.ts';
import { systemActor } from '../../identity/domain/actor.ts';
import { asSystem, inScope } from '../../identity/scoped-db.ts';
import { nationalSettings } from '../../register/domain/settings.ts';
import { overlapQuery } from './polygons.store.ts';
import { linkFacts } from './link.ts';

describeEachMode('back-fill linking', (db) => {
  beforeAll(async () => {
    // 4,000 squares of 0.004° on a 0.005° grid over Jiawang; one written off, one in Tongshan.
    await asSystem(
      db(),
      systemActor('test'),
      async (tx) => {
        await tx.query(
          `INSERT INTO temporary_land (division_code, province_code, state, project_name, project_class, use_type, term_end, geom)
           SELECT CASE WHEN i = 2 THEN '320312' ELSE '320305' END, '32',
                  CASE WHEN i = 1 THEN 'written_off' ELSE 'in_use' END, 'bulk ' || i, 'transport', 'material_yard',
                  DATE '2022-06-30',
                  ST_Multi(ST_MakeEnvelope(117.2 + (i % 80) * 0.005, 34.2 + (i / 80) * 0.005,
                                           117.204 + (i % 80) * 0.005, 34.204 + (i / 80) * 0.005, 4490))
           FROM generate_series(0, 3999) AS i`,
        );
      },
      'link test data',
    );
    await db().exec('ANALYZE temporary_land');
  }, 120_000);

  const link = (lng: number, lat: number, size: number) =>
    inScope(db(), clerk, (tx) => linkFacts(tx, square(lng, lat, size), '320305', nationalSettings));

  it('links the same land drawn by another hand, and only notes a sliver', async () => {
    // Square 0 (117.2, 34.2, 0.004), redrawn 0.0002° off: about 90 % shared.
    const same = await link(117.2002, 34.2002, 0.004);
    expect(same.linked).toMatchObject({ state: 'in_use', termEnd: '2022-06-30' });
    expect(same.linked!.share).toBeGreaterThan(0.85);
    // A polygon over the corner of square 0 and its neighbours: each under half.
    const corner = await link(117.2035, 34.2035, 0.002);
    expect(corner.linked).toBeNull();
    expect(corner.partial.length).toBeGreaterThan(0);
    expect(corner.partial.every((p) => p.share < 0.5)).toBe(true);
  });

  it('ignores written-off records and those of another county', async () => {
    expect((await link(117.205, 34.2, 0.004)).linked).toBeNull(); // i = 1, written off
    expect((await link(117.21, 34.2, 0.004)).linked).toBeNull(); // i = 2, Tongshan
    expect((await link(117.215, 34.2, 0.004)).linked).not.toBeNull(); // i = 3
  });

  it('reads the candidates through the index under row-level security', async () => {
    const { sql, params } = overlapQuery(square(117.301, 34.301, 0.004), '320305%');
    const plan = await inScope(db(), clerk, (tx) =>
      tx.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, params),
    );
    const scans = nodesOf(plan[0]?.['QUERY PLAN']).filter(
      (n) => n['Relation Name'] === 'temporary_land',
    );
    expect(scans).toHaveLength(1);
    // One scan: primary-key look-ups of the candidates, not a pass over every row.
    expect(scans[0]!['Index Name']).toBe('temporary_land_pkey');
    expect(String(scans[0]!['Index Cond'])).toContain('reclaim_temporary_land_in_box');
  });
});
