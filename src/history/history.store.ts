// SQL for record versions (the generic history every versioned table writes by trigger).
import type { Queryable } from '../platform/db/db.ts';

export interface VersionRow {
  entity: string;
  entityId: string;
  version: number;
  action: 'create' | 'update';
  changedAt: Date;
  changedBy: string;
  reason: string;
  divisionCode: string;
  data: Record<string, unknown>;
}

const columns = `entity, entity_id AS "entityId", version, action, changed_at AS "changedAt",
  changed_by AS "changedBy", reason, division_code AS "divisionCode", data`;

/**
 * The province partition a scope pattern lies in (`'32%'`, `'320305%'` → `'32'`), or null for
 * the whole country. record_version is partitioned by province (0012): naming it lets the
 * planner read one partition instead of probing all 32.
 */
export function provinceOfScope(scopeLike: string): string | null {
  return /^\d{2}/.test(scopeLike) ? scopeLike.slice(0, 2) : null;
}

/** The query for every version of one record in scope (exported for the plan test). */
export function versionsQuery(
  table: string,
  id: string,
  scopeLike: string,
): { text: string; params: unknown[] } {
  const province = provinceOfScope(scopeLike);
  return {
    text: `SELECT ${columns} FROM record_version
     WHERE entity = $1 AND entity_id = $2 AND division_code LIKE $3
       ${province ? 'AND province_code = $4' : ''} ORDER BY version`,
    params: province ? [table, id, scopeLike, province] : [table, id, scopeLike],
  };
}

export function versionsOf(
  q: Queryable,
  table: string,
  id: string,
  scopeLike: string,
): Promise<VersionRow[]> {
  const { text, params } = versionsQuery(table, id, scopeLike);
  return q.query<VersionRow>(text, params);
}

export interface ChangeFilter {
  tables: readonly string[];
  scopeLike: string;
  changedBy?: string;
  from?: string;
  to?: string;
  limit: number;
}

export function recentChanges(q: Queryable, filter: ChangeFilter): Promise<VersionRow[]> {
  const province = provinceOfScope(filter.scopeLike);
  return q.query<VersionRow>(
    `SELECT ${columns} FROM record_version
     WHERE entity = ANY($1::text[]) AND division_code LIKE $2
       AND ($3::text IS NULL OR changed_by LIKE $3 || '%')
       AND ($4::timestamptz IS NULL OR changed_at >= $4) AND ($5::timestamptz IS NULL OR changed_at < $5)
       ${province ? 'AND province_code = $7' : ''}
     ORDER BY changed_at DESC, entity, entity_id, version DESC LIMIT $6`,
    [
      filter.tables,
      filter.scopeLike,
      filter.changedBy ?? null,
      filter.from ?? null,
      filter.to ?? null,
      filter.limit,
      ...(province ? [province] : []),
    ],
  );
}
