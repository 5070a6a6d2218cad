// From the stored row to the record the rules see, and to the view the API returns.
import type { Finding } from './domain/finding.ts';
import { availableActions, stateNames, type TransitionAction } from './domain/lifecycle.ts';
import { toHectares, toMu, type OverlayFacts, type TemporaryLandRecord } from './domain/record.ts';
import type { ReclamationDeadline } from './domain/rules/reclamation-rules.ts';
import type { RecordRow } from './register.store.ts';

export function toDomainRecord(
  row: RecordRow,
  attachments: { contracts: number; photos: number },
): TemporaryLandRecord {
  return {
    id: row.id,
    systemNumber: row.systemNumber,
    divisionCode: row.divisionCode,
    state: row.state,
    project: {
      name: row.projectName,
      projectClass: row.projectClass,
      longCycle: row.longCycle,
      oilGasIntegrated: row.oilGasIntegrated,
      owner: row.projectOwner ?? '',
      landUser: row.landUser ?? '',
    },
    useType: row.useType,
    approval: {
      number: row.approvalNumber,
      date: row.approvalDate,
      body: row.approvalBody,
      level: row.approvalLevel,
    },
    termStart: row.termStart,
    termEnd: row.termEnd,
    extensions: row.extensions,
    backfilled: row.backfilled,
    registeredOn: row.registeredOn,
    areaM2: row.areaM2 ?? 0,
    declaredAreaM2: row.declaredAreaM2,
    declaredBreakdown: row.declaredBreakdown,
    hasBoundary: row.geometry !== null,
    contractAttached: attachments.contracts > 0,
    photoCount: attachments.photos,
    railwayException: row.railwayException,
    restoresCultivation: row.restoresCultivation,
    reassignedFromProject: row.reassignedFromProject,
    reclamationExtension: row.reclamationExtension,
    disclosure: { publishedOn: row.disclosurePublishedOn, where: row.disclosureWhere },
  };
}

/** The overlay facts last stored with the record, if any. */
export function storedOverlay(row: RecordRow): OverlayFacts | null {
  const c = row.computedBreakdown;
  if (!c) return null;
  const { unsurveyedM2, computedAt: _at, ...breakdown } = c;
  return { breakdown, unsurveyedM2, overlaps: [] };
}

export interface RecordView extends RecordRow {
  area: { m2: number | null; mu: number | null; ha: number | null };
  stateName: { zh: string; en: string };
  availableActions: TransitionAction[];
  findings: Finding[];
  findingsAsOf: string;
  /** When the land must be reclaimed (TL-RECL-01, extended by TL-RECL-03), if the term is known. */
  reclamationDeadline: ReclamationDeadline | null;
}

export function toView(
  row: RecordRow,
  findings: Finding[],
  asOf: string,
  reclamation: ReclamationDeadline | null,
): RecordView {
  const m2 = row.areaM2;
  return {
    ...row,
    area: { m2, mu: m2 === null ? null : toMu(m2), ha: m2 === null ? null : toHectares(m2) },
    stateName: stateNames[row.state],
    availableActions: availableActions(row.state),
    findings,
    findingsAsOf: asOf,
    reclamationDeadline: reclamation,
  };
}
