// Row-level security reads the caller's settings once per statement (migration 0027), in both
// storage modes: no policy, now or later, calls current_setting() or the helpers built on it
// outside a sub-select (which PostgreSQL evaluates once, as an InitPlan); who sees which
// records is what it was; and the register's list filters, being leakproof, are still
// answered from their indexes under the policies.
import { beforeAll, expect, it } from 'vitest';
import { official } from '../../test/support/actors.ts';
import { square } from '../../test/support/shapes.ts';
import { describeEachMode } from '../../test/support/test-db.ts';
import type { Db } from '../platform/db/db.ts';
import { listRecords } from '../register/register.store.ts';
import { publicActor, scopePrefix, systemActor, type Actor } from './domain/actor.ts';
import { asSystem, inScope } from './scoped-db.ts';

/** Calls that read the session's settings: each must stand in a sub-select of its own. */
const settingReaders =
  /current_setting\(|reclaim_role\(|reclaim_is_government\(|reclaim_in_scope\(|reclaim_scope_like\(/;

/**
 * `expression` without its sub-selects of no table (`( SELECT f(…) AS f)`, as PostgreSQL
 * prints an InitPlan's source); sub-selects reading a table (EXISTS …) stay, since a
 * setting read in one of those is read again for every outer row.
 */
function withoutSettingSelects(expression: string): string {
  let out = '';
  let i = 0;
  while (i < expression.length) {
    const start = expression.indexOf('( SELECT ', i);
    if (start < 0) {
      out += expression.slice(i);
      break;
    }
    let depth = 0;
    let end = start;
    for (; end < expression.length; end++) {
      if (expression[end] === '(') depth++;
      else if (expression[end] === ')' && --depth === 0) break;
    }
    const inner = expression.slice(start, end + 1);
    out += expression.slice(i, start) + (/\bFROM\b/.test(inner) ? inner : '(setting)');
    i = end + 1;
  }
  return out;
}

/** [project name, county, state, published, land user] */
const records: [string, string, string, boolean, string][] = [
  ['贾汪甲', '320305', 'in_use', true, '甲公司'],
  ['贾汪乙', '320305', 'expired', false, '乙公司'],
  ['贾汪丙', '320305', 'written_off', true, '甲公司'],
  ['铜山甲', '320312', 'registered', true, '乙公司'],
  ['铜山乙', '320312', 'approved', false, '甲公司'],
  ['云冈甲', '140212', 'in_use', false, '甲公司'],
  ['云冈乙', '140212', 'expired', true, '乙公司'],
];

async function namesSeenBy(db: Db, actor: Actor): Promise<string[]> {
  const rows = await inScope(db, actor, (tx) =>
    tx.query<{ name: string }>(
      `SELECT project_name AS name FROM temporary_land WHERE project_name LIKE '%甲' OR project_name LIKE '%乙' OR project_name LIKE '%丙'`,
    ),
  );
  return rows.map((r) => r.name).sort();
}

describeEachMode('row-level security', (db) => {
  beforeAll(async () => {
    await asSystem(
      db(),
      systemActor('policies test'),
      (tx) =>
        tx.query(
          `INSERT INTO temporary_land (province_code, division_code, state, project_name, project_class, use_type,
             disclosure_published_on, land_user, approval_date, geom)
           SELECT left(r.division, 2), r.division, r.state, r.name, 'transport', 'material_yard',
                  CASE WHEN r.published THEN DATE '2026-03-05' END, r.land_user,
                  DATE '2026-01-01' + (r.n * 7), ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490))
           FROM jsonb_to_recordset($1::jsonb) AS r(n int, name text, division text, state text,
                  published boolean, land_user text)`,
          [
            JSON.stringify(
              records.map(([name, division, state, published, landUser], n) => ({
                n,
                name,
                division,
                state,
                published,
                land_user: landUser,
              })),
            ),
            JSON.stringify(square(117.43, 34.38, 0.002)),
          ],
        ),
      'policies test seed',
    );
  });

  it('reads the caller’s settings once per statement in every policy', async () => {
    const policies = await db().query<{
      tablename: string;
      policyname: string;
      qual: string | null;
      with_check: string | null;
    }>(
      `SELECT tablename, policyname, qual, with_check FROM pg_policies WHERE schemaname = current_schema()`,
    );
    expect(policies.length).toBeGreaterThan(50);
    const perRow = policies.flatMap((p) =>
      [p.qual, p.with_check]
        .filter((e): e is string => e !== null && settingReaders.test(withoutSettingSelects(e)))
        .map((e) => `${p.tablename}.${p.policyname}: ${e}`),
    );
    expect(perRow).toEqual([]);
    // The check itself finds a per-row call, and passes a once-per-statement one.
    expect(
      settingReaders.test(withoutSettingSelects('(division_code ~~ reclaim_scope_like())')),
    ).toBe(true);
    expect(settingReaders.test(withoutSettingSelects('(reclaim_is_government() AND x)'))).toBe(
      true,
    );
    expect(
      settingReaders.test(
        withoutSettingSelects('(( SELECT reclaim_is_government() AS reclaim_is_government) AND x)'),
      ),
    ).toBe(false);
    expect(
      settingReaders.test(
        withoutSettingSelects(
          "(EXISTS ( SELECT 1 FROM t WHERE (t.user_id = current_setting('reclaim.user_id'::text, true))))",
        ),
      ),
    ).toBe(true);
  });

  it('shows each caller the records it saw before: scope, publication, land user', async () => {
    const all = records.map(([name]) => name).sort();
    expect(await namesSeenBy(db(), official('ministry', '000000'))).toEqual(all);
    expect(await namesSeenBy(db(), official('province', '320000'))).toEqual(
      ['贾汪丙', '贾汪乙', '贾汪甲', '铜山乙', '铜山甲'].sort(),
    );
    expect(await namesSeenBy(db(), official('county', '320305'))).toEqual(
      ['贾汪丙', '贾汪乙', '贾汪甲'].sort(),
    );
    expect(await namesSeenBy(db(), official('county', '140212'))).toEqual(
      ['云冈乙', '云冈甲'].sort(),
    );
    // The public: published and not written off, anywhere.
    expect(await namesSeenBy(db(), publicActor)).toEqual(['云冈乙', '贾汪甲', '铜山甲'].sort());
    // An enterprise: its own records as land user, within its scope.
    expect(await namesSeenBy(db(), official('enterprise', '320000', '甲公司'))).toEqual(
      ['贾汪丙', '贾汪甲', '铜山乙'].sort(),
    );
    // The application's role with no caller's settings sees nothing.
    const bare = await db().transaction(
      (tx) =>
        tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM temporary_land WHERE project_name LIKE '%甲'`,
        ),
      { opening: 'SET LOCAL ROLE reclaim_app' },
    );
    expect(bare).toEqual([{ n: 0 }]);
  });

  it('answers a county’s list from its indexes under row-level security, settings read once', async () => {
    const county = official('county', '320305');
    const plan = (table: string) =>
      inScope(db(), county, async (tx) => {
        // Not a question of cost (the tables are small): whether an index can serve at all.
        await tx.query('SET LOCAL enable_seqscan = off');
        const rows = await tx.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT count(*) FROM ${table} WHERE division_code ^@ $1`,
          [scopePrefix(county)],
        );
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    // The register's list (0027) and the findings' (0028).
    for (const table of ['temporary_land', 'supervision_finding']) {
      const explained = await plan(table);
      expect(explained, table).toContain(`${table}_division_prefix_idx`);
      expect(explained, table).toContain('InitPlan');
      expect(explained, table).not.toContain('current_setting');
    }
    // And the list itself, through the store, as the county sees it: newest approval first.
    const listed = await inScope(db(), county, (tx) =>
      listRecords(tx, { scopePrefix: scopePrefix(county), limit: 10, offset: 0 }),
    );
    expect(listed.total).toBe(3);
    expect(listed.items.map((r) => r.projectName)).toEqual(['贾汪丙', '贾汪乙', '贾汪甲']);
  });
});
