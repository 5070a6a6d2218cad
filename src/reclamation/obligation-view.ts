// What an obligation looks like to its readers: the plan with its TL-RECL-04 findings against
// the land the record occupies, the deadline in force (the register's TL-RECL-01/03 function)
// and whether it has passed, the money held and the guarantee warnings.
import { daysBetween } from '../platform/time/iso-date.ts';
import type { Queryable } from '../platform/db/db.ts';
import type { Finding } from '../register/domain/finding.ts';
import type { AreaBreakdown } from '../register/domain/record.ts';
import type { RuleSettings } from '../register/domain/settings.ts';
import {
  reclamationDeadline,
  type ReclamationDeadline,
} from '../register/domain/rules/reclamation-rules.ts';
import { storedOverlay, toDomainRecord } from '../register/record-mapping.ts';
import type { RecordRow } from '../register/register.store.ts';
import type { RegisterService } from '../register/register.service.ts';
import { provinceCodeOf } from '../reference/divisions/domain/division-code.ts';
import { checkTargets, type OccupiedLand } from './domain/plan-rules.ts';
import { guaranteeWarnings, type GuaranteeWarning } from './domain/ledger.ts';
import * as store from './reclamation.store.ts';

export interface ObligationSummary extends store.ObligationRow {
  deadline: (ReclamationDeadline & { overdue: boolean; daysLeft: number }) | null;
  findings: Finding[];
  requiredYuan: number;
  shortfallYuan: number;
}

/** The land a record occupies by class: the overlay's breakdown, else the declared one. */
export function occupiedLand(record: RecordRow): OccupiedLand | null {
  const overlay = storedOverlay(record);
  if (overlay) return { breakdown: overlay.breakdown, source: 'overlay' };
  if (record.declaredBreakdown) return { breakdown: record.declaredBreakdown, source: 'declared' };
  return null;
}

/** The deadline of a record's reclamation (TL-RECL-01/03), with its state as of `today`. */
export function deadlineOf(
  record: RecordRow,
  settings: RuleSettings,
  today: string,
  open: boolean,
) {
  const d = reclamationDeadline(toDomainRecord(record, { contracts: 0, photos: 0 }), settings);
  if (!d) return null;
  return { ...d, overdue: open && today > d.deadline, daysLeft: daysBetween(today, d.deadline) };
}

/** Settings per province, looked up once per call. */
export function settingsCache(register: RegisterService, q: Queryable) {
  const known = new Map<string, Promise<RuleSettings>>();
  return (divisionCode: string): Promise<RuleSettings> => {
    const province = provinceCodeOf(divisionCode);
    let found = known.get(province);
    if (!found) {
      found = register.ruleInputs(q, divisionCode).then((i) => i.settings);
      known.set(province, found);
    }
    return found;
  };
}

const settledStates = ['accepted', 'converted', 'written_off'];

export function summarise(
  row: store.ObligationRow,
  record: RecordRow,
  settings: RuleSettings,
  today: string,
): ObligationSummary {
  // A record converted, written off or accepted owes no reclamation, whatever the ledger says.
  const open = row.status === 'open' && !settledStates.includes(record.state);
  return {
    ...row,
    deadline: deadlineOf(record, settings, today, open),
    findings: checkTargets(row.targets, occupiedLand(record), settings),
    requiredYuan: row.estimatedCostYuan,
    shortfallYuan: open
      ? Math.max(0, Math.round((row.estimatedCostYuan - row.heldYuan) * 100) / 100)
      : 0,
  };
}

export interface ObligationDetail extends ObligationSummary {
  occupied: (OccupiedLand & { breakdown: AreaBreakdown }) | null;
  extensions: store.ExtensionRow[];
  reports: store.ReportRow[];
  ledger: store.LedgerEntryRow[];
  guaranteeWarnings: GuaranteeWarning[];
  acceptances: store.AcceptanceRow[];
}

export async function detail(
  q: Queryable,
  row: store.ObligationRow,
  record: RecordRow,
  settings: RuleSettings,
  today: string,
): Promise<Omit<ObligationDetail, 'acceptances'> & { acceptances: store.AcceptanceRow[] }> {
  const ledger = await store.listLedger(q, row.id);
  return {
    ...summarise(row, record, settings, today),
    occupied: occupiedLand(record),
    extensions: await store.listExtensions(q, row.id),
    reports: await store.listReports(q, row.id),
    ledger,
    guaranteeWarnings: guaranteeWarnings(
      ledger,
      row.status === 'open',
      today,
      settings.guaranteeWarningDays,
    ),
    acceptances: await store.acceptancesOf(q, row.id),
  };
}
