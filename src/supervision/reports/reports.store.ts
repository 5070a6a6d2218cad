// SQL for supervision reports: the register and its dossiers as they stood at a cutoff (the
// end of the as-of day), rebuilt from record_version — every versioned table writes each
// version there with its time — so a report for a past date never changes. A report first
// materialises the tables it reads (`materialize`: temporary tables `as_of_<table>`, dropped at
// the end of its transaction, analysed so joins get sound plans); its queries then read those,
// and those that judge dates take $1 = the as-of date. Runs in the caller's scope
// (row-level security applies to the history read).
import type { Queryable } from '../../platform/db/db.ts';
import type { SettingsOverride } from '../../register/domain/settings.ts';
import { recordColumnsWith, type RecordRow } from '../../register/register.store.ts';

/** Versioned tables a report reads (identifiers fixed here, never from input). */
export type Versioned =
  | 'temporary_land'
  | 'supervision_finding'
  | 'backfill_polygon'
  | 'rectification_order'
  | 'illegal_land_use_case'
  | 'write_off';

/** The materialised snapshot of `table` (see `materialize`). */
export const snapshot = (table: Versioned) => `as_of_${table}`;

/**
 * Materialises each table as it stood at the cutoff, inside the division (prefix, '' for the
 * nation): each entity's last version written before the cutoff (entities created later are
 * absent), rebuilt as a row of its table. An entity's division never changes (no update
 * writes division_code), so versions are filtered by it directly. `drop` names jsonb keys
 * left out before the row is rebuilt (a boundary nobody draws costs parsing). Call once per
 * transaction.
 */
export async function materialize(
  q: Queryable,
  cutoff: string,
  prefix: string,
  tables: Partial<Record<Versioned, readonly string[]>>,
): Promise<void> {
  for (const [table, drop = []] of Object.entries(tables) as [Versioned, readonly string[]][]) {
    const data = drop.length ? `s.data - '{${drop.join(',')}}'::text[]` : 's.data';
    await q.exec(
      `CREATE TEMP TABLE as_of_${table} ON COMMIT DROP AS SELECT * FROM ${table} WITH NO DATA`,
    );
    await q.query(
      // The latest version numbers first (narrow rows), then their data by primary key:
      // sorting whole versions for DISTINCT ON spilled to disk at province scale.
      `INSERT INTO as_of_${table}
       SELECT r.* FROM (
         SELECT entity_id, max(version) AS version FROM record_version
         WHERE entity = '${table}' AND changed_at < $1::timestamptz AND division_code LIKE $2 || '%'
         GROUP BY entity_id) latest
       JOIN record_version s ON s.entity = '${table}' AND s.entity_id = latest.entity_id AND s.version = latest.version
       CROSS JOIN LATERAL jsonb_populate_record(NULL::${table}, ${data}) r`,
      [cutoff, prefix],
    );
    await q.exec(`ANALYZE as_of_${table}`);
  }
}

/** What counting findings does not need (the evidence is the bulk of a finding's version). */
export const findingBulk = ['evidence', 'message_zh', 'message_en'] as const;

/** Live findings: the rule still fires and nobody has rectified or closed it. */
const live = `status IN ('open', 'acknowledged')`;
/** Findings that existed on the as-of date (an evaluation may have been run for a later one). */
const seen = `first_seen_on <= $1::date`;

export interface CountArea {
  key: string;
  count: number;
  areaM2: number;
}

export function recordsByState(q: Queryable): Promise<CountArea[]> {
  return q.query<CountArea>(
    `SELECT state AS key, count(*)::int AS count, coalesce(sum(area_m2), 0)::float8 AS "areaM2"
     FROM ${snapshot('temporary_land')} t GROUP BY state ORDER BY state`,
    [],
  );
}

export interface FindingCount {
  ruleCode: string;
  severity: 'error' | 'warning';
  status: string;
  count: number;
}

export function findingsByRule(q: Queryable, asOf: string): Promise<FindingCount[]> {
  return q.query<FindingCount>(
    `SELECT rule_code AS "ruleCode", severity, status, count(*)::int AS count
     FROM ${snapshot('supervision_finding')} f WHERE ${seen}
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [asOf],
  );
}

/** The division code of each finding's or record's division at `digits` (2, 4 or 6) digits. */
const childOf = (digits: number) => `rpad(left(division_code, ${digits}), 6, '0')`;

export function liveFindingsByChild(
  q: Queryable,
  asOf: string,
  digits: number,
): Promise<
  { divisionCode: string; ruleCode: string; severity: 'error' | 'warning'; count: number }[]
> {
  return q.query(
    `SELECT ${childOf(digits)} AS "divisionCode", rule_code AS "ruleCode", severity, count(*)::int AS count
     FROM ${snapshot('supervision_finding')} f WHERE ${live} AND ${seen}
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [asOf],
  );
}

export function recordsByChild(
  q: Queryable,
  digits: number,
): Promise<{ divisionCode: string; records: number; areaM2: number }[]> {
  return q.query(
    `SELECT ${childOf(digits)} AS "divisionCode", count(*)::int AS records,
            coalesce(sum(area_m2), 0)::float8 AS "areaM2"
     FROM ${snapshot('temporary_land')} t WHERE state <> 'written_off'
     GROUP BY 1 ORDER BY 1`,
    [],
  );
}

/** Uncovered area of live TL-ENF-01 findings by cause (m², from the cross-check's evidence). */
export function uncoveredByCause(q: Queryable, asOf: string): Promise<CountArea[]> {
  return q.query<CountArea>(
    `SELECT c.key, count(*) FILTER (WHERE (c.value ->> 'areaM2')::float8 > 0)::int AS count,
            coalesce(sum((c.value ->> 'areaM2')::float8), 0)::float8 AS "areaM2"
     FROM ${snapshot('supervision_finding')} f
     CROSS JOIN LATERAL jsonb_each(f.evidence -> 'causes') c
     WHERE f.rule_code = 'TL-ENF-01' AND ${live} AND ${seen}
     GROUP BY c.key ORDER BY c.key`,
    [asOf],
  );
}

export function backfillByClass(q: Queryable): Promise<CountArea[]> {
  return q.query<CountArea>(
    `SELECT class AS key, count(*)::int AS count, coalesce(sum(area_m2), 0)::float8 AS "areaM2"
     FROM ${snapshot('backfill_polygon')} p
     GROUP BY class ORDER BY class`,
    [],
  );
}

/** Dossiers (orders, cases, write-offs) by status. */
export function dossiersByStatus(
  q: Queryable,
  table: 'rectification_order' | 'illegal_land_use_case' | 'write_off',
): Promise<{ key: string; count: number }[]> {
  return q.query(
    `SELECT status AS key, count(*)::int AS count FROM ${snapshot(table)} d GROUP BY status ORDER BY status`,
    [],
  );
}

export interface OverdueOrder {
  id: string;
  divisionCode: string;
  divisionName: string;
  systemNumber: string | null;
  projectName: string | null;
  grounds: string;
  issuedOn: string;
  deadline: string;
  daysOverdue: number;
}

/** Rectification orders still open after their deadline on the as-of date, longest overdue first. */
export function overdueOrders(q: Queryable, asOf: string): Promise<OverdueOrder[]> {
  return q.query<OverdueOrder>(
    `SELECT o.id, o.division_code AS "divisionCode", coalesce(dv.name, o.division_code) AS "divisionName",
            t.system_number AS "systemNumber", t.project_name AS "projectName", o.grounds,
            o.issued_on AS "issuedOn", o.deadline, ($1::date - o.deadline)::int AS "daysOverdue"
     FROM ${snapshot('rectification_order')} o
     LEFT JOIN ${snapshot('temporary_land')} t ON t.id = o.record_id
     LEFT JOIN division dv ON dv.code = o.division_code
     WHERE o.status = 'open' AND o.deadline < $1::date
     ORDER BY o.deadline, o.division_code, o.id`,
    [asOf],
  );
}

/** Every record of the counties inside the division at the cutoff (for the county brake). */
export function countyRecords(q: Queryable): Promise<RecordRow[]> {
  return q.query<RecordRow>(
    // The brake needs no boundary: `geometry` is left null rather than parsed.
    `SELECT ${recordColumnsWith('NULL::json')}
     FROM ${snapshot('temporary_land')} t
     WHERE division_code !~ '00$' ORDER BY division_code, id`,
    [],
  );
}

export interface ChildDivision {
  code: string;
  name: string;
}

/**
 * Divisions of `level` inside the division (prefix) that were in force on the as-of date, and
 * any others of that level named in `alsoCodes` (abolished codes that old records still cite).
 */
export function childDivisions(
  q: Queryable,
  prefix: string,
  level: 'province' | 'city' | 'county',
  asOf: string,
  alsoCodes: readonly string[],
): Promise<ChildDivision[]> {
  return q.query<ChildDivision>(
    `SELECT code, name FROM division
     WHERE level = $2 AND code LIKE $1 || '%'
       AND ((valid_from IS NULL OR valid_from <= $3::date) AND (valid_to IS NULL OR valid_to > $3::date)
            OR code = ANY($4::text[]))
     ORDER BY code`,
    [prefix, level, asOf, alsoCodes],
  );
}

/** The province's rule-pack overrides as they stood at the cutoff (run as the system: rule
 * packs are read by every government user, their history rows lie in the province's scope). */
export async function rulePackAt(
  q: Queryable,
  provinceDivision: string,
  cutoff: string,
): Promise<SettingsOverride | undefined> {
  const [row] = await q.query<{ overrides: SettingsOverride | null }>(
    `SELECT data -> 'overrides' AS overrides FROM record_version
     WHERE entity = 'rule_pack' AND division_code = $1 AND changed_at < $2::timestamptz
     ORDER BY version DESC LIMIT 1`,
    [provinceDivision, cutoff],
  );
  return row?.overrides ?? undefined;
}
