// Reports as tables — a header row and rows of cells — the one shape the CSV, XLSX and HTML
// writers lay out. Headers and names in Chinese, or English with `lang = 'en'`. Areas are
// given in mu (亩, 2 decimals) and hectares (4 decimals), rounded here so that the same
// numbers always print the same way.
import { toHectares, toMu } from '../../register/domain/record.ts';
import { classLetters, type BackfillClass } from '../backfill/domain/classify.ts';
import {
  caseStatusNames,
  causeNames,
  classNames,
  findingStatusNames,
  nameOf,
  orderStatusNames,
  ruleHeading,
  severityNames,
  stateNames,
  writeOffStatusNames,
  type Lang,
} from './domain/report-labels.ts';
import type { RankingReport, ReportSummary } from './reports.service.ts';

export type Cell = string | number | null;

export interface ReportTable {
  /** Sheet name (≤ 31 characters, no []:*?/\). */
  sheet: string;
  columns: string[];
  rows: Cell[][];
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));
export const mu = (m2: number) => round(toMu(m2), 2);
export const ha = (m2: number) => round(toHectares(m2), 4);
export const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Picks the Chinese or the English text. */
export const say = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

export function rankingTable(r: RankingReport, lang: Lang): ReportTable {
  return {
    sheet: say(lang, '排名', 'ranking'),
    columns: [
      say(lang, '排名', 'rank'),
      say(lang, '行政区划代码', 'division code'),
      say(lang, '行政区划', 'division'),
      say(lang, '得分', 'score'),
      say(lang, '严重问题', 'errors'),
      say(lang, '一般问题', 'warnings'),
      say(lang, '有效发现', 'live findings'),
      say(lang, '每百宗得分', 'score per 100 records'),
      say(lang, '暂停审批县数', 'counties with brake on'),
      say(lang, '上图入库（宗）', 'records'),
      say(lang, '面积（亩）', 'area (mu)'),
      say(lang, '面积（公顷）', 'area (ha)'),
      ...r.ruleCodes.map((code) => ruleHeading(code, lang)),
    ],
    rows: r.rows.map((row) => [
      row.rank,
      row.divisionCode,
      row.divisionName,
      row.score,
      row.errors,
      row.warnings,
      row.live,
      row.scorePer100Records,
      row.brakesOn,
      row.records,
      mu(row.areaM2),
      ha(row.areaM2),
      ...r.ruleCodes.map((code) => row.byRule[code] ?? 0),
    ]),
  };
}

/** The summary in one long table: section, item, detail, count, area. */
export function summaryTable(s: ReportSummary, lang: Lang): ReportTable {
  const rows: Cell[][] = [];
  const add = (section: string, item: string, detail: string, count: number, areaM2?: number) =>
    rows.push([
      section,
      item,
      detail,
      count,
      areaM2 === undefined ? null : mu(areaM2),
      areaM2 === undefined ? null : ha(areaM2),
    ]);

  const records = say(lang, '上图入库临时用地', 'temporary-land records');
  for (const x of s.records.byState)
    add(records, nameOf(stateNames, x.key, lang), '', x.count, x.areaM2);
  add(records, say(lang, '合计', 'total'), '', s.records.total, s.records.areaM2);

  const findings = say(lang, '监管发现', 'findings');
  for (const f of s.findings.byRule) {
    const detail = `${nameOf(severityNames, f.severity, lang)} · ${nameOf(findingStatusNames, f.status, lang)}`;
    add(findings, ruleHeading(f.ruleCode, lang), detail, f.count);
  }

  const brake = say(lang, '县级暂停审批（TL-SUP-06）', 'county brake (TL-SUP-06)');
  for (const c of s.countyBrake.counties) {
    const state = c.on ? say(lang, '已触发', 'on') : say(lang, '未触发', 'off');
    const detail = say(
      lang,
      `逾期一年以上占应复垦 ${percent(c.share)}（阈值 ${percent(c.threshold)}），${state}`,
      `${percent(c.share)} of the area due is overdue by more than a year (threshold ${percent(c.threshold)}): ${state}`,
    );
    add(brake, `${c.divisionName}（${c.divisionCode}）`, detail, c.overdueCount, c.overdueM2);
  }

  const enforcement = say(
    lang,
    '卫片执法未覆盖面积（TL-ENF-01）',
    'enforcement: uncovered area (TL-ENF-01)',
  );
  for (const c of s.enforcement.uncoveredByCause)
    add(enforcement, nameOf(causeNames, c.key, lang), '', c.count, c.areaM2);

  const backfill = say(lang, '存量补录分类', 'back-fill classes');
  for (const c of s.backfill.byClass) {
    const letter = classLetters[c.key as BackfillClass] ?? '';
    add(backfill, `${letter} ${nameOf(classNames, c.key, lang)}`.trim(), '', c.count, c.areaM2);
  }

  const orders = say(lang, '限期整改通知', 'rectification orders');
  for (const o of s.rectification.byStatus)
    add(orders, nameOf(orderStatusNames, o.key, lang), '', o.count);
  add(orders, say(lang, '逾期未整改', 'overdue'), '', s.rectification.overdue.length);

  const cases = say(lang, '违法用地案件', 'illegal-land-use cases');
  for (const c of s.illegalCases.byStatus)
    add(cases, nameOf(caseStatusNames, c.key, lang), '', c.count);

  const writeOffs = say(lang, '核销', 'write-offs');
  for (const w of s.writeOffs.byStatus)
    add(writeOffs, nameOf(writeOffStatusNames, w.key, lang), '', w.count);

  return {
    sheet: say(lang, '汇总', 'summary'),
    columns: [
      say(lang, '类别', 'section'),
      say(lang, '项目', 'item'),
      say(lang, '说明', 'detail'),
      say(lang, '数量', 'count'),
      say(lang, '面积（亩）', 'area (mu)'),
      say(lang, '面积（公顷）', 'area (ha)'),
    ],
    rows,
  };
}

/** The lines above a table in a file: what it is, of where, as of when. */
export function reportCaption(
  kind: 'summary' | 'ranking',
  r: { asOf: string; provisional: boolean; division: { code: string; name: string } },
  lang: Lang,
): string {
  const what =
    kind === 'summary'
      ? say(lang, '临时用地监管汇总', 'supervision summary')
      : say(lang, '监管发现排名', 'ranking by findings');
  const note = r.provisional
    ? say(lang, '（截止时间未到，数据可能变化）', ' (provisional: the day is not over)')
    : '';
  return say(
    lang,
    `${r.division.name}（${r.division.code}）${what}，截至 ${r.asOf}${note}`,
    `${r.division.name} (${r.division.code}) ${what} as of ${r.asOf}${note}`,
  );
}
