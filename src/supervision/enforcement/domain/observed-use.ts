// What a change polygon shows on the ground, and which temporary-land uses that rules out —
// the "use differs" cause of TL-ENF-02. Temporary land may carry no permanent buildings
// (R-US-1, R-US-3: a permanent structure is illegal land use), and land that looks like a mine
// is not a material yard. Method (practice, documented in docs/architecture.md):
//
//   permanent_structure: the current land class (DLBM) is built-up construction land — any
//     class under 05 commercial, 07 residential, 08 public, 09 special, or 0601 industrial,
//     0603 salt pan, 0604 storage, 1001 railway, 1002 rail transit, 1005 transport station,
//     1007 airport, 1008 port, 1109 hydraulic structure — or the change type names a building
//     (房屋, 建筑, 厂房, 永久, 建成). No temporary use allows it.
//   mining: DLBM 0602 (采矿用地) or a change type naming mining or quarrying (采矿, 采石, 采砂,
//     挖矿). Allowed only for mineral survey, borrow pits, spoil dumps and topsoil stockpiles.
//   unrestricted: anything else (bare soil, roads, farmland, water…): consistent with every use.
//
// A permanent structure found either way wins over mining; no attribute means unrestricted.
import { useTypes } from '../../../register/domain/classification.ts';

export const observedUses = ['permanent_structure', 'mining', 'unrestricted'] as const;
export type ObservedUse = (typeof observedUses)[number];

const permanentFirstLevels = ['05', '07', '08', '09'];
const permanentClasses = ['0601', '0603', '0604', '1001', '1002', '1005', '1007', '1008', '1109'];
const permanentWords = /房屋|建筑|厂房|永久|建成/;
const miningClasses = ['0602'];
const miningWords = /采矿|采石|采砂|挖矿/;

/** Uses whose works look like excavation: what a mining-looking polygon may lawfully be. */
export const excavationUses: readonly string[] = [
  'mineral_survey',
  'borrow_pit',
  'spoil_dump',
  'topsoil_stockpile',
];

export interface ObservedUseResult {
  use: ObservedUse;
  /** The attribute that decided it (absent for unrestricted). */
  basis?: { field: 'landClassCode' | 'changeType'; value: string };
  /** Temporary-land use codes (classification.ts) this observation rules out. */
  disallowedUses: string[];
}

function isPermanentClass(code: string): boolean {
  return permanentClasses.includes(code) || permanentFirstLevels.includes(code.slice(0, 2));
}

/**
 * @param landClassCode the polygon's current land class (GB/T 21010 / third-survey code)
 * @param changeType its change type as delivered (变化类型), free text
 */
export function observedUse(
  landClassCode: string | null,
  changeType: string | null,
): ObservedUseResult {
  const all = useTypes.map((u) => u.code);
  if (landClassCode !== null && isPermanentClass(landClassCode))
    return {
      use: 'permanent_structure',
      basis: { field: 'landClassCode', value: landClassCode },
      disallowedUses: all,
    };
  if (changeType !== null && permanentWords.test(changeType))
    return {
      use: 'permanent_structure',
      basis: { field: 'changeType', value: changeType },
      disallowedUses: all,
    };
  const mining = all.filter((u) => !excavationUses.includes(u));
  if (landClassCode !== null && miningClasses.includes(landClassCode))
    return {
      use: 'mining',
      basis: { field: 'landClassCode', value: landClassCode },
      disallowedUses: mining,
    };
  if (changeType !== null && miningWords.test(changeType))
    return {
      use: 'mining',
      basis: { field: 'changeType', value: changeType },
      disallowedUses: mining,
    };
  return { use: 'unrestricted', disallowedUses: [] };
}

export const observedUseNames: Record<ObservedUse, { zh: string; en: string }> = {
  permanent_structure: { zh: '永久性建筑物', en: 'a permanent structure' },
  mining: { zh: '采矿或采石', en: 'mining or quarrying' },
  unrestricted: { zh: '与临时用地用途相符', en: 'consistent with temporary use' },
};
