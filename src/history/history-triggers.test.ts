// History written per statement for inserts (migration 0014): the same version rows as the
// row-level trigger wrote — one 'create' per inserted row with the caller's actor and reason
// and the stored row as data — whether a statement inserts one row or an import thousands.
import { beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../test/support/test-db.ts';
import { jiawangClerk } from '../../test/support/actors.ts';
import { square } from '../../test/support/shapes.ts';
import { actorLabel, systemActor } from '../identity/domain/actor.ts';
import { asActor } from '../identity/scoped-db.ts';
import { loadConfig } from '../platform/config/config.ts';
import { createServices, type Services } from '../server/services.ts';
import { createImportService } from '../register/import/import.service.ts';

const geojson = (n: number) =>
  new TextEncoder().encode(
    JSON.stringify({
      type: 'FeatureCollection',
      features: Array.from({ length: n }, (_, i) => ({
        type: 'Feature',
        properties: {
          项目名称: `历史测试 ${i + 1}`,
          用途: '施工便道',
          项目类别: '交通',
          批准日期: '2026-03-02',
          行政区代码: '320305',
        },
        geometry: square(117.3 + i * 0.002, 34.3, 0.001),
      })),
    }),
  );

interface VersionRow {
  entity: string;
  version: number;
  action: string;
  division_code: string;
  province_code: string;
  changed_by: string;
  reason: string;
  /** Whether data is the stored row as to_jsonb gives it (what the row trigger wrote). */
  same: boolean;
}

describeEachMode('history per statement', (db) => {
  let services: Services;
  beforeAll(() => {
    services = createServices(db(), loadConfig({}));
  });

  const versionsOf = (ids: readonly string[]) =>
    db().query<VersionRow & { entity_id: string }>(
      `SELECT v.entity_id, v.entity, v.version, v.action, v.division_code, v.province_code,
              v.changed_by, v.reason, v.data = to_jsonb(t) AS same
       FROM record_version v JOIN temporary_land t ON t.id = v.entity_id
       WHERE v.entity_id = ANY($1::uuid[]) ORDER BY v.entity_id, v.version`,
      [ids],
    );

  it('an import writes exactly one version per record: the stored row, with actor and reason', async () => {
    // Batches of 2: three INSERT … SELECT statements, one of them with a single row.
    const imports = createImportService(db(), services.register, { batchSize: 2 });
    const result = await imports.import(
      jiawangClerk,
      [{ name: 'history.geojson', bytes: geojson(5) }],
      { reason: '导入历史测试' },
    );
    const ids = result.records.map((r) => r.id);
    expect(ids).toHaveLength(5);
    const rows = await versionsOf(ids);
    expect(rows.map((r) => r.entity_id).sort()).toEqual([...ids].sort());
    for (const { entity_id: _, ...row } of rows) {
      expect(row).toEqual({
        entity: 'temporary_land',
        version: 1,
        action: 'create',
        division_code: '320305',
        province_code: '32',
        changed_by: actorLabel(jiawangClerk),
        reason: '导入历史测试',
        same: true,
      });
    }
    // The data holds every column of the row, the boundary as GeoJSON among them.
    const [data] = await db().query<{ keys: string[]; geom: string }>(
      `SELECT array(SELECT jsonb_object_keys(data) ORDER BY 1) AS keys, data->'geom'->>'type' AS geom
       FROM record_version WHERE entity_id = $1`,
      [ids[0]],
    );
    const [columns] = await db().query<{ keys: string[] }>(
      `SELECT array(SELECT attname::text FROM pg_attribute
                    WHERE attrelid = 'temporary_land'::regclass AND attnum > 0 AND NOT attisdropped
                    ORDER BY 1) AS keys`,
    );
    expect(data?.keys).toEqual(columns?.keys);
    expect(data?.geom).toBe('MultiPolygon');

    // An update still writes the next version, row by row.
    await asActor(
      db(),
      jiawangClerk,
      (tx) =>
        tx.query(`UPDATE temporary_land SET land_user = 'x' WHERE id = ANY($1::uuid[])`, [ids]),
      '更新',
    );
    const after = await versionsOf(ids);
    expect(after.filter((r) => r.version === 2).map((r) => [r.action, r.reason])).toEqual(
      ids.map(() => ['update', '更新']),
    );
    expect(after.every((r) => r.version === 1 || r.same)).toBe(true);
  });

  it('keeps excluded columns out of the history of inserts (password hashes)', async () => {
    const id = await asActor(
      db(),
      systemActor('test'),
      async (tx) =>
        (
          await tx.query<{ id: string }>(
            `INSERT INTO app_user (username, display_name, role, division_code, password_hash)
             VALUES ('history-probe', 'p', 'county', '320305', 'secret-hash') RETURNING id`,
          )
        )[0]!.id,
      'user created',
    );
    const rows = await db().query<{ version: number; has_hash: boolean; has_name: boolean }>(
      `SELECT version, data ? 'password_hash' AS has_hash, data->>'username' = 'history-probe' AS has_name
       FROM record_version WHERE entity = 'app_user' AND entity_id = $1`,
      [id],
    );
    expect(rows).toEqual([{ version: 1, has_hash: false, has_name: true }]);
  });

  it('refuses an insert without actor or reason; a statement inserting nothing needs neither', async () => {
    const insert = `INSERT INTO rule_pack (division_code, overrides) SELECT '320000', '{}'::jsonb WHERE $1::boolean`;
    const codeOf = (e: unknown) => (e as { code?: string }).code;
    const noActor = await db()
      .transaction((tx) => tx.query(insert, [true]))
      .catch((e: unknown) => e);
    expect(codeOf(noActor)).toBe('RC001');
    const noReason = await db()
      .transaction(async (tx) => {
        await tx.query(`SELECT set_config('reclaim.actor', 'someone', true)`);
        return tx.query(insert, [true]);
      })
      .catch((e: unknown) => e);
    expect(codeOf(noReason)).toBe('RC002');
    await expect(db().transaction((tx) => tx.query(insert, [false]))).resolves.toEqual([]);
    // Updates (row by row) are refused the same way.
    await asActor(db(), systemActor('test'), (tx) => tx.query(insert, [true]), 'pack');
    const noActorUpdate = await db()
      .transaction((tx) =>
        tx.query(`UPDATE rule_pack SET note = 'x' WHERE division_code = '320000'`),
      )
      .catch((e: unknown) => e);
    expect(codeOf(noActorUpdate)).toBe('RC001');
  });

  it('gives a table put under history later the same pair, excluded columns passed on', async () => {
    await db().exec(
      `CREATE TABLE history_probe (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(), division_code text NOT NULL, secret text,
         note text, version integer NOT NULL DEFAULT 1, created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now());
       SELECT reclaim_track_history('history_probe', 'secret')`,
    );
    await asActor(
      db(),
      systemActor('test'),
      async (tx) => {
        await tx.query(
          `INSERT INTO history_probe (division_code, secret, note) VALUES ('320305', 's', 'a'), ('140212', 's', 'b')`,
        );
        await tx.query(`UPDATE history_probe SET note = note || '2'`);
      },
      'probe',
    );
    const rows = await db().query<{
      note: string;
      version: number;
      action: string;
      province: string;
    }>(
      `SELECT data->>'note' AS note, version, action, province_code AS province
       FROM record_version WHERE entity = 'history_probe' AND NOT data ? 'secret'
       ORDER BY data->>'note'`,
    );
    expect(rows).toEqual([
      { note: 'a', version: 1, action: 'create', province: '32' },
      { note: 'a2', version: 2, action: 'update', province: '32' },
      { note: 'b', version: 1, action: 'create', province: '14' },
      { note: 'b2', version: 2, action: 'update', province: '14' },
    ]);
  });

  it('puts every table under history on the pair: statement-level for inserts, row-level for updates', async () => {
    const rows = await db().query<{ tbl: string; triggers: string[] }>(
      `SELECT c.relname AS tbl,
              array_agg(concat_ws(' ', t.tgname, p.proname,
                                  CASE WHEN t.tgtype & 1 = 1 THEN 'row' ELSE 'statement' END,
                                  CASE WHEN t.tgtype & 4 = 4 THEN 'insert' END,
                                  CASE WHEN t.tgtype & 16 = 16 THEN 'update' END,
                                  t.tgnewtable) ORDER BY t.tgname) AS triggers
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
       WHERE p.proname IN ('reclaim_version_record', 'reclaim_version_created') AND NOT t.tgisinternal
       GROUP BY c.relname ORDER BY c.relname`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(16);
    for (const { tbl, triggers } of rows) {
      expect(triggers).toEqual([
        `${tbl}_version_created reclaim_version_created statement insert reclaim_created`,
        `${tbl}_version_record reclaim_version_record row update`,
      ]);
    }
  });
});
