// SQL for administrative divisions.
import type { Queryable } from '../../platform/db/db.ts';
import type { DivisionRow } from './division-file.ts';

export interface Division {
  code: string;
  name: string;
  level: 'nation' | 'province' | 'city' | 'county';
  parentCode: string | null;
  /** The parent's name (a county's city, a city's province), for telling namesakes apart. */
  parentName: string | null;
  provinceCode: string;
  validFrom: string | null;
  validTo: string | null;
  supersededBy: string | null;
  source: string;
}

const columns = `d.code, d.name, d.level, d.parent_code AS "parentCode",
  (SELECT p.name FROM division p WHERE p.code = d.parent_code) AS "parentName",
  d.province_code AS "provinceCode", d.valid_from AS "validFrom", d.valid_to AS "validTo",
  d.superseded_by AS "supersededBy", d.source`;

/** Inserts or updates the given rows in one statement; rows not given are left alone. */
export async function upsertDivisions(
  q: Queryable,
  rows: readonly DivisionRow[],
  sources: readonly string[],
): Promise<void> {
  const payload = rows.map((r) => ({ ...r, source: sources[r.source] ?? 'unknown' }));
  await q.query(
    `INSERT INTO division (code, name, level, parent_code, province_code, valid_from, valid_to, superseded_by, source)
     SELECT r.code, r.name, r.level, r.parent, left(r.code, 2), r."validFrom", r."validTo", r."supersededBy", r.source
     FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, level text, parent text,
          "validFrom" date, "validTo" date, "supersededBy" text, source text)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level,
       parent_code = EXCLUDED.parent_code, valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to,
       superseded_by = EXCLUDED.superseded_by, source = EXCLUDED.source`,
    [JSON.stringify(payload)],
  );
}

export async function findDivision(q: Queryable, code: string): Promise<Division | undefined> {
  const [row] = await q.query<Division>(`SELECT ${columns} FROM division d WHERE d.code = $1`, [
    code,
  ]);
  return row;
}

export interface DivisionFilter {
  parentCode?: string;
  level?: Division['level'];
  /** Matches a name fragment or a code prefix. */
  q?: string;
  /** Only divisions inside (or equal to) this one: its code prefix ('000000': all). */
  within?: string;
  includeAbolished?: boolean;
  limit: number;
}

export function listDivisions(q: Queryable, filter: DivisionFilter): Promise<Division[]> {
  return q.query<Division>(
    `SELECT ${columns} FROM division d
     WHERE ($1::text IS NULL OR d.parent_code = $1)
       AND ($2::text IS NULL OR d.level = $2)
       AND ($3::text IS NULL OR d.name LIKE '%' || $3 || '%' OR d.code LIKE $3 || '%')
       AND ($4::boolean OR d.valid_to IS NULL)
       AND ($6::text IS NULL OR d.code LIKE reclaim_division_prefix($6) || '%')
     ORDER BY d.code LIMIT $5`,
    [
      filter.parentCode ?? null,
      filter.level ?? null,
      filter.q ?? null,
      filter.includeAbolished ?? false,
      filter.limit,
      filter.within ?? null,
    ],
  );
}
