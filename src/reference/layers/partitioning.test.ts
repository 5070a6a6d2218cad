// The survey layers and the history are list-partitioned by province (migration 0012): two provinces' layers
// land in their own partitions, a query that names its province reads only that partition
// (pruning, seen in EXPLAIN), row-level security still decides what the app role sees, and the
// partitions themselves are closed to the app role.
import { beforeAll, describe, expect, it } from 'vitest';
import { testModes } from '../../../test/support/modes.ts';
import { describeEachMode, openServerDb } from '../../../test/support/test-db.ts';
import { type Actor, scopeLikePattern, systemActor } from '../../identity/domain/actor.ts';
import { versionsQuery } from '../../history/history.store.ts';
import { inScope } from '../../identity/scoped-db.ts';
import { loadConfig } from '../../platform/config/config.ts';
import type { Db, StorageMode } from '../../platform/db/db.ts';
import { loadMigrations, migrate } from '../../platform/db/migrate.ts';
import { openPglite } from '../../platform/db/pglite-driver.ts';
import { createServices, type Services } from '../../server/services.ts';

const system = systemActor('test');

/** A county's land-class layer: `n` squares of 0.001° in a row from (lng, lat). */
function layerFile(county: string, lng: number, lat: number, n: number) {
  const features = Array.from({ length: n }, (_, i) => {
    const x = lng + i * 0.0015;
    return {
      type: 'Feature',
      properties: { DLBM: i % 2 === 0 ? '0101' : '0602', TBBH: `${county}-${i}` },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x, lat],
            [x + 0.001, lat],
            [x + 0.001, lat + 0.001],
            [x, lat + 0.001],
            [x, lat],
          ],
        ],
      },
    };
  });
  return {
    name: `${county}.geojson`,
    bytes: new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features })),
  };
}

interface PlanNode {
  'Node Type'?: string;
  'Relation Name'?: string;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

/** Every table an EXPLAIN (FORMAT JSON) plan reads (with ANALYZE: only those executed). */
function relationsRead(plan: unknown, options: { executedOnly?: boolean } = {}): string[] {
  const out: string[] = [];
  const walk = (node: PlanNode) => {
    const executed = !options.executedOnly || (node['Actual Loops'] ?? 0) > 0;
    if (node['Relation Name'] && executed) out.push(node['Relation Name']);
    for (const child of node.Plans ?? []) walk(child);
  };
  const root = (plan as { Plan: PlanNode }[])[0]!.Plan;
  walk(root);
  return out;
}

describeEachMode('survey layers partitioned by province', (db) => {
  let services: Services;
  const clerkOf = (divisionCode: string): Actor => ({
    kind: 'user',
    userId: null,
    name: 'partition test',
    role: 'county',
    divisionCode,
    isAdmin: false,
  });

  beforeAll(async () => {
    services = createServices(db(), loadConfig({}));
    // Jiawang (Xuzhou, Jiangsu 32) and Zoucheng (Jining, Shandong 37): two provinces.
    for (const [county, lng, lat] of [
      ['320305', 117.45, 34.45],
      ['370883', 116.97, 35.4],
    ] as const) {
      await services.surveyLayers.import(system, [layerFile(county, lng, lat, 12)], {
        layer: 'land_class',
        divisionCode: county,
        surveyYear: 2025,
        source: 'partition test',
        reason: 'partition test',
      });
    }
  }, 180_000);

  it('stores each province in its own partition', async () => {
    const rows = await db().query<{ partition: string; n: number }>(
      `SELECT tableoid::regclass::text AS partition, count(*)::int AS n
       FROM land_class_parcel WHERE division_code IN ('320305', '370883')
       GROUP BY 1 ORDER BY 1`,
    );
    expect(rows).toEqual([
      { partition: 'land_class_parcel_p32', n: 12 },
      { partition: 'land_class_parcel_p37', n: 12 },
    ]);
  });

  it('reads only the named province’s partition (pruning in EXPLAIN)', async () => {
    const [plan] = await db().query<{ 'QUERY PLAN': unknown }>(
      `EXPLAIN (FORMAT JSON) SELECT count(*) FROM land_class_parcel WHERE province_code = '37'`,
    );
    const read = relationsRead(plan!['QUERY PLAN']);
    expect(read.length).toBeGreaterThan(0);
    expect(new Set(read)).toEqual(new Set(['land_class_parcel_p37']));

    // A province known only when the query runs (derived from a division code) is pruned at
    // execution: every other partition is never executed.
    const [analyzed] = await db().query<{ 'QUERY PLAN': unknown }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*) FROM land_class_parcel
       WHERE province_code = (SELECT left($1::text, 2))`,
      ['370883'],
    );
    expect(relationsRead(analyzed!['QUERY PLAN'], { executedOnly: true })).toEqual([
      'land_class_parcel_p37',
    ]);

    // Without a province every partition is a candidate.
    const [all] = await db().query<{ 'QUERY PLAN': unknown }>(
      `EXPLAIN (FORMAT JSON) SELECT count(*) FROM land_class_parcel`,
    );
    expect(new Set(relationsRead(all!['QUERY PLAN'])).size).toBe(32);
  });

  it('finds box candidates through the index and reads each from its own partition', async () => {
    // With a dozen rows the planner would rather hash-join whole partitions; at a province's
    // size it takes the nested loop, which this forces, to show each candidate read from one.
    const [plan] = await inScope(db(), clerkOf('370883'), async (tx) => {
      await tx.exec('SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off');
      return tx.query<{ 'QUERY PLAN': unknown }>(
        `EXPLAIN (ANALYZE, FORMAT JSON)
         SELECT c.land_class_code FROM reclaim_land_class_parcel_keys_in_box(116.97, 35.4, 116.975, 35.401) AS box
         JOIN land_class_parcel c ON c.province_code = box.province_code AND c.id = box.id`,
      );
    });
    const read = relationsRead(plan!['QUERY PLAN'], { executedOnly: true });
    expect(read.length).toBeGreaterThan(0);
    expect(new Set(read)).toEqual(new Set(['land_class_parcel_p37']));
  });

  it('keeps row-level security on the parent and closes the partitions to the app role', async () => {
    const seen = await inScope(db(), clerkOf('320305'), (tx) =>
      tx.query<{ division: string }>(
        `SELECT DISTINCT division_code AS division FROM land_class_parcel
         WHERE province_code IN ('32', '37')`,
      ),
    );
    expect(seen).toEqual([{ division: '320305' }]);
    await expect(
      inScope(db(), clerkOf('370883'), (tx) =>
        tx.query('SELECT count(*) FROM land_class_parcel_p37'),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it('keeps ids unique across provinces and the overlay working', async () => {
    const [ids] = await db().query<{ n: number; distinct: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT id)::int AS distinct FROM land_class_parcel',
    );
    expect(ids!.distinct).toBe(ids!.n);
    const record = await services.register.create(
      system,
      {
        divisionCode: '370883',
        projectName: '分区测试项目',
        projectClass: 'energy',
        useType: 'material_yard',
        approvalDate: '2026-03-02',
        termEnd: '2027-03-01',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [116.9705, 35.4002],
              [116.9725, 35.4002],
              [116.9725, 35.4008],
              [116.9705, 35.4008],
              [116.9705, 35.4002],
            ],
          ],
        },
      },
      'partition test',
    );
    // The parcel lies across squares 0 (0101, cultivated) and 1 (0602, mining) of the Shandong layer.
    const [row] = await db().query<{ b: Record<string, number> }>(
      'SELECT computed_breakdown AS b FROM temporary_land WHERE id = $1',
      [record.id],
    );
    expect(row!.b.cultivatedM2).toBeGreaterThan(0);
    expect(row!.b.constructionM2).toBeGreaterThan(0);

    // Its history lands in Shandong's partition of record_version, and stays undeletable.
    const history = await db().query<{ partition: string }>(
      `SELECT DISTINCT tableoid::regclass::text AS partition FROM record_version
       WHERE entity = 'temporary_land' AND entity_id = $1`,
      [record.id],
    );
    expect(history).toEqual([{ partition: 'record_version_p37' }]);
    await expect(
      db().query('DELETE FROM record_version WHERE entity_id = $1', [record.id]),
    ).rejects.toThrow(/never deleted/);
    await expect(db().query('TRUNCATE record_version')).rejects.toThrow(/never deleted/);

    // A clerk's read of that history touches Shandong's partition only; the ministry's, with
    // no province in its scope, may look in any.
    const explain = async (actor: Actor) => {
      const { text, params } = versionsQuery('temporary_land', record.id, scopeLikePattern(actor));
      const [plan] = await inScope(db(), actor, (tx) =>
        tx.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${text}`, params),
      );
      return new Set(relationsRead(plan!['QUERY PLAN']));
    };
    expect(await explain(clerkOf('370883'))).toEqual(new Set(['record_version_p37']));
    expect((await explain(system)).size).toBe(32);
    const versions = await services.history.versions(
      clerkOf('370883'),
      'temporary-land',
      record.id,
    );
    expect(versions.map((v) => v.version)).toEqual([1]);
  });
});

/** An empty database of the mode, not migrated (embedded in memory; server a new database). */
const openEmpty = (mode: StorageMode): Promise<Db> =>
  mode === 'embedded' ? openPglite() : openServerDb(null);

for (const mode of testModes()) {
  describe(`survey layers partitioned by province: the upgrade [${mode}]`, () => {
    it('moves the rows of a database migrated before partitioning, ids kept', async () => {
      const db = await openEmpty(mode);
      try {
        const all = await loadMigrations();
        const partitioning = all.findIndex((m) => m.name === 'partition_by_province');
        expect(partitioning).toBeGreaterThan(0);
        await migrate(db, all.slice(0, partitioning));
        await db.exec(`
          SELECT set_config('reclaim.actor', 'upgrade test', false),
                 set_config('reclaim.reason', 'upgrade test', false);
          INSERT INTO division (code, name, level, parent_code, province_code, source) VALUES
            ('320000', '江苏省', 'province', NULL, '32', 'test'),
            ('320300', '徐州市', 'city', '320000', '32', 'test'),
            ('320305', '贾汪区', 'county', '320300', '32', 'test');
          INSERT INTO reference_layer_batch (id, layer, division_code, survey_year, source) VALUES
            ('11111111-1111-4111-8111-111111111111', 'land_class', '320305', 2025, 'test'),
            ('22222222-2222-4222-8222-222222222222', 'farmland', '320305', 2025, 'test');
          INSERT INTO land_class_parcel (batch_id, province_code, division_code, land_class_code, area_m2, geom)
          SELECT '11111111-1111-4111-8111-111111111111', '32', '320305', '0101', 1000 + i,
                 ST_Multi(ST_MakeEnvelope(117 + i * 0.01, 34, 117.005 + i * 0.01, 34.005, 4490))
          FROM generate_series(1, 3) i;
          INSERT INTO farmland_parcel (batch_id, province_code, division_code, area_m2, geom)
          SELECT '22222222-2222-4222-8222-222222222222', '32', '320305', 2000 + i,
                 ST_Multi(ST_MakeEnvelope(117 + i * 0.01, 34, 117.005 + i * 0.01, 34.005, 4490))
          FROM generate_series(1, 2) i;`);
        const before = await db.query<{ id: string; area: number }>(
          'SELECT id::text, area_m2 AS area FROM land_class_parcel ORDER BY id',
        );
        const historyBefore = await db.query<{ entity_id: string; version: number }>(
          'SELECT entity_id, version FROM record_version ORDER BY entity_id, version',
        );
        expect(historyBefore.length).toBeGreaterThan(0);

        await migrate(db, all);

        const after = await db.query<{ id: string; area: number; partition: string }>(
          `SELECT id::text, area_m2 AS area, tableoid::regclass::text AS partition
           FROM land_class_parcel ORDER BY id`,
        );
        expect(after.map(({ id, area }) => ({ id, area }))).toEqual(before);
        expect(new Set(after.map((r) => r.partition))).toEqual(new Set(['land_class_parcel_p32']));
        const [farmland] = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM farmland_parcel_p32`,
        );
        expect(farmland!.n).toBe(2);
        expect(
          await db.query(
            'SELECT entity_id, version FROM record_version ORDER BY entity_id, version',
          ),
        ).toEqual(historyBefore);
        // New rows continue the old ids.
        const [added] = await db.query<{ id: string }>(
          `INSERT INTO land_class_parcel (batch_id, province_code, division_code, land_class_code, area_m2, geom)
           VALUES ('11111111-1111-4111-8111-111111111111', '32', '320305', '0101', 1,
                   ST_Multi(ST_MakeEnvelope(118, 34, 118.001, 34.001, 4490)))
           RETURNING id::text`,
        );
        expect(BigInt(added!.id)).toBeGreaterThan(BigInt(before.at(-1)!.id));
      } finally {
        await db.close();
      }
    }, 600_000); // a fresh embedded database migrates from nothing: slow on a loaded machine
  });
}
