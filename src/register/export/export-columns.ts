// The attributes every export carries, in this order, with their type and Chinese label. One
// list for every format: GeoJSON properties, Shapefile DBF fields, GeoPackage and CSV columns,
// KML ExtendedData. The names are ones the importers understand (docs/exchange-formats.md).

export type ColumnType = 'text' | 'date' | 'real' | 'integer';

/** One record's attributes as exported; dates are 'YYYY-MM-DD', areas in m² on the ellipsoid. */
export interface ExportRow {
  id: string;
  systemNumber: string | null;
  divisionCode: string;
  state: string;
  projectName: string;
  projectClass: string;
  useType: string;
  approvalNumber: string | null;
  approvalDate: string | null;
  approvalBody: string | null;
  approvalLevel: string | null;
  termStart: string | null;
  termEnd: string | null;
  projectOwner: string | null;
  landUser: string | null;
  declaredAreaM2: number | null;
  areaM2: number;
  version: number;
}

export interface ExportColumn {
  name: keyof ExportRow;
  /** The temporary_land column it comes from. */
  source: string;
  type: ColumnType;
  /** Label for people: KML displayName, the GeoPackage column description. */
  zh: string;
}

export const exportColumns: readonly ExportColumn[] = [
  { name: 'id', source: 'id', type: 'text', zh: '记录标识' },
  { name: 'systemNumber', source: 'system_number', type: 'text', zh: '系统编号' },
  { name: 'divisionCode', source: 'division_code', type: 'text', zh: '行政区代码' },
  { name: 'state', source: 'state', type: 'text', zh: '状态' },
  { name: 'projectName', source: 'project_name', type: 'text', zh: '项目名称' },
  { name: 'projectClass', source: 'project_class', type: 'text', zh: '项目类别' },
  { name: 'useType', source: 'use_type', type: 'text', zh: '用途' },
  { name: 'approvalNumber', source: 'approval_number', type: 'text', zh: '批准文号' },
  { name: 'approvalDate', source: 'approval_date', type: 'date', zh: '批准日期' },
  { name: 'approvalBody', source: 'approval_body', type: 'text', zh: '批准机关' },
  { name: 'approvalLevel', source: 'approval_level', type: 'text', zh: '批准层级' },
  { name: 'termStart', source: 'term_start', type: 'date', zh: '起始日期' },
  { name: 'termEnd', source: 'term_end', type: 'date', zh: '终止日期' },
  { name: 'projectOwner', source: 'project_owner', type: 'text', zh: '建设单位' },
  { name: 'landUser', source: 'land_user', type: 'text', zh: '用地单位' },
  { name: 'declaredAreaM2', source: 'declared_area_m2', type: 'real', zh: '申报面积（平方米）' },
  { name: 'areaM2', source: 'area_m2', type: 'real', zh: '面积（平方米）' },
  { name: 'version', source: 'version', type: 'integer', zh: '版本' },
];

/** A value as text for formats without types (CSV, KML): null stays null, numbers exact. */
export function valueText(value: string | number | null): string | null {
  return value === null ? null : String(value);
}
