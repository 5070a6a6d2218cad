// Plausible register attributes for a synthetic parcel: project, use, approval and term,
// declared area, and (for direct database loads) a lifecycle state. Text never holds a comma,
// so every value also fits the coordinate txt's header.
import { useTypes } from '../../src/register/domain/classification.ts';
import type { MiningSite } from './sites.ts';

/** Attribute names as the importers understand them (docs/import-formats.md). */
export interface ParcelAttributes {
  code: string;
  project_name: string;
  project_class: string;
  use_type: string;
  approval_number: string;
  approval_date: string;
  approval_body: string;
  approval_level: 'county' | 'city' | 'province';
  term_start: string;
  term_end: string;
  project_owner: string;
  land_user: string;
  /** Declared area, hectares (usually the planned area, sometimes off by up to 8 %). */
  area_ha: number;
  division_code: string;
}

export type DirectState = 'approved' | 'registered' | 'in_use' | 'expired';

const cities: Record<string, string> = {
  '3203': '徐州市',
  '1401': '太原市',
  '1402': '大同市',
  '1403': '阳泉市',
  '1404': '长治市',
  '1405': '晋城市',
  '1406': '朔州市',
  '1407': '晋中市',
  '1409': '忻州市',
  '1410': '临汾市',
  '1411': '吕梁市',
};

const projectKinds = [
  { cls: 'mining_survey', weight: 0.35, names: ['煤炭资源勘查', '煤层气勘查', '补充勘探'] },
  { cls: 'energy', weight: 0.3, names: ['煤矿改扩建工程', '光伏电站', '输变电工程'] },
  { cls: 'transport', weight: 0.15, names: ['运煤公路工程', '矿区道路改造'] },
  { cls: 'water', weight: 0.05, names: ['采煤塌陷区治理水利工程'] },
  { cls: 'railway', weight: 0.05, names: ['铁路专用线'] },
  { cls: 'oil_gas', weight: 0.02, names: ['煤层气开发'] },
  { cls: 'other', weight: 0.08, names: ['采煤塌陷区生态修复工程'] },
] as const;

const surveyUses = useTypes.filter((u) => u.category === 'survey');
const constructionUses = useTypes.filter((u) => u.category === 'construction');

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

const day = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const firstApproval = Date.UTC(2019, 0, 1);
const lastApproval = Date.UTC(2025, 11, 31);

export function parcelAttributes(
  rand: () => number,
  site: MiningSite,
  code: string,
  plannedAreaM2: number,
): { attributes: ParcelAttributes; state: DirectState } {
  let r = rand();
  const kind = projectKinds.find((k) => (r -= k.weight) < 0) ?? projectKinds[0];
  const surveying = kind.cls === 'mining_survey' || kind.cls === 'oil_gas';
  const use = pick(rand, surveying ? surveyUses : constructionUses);
  const approved =
    firstApproval + Math.floor(rand() * ((lastApproval - firstApproval) / day)) * day;
  const start = approved + Math.floor(rand() * 30) * day;
  const years = rand() < 0.8 ? 2 : 1;
  const startDate = new Date(start);
  const end =
    Date.UTC(startDate.getUTCFullYear() + years, startDate.getUTCMonth(), startDate.getUTCDate()) -
    day;
  const levelRoll = rand();
  const level = levelRoll < 0.6 ? 'county' : levelRoll < 0.9 ? 'city' : 'province';
  const body =
    level === 'county'
      ? `${site.county}自然资源局`
      : level === 'city'
        ? `${cities[site.divisionCode.slice(0, 4)] ?? ''}自然资源和规划局`
        : `${site.divisionCode.startsWith('32') ? '江苏省' : '山西省'}自然资源厅`;
  const year = new Date(approved).getUTCFullYear();
  const company = `${site.county}${site.mine}${kind.cls === 'energy' ? '能源' : '矿业'}有限公司`;
  const off = rand() < 0.05 ? 1 + (rand() - 0.5) * 0.16 : 1;
  const state: DirectState =
    end < Date.UTC(2026, 0, 1)
      ? 'expired'
      : rand() < 0.25
        ? 'approved'
        : rand() < 0.5
          ? 'registered'
          : 'in_use';
  return {
    attributes: {
      code,
      project_name: `${site.county}${site.mine}${pick(rand, kind.names)}（${use.zh}）`,
      project_class: kind.cls,
      use_type: use.code,
      approval_number: `${site.county}自然资临〔${year}〕${1 + Math.floor(rand() * 400)}号`,
      approval_date: isoDate(approved),
      approval_body: body,
      approval_level: level,
      term_start: isoDate(start),
      term_end: isoDate(end),
      project_owner: company,
      land_user: company,
      area_ha: Math.round((plannedAreaM2 / 10_000) * off * 10_000) / 10_000,
      division_code: site.divisionCode,
    },
    state,
  };
}
