// The attribute names imports understand, per record field: English (camelCase and
// snake_case) and the Chinese names bureaus use. docs/exchange-formats.md lists the same.
import {
  findUseType,
  projectClasses,
  projectClassNames,
  useTypes,
  type ApprovalLevel,
} from '../domain/classification.ts';

export const attributeNames = {
  projectName: ['projectName', 'project_name', '项目名称', '地块名称', 'name', '名称'],
  projectClass: ['projectClass', 'project_class', '项目类别', '项目类型'],
  useType: ['useType', 'use_type', '用途', '地块用途', '临时用地用途'],
  approvalNumber: ['approvalNumber', 'approval_number', '批准文号', '批复文号', '批文号'],
  approvalDate: ['approvalDate', 'approval_date', '批准日期', '批复日期', '批准时间'],
  approvalBody: ['approvalBody', 'approval_body', '批准机关', '审批机关'],
  approvalLevel: ['approvalLevel', 'approval_level', '批准层级', '审批层级'],
  termStart: ['termStart', 'term_start', '起始日期', '使用起始日期', '开始日期'],
  termEnd: ['termEnd', 'term_end', '终止日期', '使用终止日期', '截止日期', '结束日期'],
  projectOwner: ['projectOwner', 'project_owner', '建设单位', '项目业主'],
  landUser: ['landUser', 'land_user', '用地单位', '使用单位'],
  declaredAreaM2: ['declaredAreaM2', 'declared_area_m2', 'area_m2', '面积平方米', '申报面积'],
  declaredAreaHa: ['declaredAreaHa', 'area_ha', '地块面积', '面积公顷', '面积'],
  declaredAreaMu: ['declaredAreaMu', 'area_mu', '面积亩'],
  code: ['code', 'id', '地块编号', '编号'],
  divisionCode: ['divisionCode', 'division_code', '行政区代码', '行政区划代码', '县级行政区代码'],
} as const;

export type AttributeField = keyof typeof attributeNames;

/** Looks a field up by any of its accepted names; blank values count as absent. */
export function attribute(
  properties: Readonly<Record<string, unknown>>,
  field: AttributeField,
): string | undefined {
  return attributeByNames(properties, attributeNames[field]);
}

/** The first non-blank value among `names`, as text. */
export function attributeByNames(
  properties: Readonly<Record<string, unknown>>,
  names: readonly string[],
): string | undefined {
  for (const name of names) {
    const value = properties[name];
    if (value === undefined || value === null) continue;
    const text = (
      typeof value === 'string'
        ? value
        : typeof value === 'number'
          ? String(value)
          : JSON.stringify(value)
    ).trim();
    if (text !== '') return text;
  }
  return undefined;
}

/** A use type from its code or its Chinese name (as written in 地块用途). */
export function useTypeFrom(text: string | undefined): string | undefined {
  if (!text) return undefined;
  if (findUseType(text)) return text;
  const normalised = text.replace(/[（(）)\s]/g, '');
  return useTypes.find(
    (u) =>
      u.zh.replace(/[（(）)\s]/g, '') === normalised ||
      normalised.includes(u.zh.replace(/[（(）)\s]/g, '')),
  )?.code;
}

export function projectClassFrom(text: string | undefined): string | undefined {
  if (!text) return undefined;
  if ((projectClasses as readonly string[]).includes(text)) return text;
  return projectClasses.find(
    (c) => projectClassNames[c].zh === text || text.includes(projectClassNames[c].zh),
  );
}

export function approvalLevelFrom(text: string | undefined): ApprovalLevel | undefined {
  if (!text) return undefined;
  const map: Record<string, ApprovalLevel> = {
    county: 'county',
    city: 'city',
    province: 'province',
    ministry: 'ministry',
    县级: 'county',
    县: 'county',
    市级: 'city',
    市: 'city',
    省级: 'province',
    省: 'province',
    部级: 'ministry',
    部: 'ministry',
  };
  return map[text];
}

/** Dates as written in bureau files: 2026-3-2, 2026/03/02, 2026年3月2日, 20260302. */
export function dateFrom(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return text; // left as written: the record check reports it with its field
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** How a feature is named in messages: its parcel code, else its name, else its position. */
export function featureLabel(
  properties: Readonly<Record<string, unknown>>,
  feature: number,
): string {
  return attribute(properties, 'code') ?? attribute(properties, 'projectName') ?? `#${feature}`;
}
