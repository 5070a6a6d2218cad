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

export function versionsOf(
  q: Queryable,
  table: string,
  id: string,
  scopeLike: string,
): Promise<VersionRow[]> {
  return q.query<VersionRow>(
    `SELECT ${columns} FROM record_version
     WHERE entity = $1 AND entity_id = $2 AND division_code LIKE $3 ORDER BY version`,
    [table, id, scopeLike],
  );
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
  return q.query<VersionRow>(
    `SELECT ${columns} FROM record_version
     WHERE entity = ANY($1::text[]) AND division_code LIKE $2
       AND ($3::text IS NULL OR changed_by LIKE $3 || '%')
       AND ($4::timestamptz IS NULL OR changed_at >= $4) AND ($5::timestamptz IS NULL OR changed_at < $5)
     ORDER BY changed_at DESC, entity, entity_id, version DESC LIMIT $6`,
    [
      filter.tables,
      filter.scopeLike,
      filter.changedBy ?? null,
      filter.from ?? null,
      filter.to ?? null,
      filter.limit,
    ],
  );
}
