// Reading history: the versions of one record with what each changed, and recent changes
// in the caller's scope. Writing history needs no code here: table triggers do it.
import type { Db } from '../platform/db/db.ts';
import { AppError } from '../platform/errors.ts';
import { type Actor, scopeLikePattern } from '../identity/domain/actor.ts';
import { inScope } from '../identity/scoped-db.ts';
import { diffVersions, type FieldChange } from './domain/version-diff.ts';
import { recentChanges, versionsOf, type VersionRow } from './history.store.ts';

/**
 * Record types whose history can be read, by their API name. A capability that adds a
 * versioned table registers it here.
 */
export const historyEntities: Readonly<Record<string, string>> = {
  users: 'app_user',
  'calendar-years': 'calendar_year',
  'reference-batches': 'reference_layer_batch',
  'temporary-land': 'temporary_land',
  attachments: 'attachment',
  'rule-packs': 'rule_pack',
  'supervision-findings': 'supervision_finding',
  'backfill-batches': 'backfill_batch',
  'backfill-polygons': 'backfill_polygon',
  'backfill-evidence': 'backfill_evidence',
  'rectification-orders': 'rectification_order',
  'illegal-cases': 'illegal_land_use_case',
  'write-offs': 'write_off',
  'enforcement-batches': 'enforcement_batch',
  'change-polygon-verifications': 'change_polygon_verification',
  'change-polygon-photos': 'change_polygon_photo',
  notices: 'notice',
  'notice-objections': 'notice_objection',
  'reclamation-obligations': 'reclamation_obligation',
  'reclamation-extensions': 'reclamation_extension',
  'reclamation-reports': 'reclamation_report',
  'reclamation-photos': 'reclamation_photo',
  'reclamation-ledger-entries': 'reclamation_ledger_entry',
  'reclamation-acceptances': 'reclamation_acceptance',
  'land-class-changes': 'land_class_change_event',
  'restoration-projects': 'restoration_project',
  'restoration-measurements': 'restoration_measurement',
  'restoration-attachments': 'restoration_attachment',
  'restoration-funding': 'restoration_funding',
  'acceptance-criteria': 'acceptance_criterion',
};

export interface VersionView extends Omit<VersionRow, 'entity'> {
  entity: string;
  previousVersion: number | null;
  changes: FieldChange[];
}

function tableOf(entity: string): string {
  const table = historyEntities[entity];
  if (!table) {
    throw new AppError('invalid', {
      code: 'HISTORY_ENTITY',
      messageZh: `不支持查询该类记录的历史：${entity}`,
      messageEn: `no history for record type ${entity}; known: ${Object.keys(historyEntities).join(', ')}`,
      location: { field: 'entity' },
    });
  }
  return table;
}

const entityName = (table: string) =>
  Object.entries(historyEntities).find(([, t]) => t === table)?.[0] ?? table;

export function createHistoryService(db: Db) {
  return {
    /** Every version of one record, oldest first, each with its changes against the previous. */
    async versions(actor: Actor, entity: string, id: string): Promise<VersionView[]> {
      const table = tableOf(entity);
      const rows = await inScope(db, actor, (tx) =>
        versionsOf(tx, table, id, scopeLikePattern(actor)),
      );
      if (rows.length === 0) {
        throw new AppError('not_found', {
          code: 'HISTORY_NOT_FOUND',
          messageZh: '记录不存在或不在您的管辖范围内',
          messageEn: 'no such record in your scope',
        });
      }
      return rows.map((row, i) => ({
        ...row,
        entity,
        previousVersion: i > 0 ? (rows[i - 1]?.version ?? null) : null,
        changes: diffVersions(rows[i - 1]?.data, row.data),
      }));
    },

    /** Recent changes in scope, newest first. */
    async recent(
      actor: Actor,
      filter: { entity?: string; changedBy?: string; from?: string; to?: string; limit: number },
    ): Promise<VersionView[]> {
      const tables = filter.entity ? [tableOf(filter.entity)] : Object.values(historyEntities);
      const rows = await inScope(db, actor, (tx) =>
        recentChanges(tx, { ...filter, tables, scopeLike: scopeLikePattern(actor) }),
      );
      return rows.map((row) => ({
        ...row,
        entity: entityName(row.entity),
        previousVersion: row.version > 1 ? row.version - 1 : null,
        changes: [],
      }));
    },
  };
}

export type HistoryService = ReturnType<typeof createHistoryService>;
