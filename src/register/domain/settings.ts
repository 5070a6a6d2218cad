// Rule thresholds: national defaults (RULES.md) with provincial overrides as data. An
// override is never silent: resolveSettings returns which values a province changed.
import type { ApprovalLevel, ProjectClass } from './classification.ts';

export interface RuleSettings {
  /** TL-REG-01: working days after approval to register. */
  registrationWorkingDays: number;
  /** TL-TERM-01/03/04 caps in years. */
  termCapYears: { general: number; longCycle: number; oilGasIntegrated: number };
  /** TL-TERM-02: total term cap for pre-regulation energy/transport/water land, and the regulation's date. */
  transitionalCapYears: number;
  regulationEffectiveDate: string;
  /** TL-DATA-01: allowed difference between declared and computed area. */
  areaTolerance: { relative: number; minimumMu: number };
  /** Tolerance when comparing the declared breakdown with the overlay (TL-REG-03). */
  breakdownTolerance: { relative: number; minimumM2: number };
  /** TL-APPR-01: lowest approving level when cultivated land or farmland is involved. */
  cultivatedApprovalLevel: ApprovalLevel;
  /** TL-SCOPE-03: project classes that may have borrow pits and spoil dumps. */
  borrowPitProjectClasses: readonly ProjectClass[];
  /** TL-SCOPE-03 "other uses where law allows": the province's list (use descriptions). */
  provincialExtraUses: readonly string[];
  /** TL-RECL-01: years after the term to complete reclamation. */
  reclamationYears: number;
  /**
   * TL-SUP-01 (method: practice): a parcel is obviously large when the robust z-score of its
   * log area within its province, use type and project class exceeds `robustZ`, in a group of
   * at least `minGroupSize` comparable parcels.
   */
  oversized: { robustZ: number; minGroupSize: number };
  /** TL-SUP-03: working days after approval to publicise it (R-RG-10: 20 in disclosure catalogues). */
  disclosureWorkingDays: number;
  /**
   * TL-SUP-06: the county brake is on when the area overdue for reclamation by more than
   * `overdueYears` reaches `share` of the area due for reclamation; `blocksApprovals` makes
   * the register refuse new approvals in that county while it is on.
   */
  countyBrake: { share: number; overdueYears: number; blocksApprovals: boolean };
  /**
   * TL-RECL-02: calendar days a rectification order gives (限期整改). No national figure was
   * found; 90 days is practice and a province may change it.
   */
  rectificationDays: number;
  /**
   * TL-STOCK-01: a back-fill polygon is the same land as a registered record (linked, not
   * back-filled again) when their shared area is at least this share of the smaller of the two.
   */
  backfillLinkShare: number;
  /**
   * TL-ENF-02 (practice: 0.001 亩): an uncovered remainder of a change polygon up to this
   * area is floating-point or digitising noise, and the polygon counts as covered.
   */
  coverageToleranceMu: number;
  /** TL-RECL-05: working days the bureau has to decide an acceptance application. */
  acceptanceWorkingDays: number;
  /** TL-RECL-05 (practice): an undecided application this many working days before its due day is flagged as near. */
  acceptanceNearWorkingDays: number;
  /** TL-RECL-06 (practice): a bank guarantee expiring within this many calendar days is warned about. */
  guaranteeWarningDays: number;
}

export const nationalSettings: RuleSettings = Object.freeze<RuleSettings>({
  registrationWorkingDays: 20,
  termCapYears: { general: 2, longCycle: 4, oilGasIntegrated: 4 },
  transitionalCapYears: 4,
  regulationEffectiveDate: '2021-09-01',
  areaTolerance: { relative: 0.001, minimumMu: 0.001 },
  breakdownTolerance: { relative: 0.01, minimumM2: 1 },
  cultivatedApprovalLevel: 'city',
  borrowPitProjectClasses: ['energy', 'transport', 'water', 'railway'],
  provincialExtraUses: [],
  reclamationYears: 1,
  oversized: { robustZ: 3.5, minGroupSize: 10 },
  disclosureWorkingDays: 20,
  countyBrake: { share: 0.2, overdueYears: 1, blocksApprovals: true },
  rectificationDays: 90,
  backfillLinkShare: 0.5,
  coverageToleranceMu: 0.001,
  acceptanceWorkingDays: 60,
  acceptanceNearWorkingDays: 10,
  guaranteeWarningDays: 30,
});

export type SettingsOverride = Partial<RuleSettings>;

export interface ResolvedSettings {
  settings: RuleSettings;
  /** Keys the province changed, with national and provincial values (shown with findings). */
  overridden: { key: keyof RuleSettings; national: unknown; provincial: unknown }[];
}

/** Applies a province's overrides to the national defaults. */
export function resolveSettings(override: SettingsOverride | undefined): ResolvedSettings {
  const settings = { ...nationalSettings, ...(override ?? {}) };
  const overridden = (Object.keys(override ?? {}) as (keyof RuleSettings)[])
    .filter((key) => JSON.stringify(nationalSettings[key]) !== JSON.stringify(settings[key]))
    .map((key) => ({ key, national: nationalSettings[key], provincial: settings[key] }));
  return { settings, overridden };
}
