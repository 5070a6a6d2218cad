// The temporary-land record as the rules see it (TL-REG-03, research §1.10): plain data,
// no storage concerns. Areas are square metres on the CGCS2000 ellipsoid; dates are
// 'YYYY-MM-DD' in Asia/Shanghai, stored as written.
import type { ApprovalLevel, ProjectClass } from './classification.ts';
import type { RecordState } from './lifecycle.ts';

/** Area by land class group (TL-REG-03): declared in the approval, or computed by overlay. */
export interface AreaBreakdown {
  /** 耕地 that is not permanent basic farmland. */
  cultivatedM2: number;
  /** 永久基本农田 (protection layer; counted separately from ordinary cultivated land). */
  farmlandM2: number;
  forestM2: number;
  otherAgriculturalM2: number;
  constructionM2: number;
  unusedM2: number;
}

export interface Extension {
  approvalNumber: string;
  approvedOn: string;
  /** The new end date, as written. */
  newTermEnd: string;
  /** Area of the extended parcel (m²); it may not grow (TL-TERM-05). */
  areaM2: number;
  /** Whether the extended boundary lies within the original one (from the overlay). */
  withinOriginalBoundary: boolean;
}

export interface TemporaryLandRecord {
  id: string;
  systemNumber: string | null;
  divisionCode: string;
  state: RecordState;
  project: {
    name: string;
    projectClass: ProjectClass;
    /** Long construction period (建设周期较长), TL-TERM-04. */
    longCycle: boolean;
    /** Integrated oil-gas exploration and production (油气探采合一), TL-TERM-03. */
    oilGasIntegrated: boolean;
    owner: string;
    landUser: string;
  };
  useType: string;
  approval: {
    number: string | null;
    date: string | null;
    body: string | null;
    level: ApprovalLevel | null;
  };
  /** Term as written in the approval; start defaults to the approval date (TL-TERM-05). */
  termStart: string | null;
  termEnd: string | null;
  extensions: readonly Extension[];
  /** Entered by stock back-fill (TL-STOCK-01) rather than registered after approval. */
  backfilled: boolean;
  /** Date the parcel entered the register (上图入库), or null. */
  registeredOn: string | null;
  /** Area on the ellipsoid, from the boundary. */
  areaM2: number;
  /** Area written in the approval or the file header. */
  declaredAreaM2: number | null;
  declaredBreakdown: AreaBreakdown | null;
  hasBoundary: boolean;
  contractAttached: boolean;
  photoCount: number;
  /** TL-PBF-02 conditions for railway beam yards and mixing plants. */
  railwayException: {
    planReviewed: boolean;
    commitmentSigned: boolean;
    completionDeadline: string | null;
  } | null;
  /** TL-PBF-01: the plan states that the original cultivation conditions will be restored. */
  restoresCultivation: boolean;
  /** Set when the record was assigned from another project (TL-REUSE-01). */
  reassignedFromProject: string | null;
  /** TL-RECL-03: reclamation deadline extended for climate or disaster, applied for in time. */
  reclamationExtension: {
    newDeadline: string;
    appliedOn: string;
    cause: 'climate' | 'disaster';
  } | null;
  disclosure: { publishedOn: string | null; where: string | null };
}

/** What the overlay in PostGIS found for a parcel (areas in m² on the ellipsoid). */
export interface OverlayFacts {
  breakdown: AreaBreakdown;
  /** Part of the parcel not covered by the land-class layer (no survey data there). */
  unsurveyedM2: number;
  /** Registered parcels this one overlaps, with the shared area. */
  overlaps: readonly { recordId: string; systemNumber: string | null; sharedM2: number }[];
}

export const squareMetresPerMu = 10_000 / 15;

export function toMu(areaM2: number): number {
  return areaM2 / squareMetresPerMu;
}

export function toHectares(areaM2: number): number {
  return areaM2 / 10_000;
}
