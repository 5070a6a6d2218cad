// The 通报 (supervision bulletin) as one self-contained, printable HTML page (A4, no external
// resources): title, as-of date and issuing division, paragraphs written from the numbers,
// the ranking, findings by rule, overdue rectification orders and the map. Chinese first;
// English with lang = 'en'. Every name is escaped. No time of generation is printed, so the
// same report gives the same bytes.
import { severityWeights } from './domain/ranking.ts';
import {
  causeNames,
  groundsNames,
  nameOf,
  ruleName,
  stateNames,
  type Lang,
} from './domain/report-labels.ts';
import { escapeHtml } from './html-escape.ts';
import { ha, mu, percent, say, type Cell } from './report-tables.ts';
import type { RankingReport, ReportSummary } from './reports.service.ts';

export interface BulletinInput {
  summary: ReportSummary;
  ranking: RankingReport;
  /** The map's SVG and legend, or null when nothing has a place to draw. */
  map: { svg: string; legend: string } | null;
  lang: Lang;
}

/** Rows of the ranking and of the overdue orders shown in the bulletin (the exports hold all). */
const maxRows = 30;

const levelWords: Record<string, Record<Lang, string>> = {
  province: { zh: '省（区、市）', en: 'provinces' },
  city: { zh: '市（州）', en: 'cities' },
  county: { zh: '县（市、区）', en: 'counties' },
};

function dateText(date: string, lang: Lang): string {
  const [y, m, d] = date.split('-').map(Number);
  return lang === 'zh' ? `${y}年${m}月${d}日` : date;
}

function table(
  columns: readonly string[],
  rows: readonly Cell[][],
  numeric: readonly number[] = [],
) {
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        '<tr>' +
        row
          .map((cell, i) => {
            const cls = numeric.includes(i) ? ' class="num"' : '';
            return `<td${cls}>${escapeHtml(cell === null ? '—' : String(cell))}</td>`;
          })
          .join('') +
        '</tr>',
    )
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function overview(s: ReportSummary, lang: Lang): string[] {
  const when = dateText(s.asOf, lang);
  const name = s.division.name;
  const states = s.records.byState
    .filter((x) => x.count > 0)
    .map((x) =>
      say(
        lang,
        `${nameOf(stateNames, x.key, lang)} ${x.count} 宗`,
        `${x.count} ${nameOf(stateNames, x.key, lang)}`,
      ),
    );
  const braked = s.countyBrake.counties.filter((c) => c.on);
  const causes = s.enforcement.uncoveredByCause
    .filter((c) => c.areaM2 > 0)
    .map((c) =>
      say(
        lang,
        `${nameOf(causeNames, c.key, lang)} ${mu(c.areaM2)} 亩`,
        `${nameOf(causeNames, c.key, lang)} ${mu(c.areaM2)} mu`,
      ),
    );
  const count = (rows: readonly { key: string; count: number }[], ...keys: string[]) =>
    rows.filter((r) => keys.includes(r.key)).reduce((a, r) => a + r.count, 0);
  const ordersLive = count(s.rectification.byStatus, 'open', 'rectified');
  const casesLive = count(s.illegalCases.byStatus, 'open', 'investigating');
  const writtenOff = count(s.writeOffs.byStatus, 'confirmed');
  const pending = count(s.writeOffs.byStatus, 'pending');
  const threshold = braked[0]?.threshold ?? s.countyBrake.counties[0]?.threshold;
  return [
    say(
      lang,
      `截至${when}，${name}上图入库临时用地 ${s.records.total} 宗，面积 ${mu(s.records.areaM2)} 亩（${ha(s.records.areaM2)} 公顷）${states.length ? `，其中${states.join('、')}` : ''}。`,
      `As of ${when}, ${name} has ${s.records.total} temporary-land records in the register covering ${mu(s.records.areaM2)} mu (${ha(s.records.areaM2)} ha)${states.length ? `: ${states.join(', ')}` : ''}.`,
    ),
    say(
      lang,
      `现有有效监管发现 ${s.findings.live} 条，其中严重问题 ${s.findings.liveErrors} 条；累计发现 ${s.findings.total} 条。`,
      `${s.findings.live} findings are live, ${s.findings.liveErrors} of them errors; ${s.findings.total} findings have been recorded in all.`,
    ),
    braked.length
      ? say(
          lang,
          `${braked.length} 个县（市、区）逾期一年以上未复垦面积达到应复垦面积的 ${percent(threshold ?? 0)}，整改前暂停审批新的临时用地（TL-SUP-06）：${braked.map((c) => c.divisionName).join('、')}。`,
          `In ${braked.length} ${braked.length === 1 ? 'county' : 'counties'} the area overdue for reclamation by more than a year reached ${percent(threshold ?? 0)} of the area due, so new temporary-land approvals stop until they rectify (TL-SUP-06): ${braked.map((c) => c.divisionName).join(', ')}.`,
        )
      : say(
          lang,
          '没有县（市、区）触发暂停审批（TL-SUP-06）。',
          'No county has reached the county brake (TL-SUP-06).',
        ),
    say(
      lang,
      `卫片执法和变更调查图斑中未被合法临时用地覆盖的面积 ${mu(s.enforcement.uncoveredM2)} 亩${causes.length ? `，其中${causes.join('、')}` : ''}。`,
      `${mu(s.enforcement.uncoveredM2)} mu of satellite-enforcement and change-survey polygons are not covered by lawful temporary land${causes.length ? `: ${causes.join(', ')}` : ''}.`,
    ),
    say(
      lang,
      `限期整改通知在办 ${ordersLive} 份，其中逾期未整改 ${s.rectification.overdue.length} 份；违法用地案件在办 ${casesLive} 件；已核销 ${writtenOff} 宗，待上级确认 ${pending} 宗。`,
      `${ordersLive} rectification orders are in progress, ${s.rectification.overdue.length} of them past their deadline; ${casesLive} illegal-land-use cases are open; ${writtenOff} records have been written off and ${pending} write-offs await confirmation.`,
    ),
  ];
}

function rankingSection(r: RankingReport, lang: Lang): string {
  const level = levelWords[r.level]?.[lang] ?? r.level;
  const scored = r.rows.filter((row) => row.score > 0);
  const top = scored.filter((row) => row.rank === 1).map((row) => row.divisionName);
  const intro = scored.length
    ? say(
        lang,
        `按有效监管发现计分排名（严重问题 ${severityWeights.error} 分、一般问题 ${severityWeights.warning} 分），得分最高的是${top.join('、')}。共 ${scored.length} 个${level}有有效监管发现。`,
        `Ranked by live findings (an error scores ${severityWeights.error}, a warning ${severityWeights.warning}); highest: ${top.join(', ')}. ${scored.length} ${level} have live findings.`,
      )
    : say(lang, `各${level}均无有效监管发现。`, `No ${level} have live findings.`);
  const shown = scored.slice(0, maxRows);
  const ruleCodes = r.ruleCodes.length <= 6 ? r.ruleCodes : [];
  const columns = [
    say(lang, '排名', 'Rank'),
    say(lang, '行政区划', 'Division'),
    say(lang, '得分', 'Score'),
    say(lang, '严重', 'Errors'),
    say(lang, '一般', 'Warnings'),
    say(lang, '每百宗得分', 'Per 100 records'),
    say(lang, '暂停审批县数', 'Brakes on'),
    say(lang, '上图入库（宗）', 'Records'),
    say(lang, '面积（亩）', 'Area (mu)'),
    ...ruleCodes,
  ];
  const rows = shown.map((row) => [
    row.rank,
    row.divisionName,
    row.score,
    row.errors,
    row.warnings,
    row.scorePer100Records,
    row.brakesOn,
    row.records,
    mu(row.areaM2),
    ...ruleCodes.map((code) => row.byRule[code] ?? 0),
  ]);
  const more =
    scored.length > shown.length
      ? `<p class="note">${escapeHtml(say(lang, `仅列前 ${maxRows} 名，完整排名见导出文件。`, `Only the first ${maxRows} are listed; the export holds the whole ranking.`))}</p>`
      : '';
  return (
    `<p>${escapeHtml(intro)}</p>` +
    (shown.length
      ? table(columns, rows, [0, 2, 3, 4, 5, 6, 7, 8, ...ruleCodes.map((_, i) => 9 + i)])
      : '') +
    more
  );
}

function findingsSection(s: ReportSummary, lang: Lang): string {
  const codes = [...new Set(s.findings.byRule.map((f) => f.ruleCode))];
  if (!codes.length) return `<p>${escapeHtml(say(lang, '无监管发现。', 'No findings.'))}</p>`;
  const n = (code: string, pick: (f: ReportSummary['findings']['byRule'][number]) => boolean) =>
    s.findings.byRule
      .filter((f) => f.ruleCode === code && pick(f))
      .reduce((a, f) => a + f.count, 0);
  const live = (f: { status: string }) => f.status === 'open' || f.status === 'acknowledged';
  return table(
    [
      say(lang, '规则', 'Rule'),
      say(lang, '内容', 'What it checks'),
      say(lang, '有效（严重）', 'Live errors'),
      say(lang, '有效（一般）', 'Live warnings'),
      say(lang, '已整改', 'Rectified'),
      say(lang, '已关闭', 'Closed'),
    ],
    codes.map((code) => [
      code,
      ruleName(code, lang),
      n(code, (f) => live(f) && f.severity === 'error'),
      n(code, (f) => live(f) && f.severity === 'warning'),
      n(code, (f) => f.status === 'rectified'),
      n(code, (f) => f.status === 'closed'),
    ]),
    [2, 3, 4, 5],
  );
}

function overdueSection(s: ReportSummary, lang: Lang): string {
  const orders = s.rectification.overdue;
  if (!orders.length)
    return `<p>${escapeHtml(say(lang, '无逾期未整改的整改通知。', 'No rectification order is past its deadline.'))}</p>`;
  const shown = orders.slice(0, maxRows);
  const more =
    orders.length > shown.length
      ? `<p class="note">${escapeHtml(say(lang, `共 ${orders.length} 份，仅列逾期最久的 ${maxRows} 份。`, `${orders.length} in all; the ${maxRows} longest overdue are listed.`))}</p>`
      : '';
  return (
    table(
      [
        say(lang, '行政区划', 'Division'),
        say(lang, '系统编号', 'System number'),
        say(lang, '项目', 'Project'),
        say(lang, '整改事由', 'Grounds'),
        say(lang, '整改期限', 'Deadline'),
        say(lang, '逾期天数', 'Days overdue'),
      ],
      shown.map((o) => [
        o.divisionName,
        o.systemNumber,
        o.projectName,
        nameOf(groundsNames, o.grounds, lang),
        o.deadline,
        o.daysOverdue,
      ]),
      [5],
    ) + more
  );
}

const css = `@page{size:A4;margin:18mm 16mm}
body{font-family:"SimSun","Songti SC","Noto Serif CJK SC",serif;font-size:11pt;line-height:1.6;color:#111;max-width:178mm;margin:0 auto}
h1{font-size:20pt;text-align:center;color:#b71c1c;margin:0 0 4pt}
.meta{text-align:center;margin:0 0 12pt;border-bottom:2px solid #b71c1c;padding-bottom:6pt}
h2{font-size:13pt;margin:14pt 0 6pt}
p{text-indent:2em;margin:4pt 0}
p.note{text-indent:0;font-size:9pt;color:#444}
table{border-collapse:collapse;width:100%;font-size:9pt;margin:6pt 0}
th,td{border:1px solid #555;padding:2pt 4pt;text-align:left}
th{background:#eee}
td.num{text-align:right}
tr,svg{page-break-inside:avoid;break-inside:avoid}
.provisional{color:#b71c1c;text-align:center;font-weight:bold}
ul.legend{list-style:none;padding:0;margin:4pt 0;font-size:9pt}
ul.legend li{display:inline-block;margin-right:12pt}
.swatch{display:inline-block;width:10pt;height:10pt;margin-right:4pt;vertical-align:middle;opacity:.75}
figure{margin:6pt 0}`;

export function bulletinHtml({ summary: s, ranking, map, lang }: BulletinInput): string {
  const title = say(
    lang,
    `${s.division.name}临时用地监管情况通报`,
    `Temporary land supervision bulletin: ${s.division.name}`,
  );
  const level = levelWords[ranking.level]?.[lang] ?? ranking.level;
  const section = (n: string, zh: string, en: string) =>
    `<h2>${escapeHtml(say(lang, `${n}、${zh}`, en))}</h2>`;
  const paragraphs = overview(s, lang)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('');
  const provisional = s.provisional
    ? `<p class="provisional">${escapeHtml(say(lang, '截止时间未到，本通报数据可能变化（暂定稿）', 'Provisional: the as-of day is not over and the numbers may change'))}</p>`
    : '';
  return (
    `<!DOCTYPE html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(title)}</title><style>${css}</style></head><body>` +
    `<h1>${escapeHtml(title)}</h1>` +
    `<p class="meta">${escapeHtml(
      say(
        lang,
        `通报单位：${s.division.name}（${s.division.code}），数据截至：${dateText(s.asOf, lang)} 24 时（北京时间）`,
        `Issued by ${s.division.name} (${s.division.code}) · data as of the end of ${s.asOf} (Beijing time)`,
      ),
    )}</p>` +
    provisional +
    section('一', '总体情况', 'Overview') +
    paragraphs +
    section('二', `${level}排名`, `Ranking of ${level}`) +
    rankingSection(ranking, lang) +
    section('三', '监管发现分类统计', 'Findings by rule') +
    findingsSection(s, lang) +
    section('四', '逾期未整改的限期整改通知', 'Rectification orders past their deadline') +
    overdueSection(s, lang) +
    section('五', '分布图', 'Map') +
    (map
      ? `<figure>${map.svg}<figcaption>${map.legend}</figcaption></figure>`
      : `<p>${escapeHtml(say(lang, '无可绘制的图形。', 'Nothing to draw.'))}</p>`) +
    `<p class="note">${escapeHtml(
      say(
        lang,
        `说明：得分 = 严重问题数 × ${severityWeights.error} + 一般问题数 × ${severityWeights.warning}（仅计待处理和已确认的发现）；得分相同时依次比较严重问题数、有效发现数，仍相同者并列，按行政区划代码排列。数据为截至当日 24 时系统记录的状态，依据历史版本重建，此后的变更不影响本通报。`,
        `Notes: score = errors × ${severityWeights.error} + warnings × ${severityWeights.warning}, counting open and acknowledged findings; equal scores are ordered by errors, then live findings, and divisions equal on all three share a rank, listed by code. The data are the state recorded by the end of the as-of day, rebuilt from the stored history; later changes do not alter this bulletin.`,
      ),
    )}</p>` +
    '</body></html>\n'
  );
}
