// The API shapes the web application reads (see /docs for the full OpenAPI description).
import type { AreaBreakdown } from '../../../src/register/domain/record.ts';
import type { ReclamationDeadline } from '../../../src/register/domain/rules/reclamation-rules.ts';
import type { Problem } from './http.ts';

export type Role = 'ministry' | 'province' | 'city' | 'county' | 'enterprise' | 'public';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  divisionCode: string;
  organization: string | null;
  isAdmin: boolean;
}

export type Breakdown = AreaBreakdown;

export interface Finding {
  code: string;
  /** error, warning or info */
  severity: string;
  messageZh: string;
  messageEn: string;
}

export interface RecordSummary {
  id: string;
  systemNumber: string | null;
  divisionCode: string;
  state: string;
  projectName: string;
  useType: string;
  approvalNumber: string | null;
  approvalDate: string | null;
  termEnd: string | null;
  areaM2: number | null;
  version: number;
  updatedAt: string | null;
}

export interface RecordView {
  id: string;
  systemNumber: string | null;
  divisionCode: string;
  state: string;
  stateName: { zh: string; en: string };
  projectName?: string;
  projectClass?: string;
  projectOwner?: string | null;
  landUser?: string | null;
  useType?: string;
  approvalNumber?: string | null;
  approvalDate?: string | null;
  approvalBody?: string | null;
  approvalLevel?: string | null;
  termStart?: string | null;
  termEnd?: string | null;
  declaredAreaM2?: number | null;
  declaredBreakdown?: Breakdown | null;
  disclosurePublishedOn?: string | null;
  registeredOn: string | null;
  geometry: GeoJSON.MultiPolygon | GeoJSON.Polygon | null;
  area: { m2: number | null; mu: number | null; ha: number | null };
  computedBreakdown: (Breakdown & { unsurveyedM2: number; computedAt: string }) | null;
  availableActions: string[];
  findings: (Finding & { evidence: Record<string, unknown> })[];
  findingsAsOf: string;
  /** TL-RECL-01/03: when the land must be reclaimed; null when the term is unknown. */
  reclamationDeadline: ReclamationDeadline | null;
  version: number;
}

export interface HistoryVersion {
  version: number;
  action: string;
  changedAt: string;
  changedBy: string;
  reason: string;
  changes: { field: string; from: unknown; to: unknown }[];
}

export interface Attachment {
  id: string;
  kind: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  status: string;
  createdAt: string;
}

export interface Division {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  /** The parent's name (a county's city or province). */
  parentName: string | null;
}

export interface CheckedFeature {
  feature: number;
  id: string;
  name: string;
  area_m2: number | null;
  area_mu: number | null;
  area_ha: number | null;
  repaired: boolean;
  findings: Finding[];
  geometry: GeoJSON.MultiPolygon | null;
  /** Polygon part (GeoJSON, WKT, WKB) and ring, as the problems' location numbers them. */
  rings: { part?: number; ring: number; coordinates: [number, number][] }[];
  declaredAreaM2: number | null;
  computedBreakdown: (Breakdown & { unsurveyedM2: number }) | null;
}

export interface CheckReport {
  file: string;
  format: string;
  crs: string;
  features: CheckedFeature[];
  errors: Problem[];
  warnings: Problem[];
}

export interface ImportResult {
  dryRun: boolean;
  records: {
    file: string;
    feature: number;
    id: string;
    systemNumber: string | null;
    areaM2: number | null;
    findings: number;
  }[];
  warnings: Problem[];
}
