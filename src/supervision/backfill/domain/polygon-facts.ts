// What a 2021 land-change-survey temporary-land polygon says about itself (TL-STOCK-01): its
// patch number, approval, term, reclamation and acceptance, whether permanent structures stand
// on it and whether it is still used — read from the attribute names bureaus use (Chinese or
// English; docs/backfill.md lists them). Values that cannot be understood are located problems,
// never guesses. Pure: no I/O.
import type { Problem } from '../../../platform/errors.ts';
import { shown } from '../../../platform/control-characters.ts';
import { isIsoDate } from '../../../platform/time/iso-date.ts';
import {
  attribute,
  attributeByNames,
  attributeNames as recordFieldNames,
  dateFrom,
} from '../../../register/import/attribute-names.ts';

/** Attribute names understood for the back-fill, beyond the register's record fields. */
export const backfillAttributeNames = {
  surveyCode: ['图斑编号', 'TBBH', 'tbbh', '标识码', 'BSM', 'bsm', 'surveyCode', 'survey_code'],
  term: ['使用期限', '用地期限', '批准期限', '临时用地期限', 'term', 'termText', 'term_text'],
  reclamation: [
    '复垦验收',
    '复垦状态',
    '复垦情况',
    '复垦验收情况',
    '是否复垦',
    'reclamationStatus',
    'reclamation_status',
  ],
  acceptedOn: [
    '验收日期',
    '复垦验收日期',
    '验收时间',
    'acceptedOn',
    'accepted_on',
    'reclamationAcceptedOn',
  ],
  permanentStructure: [
    '永久建筑',
    '永久性建筑',
    '永久性建（构）筑物',
    '是否建有永久性建（构）筑物',
    '是否永久建筑',
    'permanentStructure',
    'permanent_structure',
  ],
  inUse: ['是否在用', '是否仍在使用', '使用状态', 'inUse', 'in_use'],
  currentUse: ['现状', '利用现状', '现状描述', '土地现状', 'currentUse', 'current_use'],
  location: ['ZLDWDM', 'zldwdm', '坐落单位代码'],
} as const;

/** A value as recognised, with the attribute it came from and the text as written. */
export interface Written<T> {
  value: T;
  field: string;
  written: string;
}

export const reclamationStates = ['not_reclaimed', 'under_way', 'reclaimed', 'accepted'] as const;
export type ReclamationState = (typeof reclamationStates)[number];

export interface PolygonFacts {
  surveyCode: string | null;
  approvalNumber: string | null;
  approvalDate: Written<string> | null;
  termStart: Written<string> | null;
  termEnd: Written<string> | null;
  /** A term written as a duration only (使用期限 "2年"), in months. */
  termMonths: Written<number> | null;
  reclamation: Written<ReclamationState> | null;
  acceptedOn: Written<string> | null;
  permanentStructure: Written<boolean> | null;
  inUse: Written<boolean> | null;
  /** 现状: the current use described in words; read for keywords by the classifier. */
  currentUse: { field: string; written: string } | null;
  /** The county the polygon lies in, when the file says (ZLDWDM / 行政区代码). */
  locatedIn: Written<string> | null;
}

/** The first of `names` present, with the name it was found under. */
function find(
  properties: Readonly<Record<string, unknown>>,
  names: readonly string[],
): { field: string; written: string } | null {
  for (const field of names) {
    const written = attributeByNames(properties, [field]);
    if (written !== undefined) return { field, written };
  }
  return null;
}

const yes = ['是', '有', 'y', 'yes', 'true', '1', '已建', '存在'];
const no = ['否', '无', 'n', 'no', 'false', '0', '未建', '不存在'];
/** 使用状态 values. */
const inUseWords = ['在用', '使用中', '仍在使用', '正在使用'];
const idleWords = ['停用', '闲置', '未使用', '已停止使用', '已撤场'];

export function booleanFrom(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (yes.includes(t)) return true;
  if (no.includes(t)) return false;
  return undefined;
}

/**
 * 复垦验收 / 复垦状态 as written: 已验收 (accepted), 已复垦 (done, acceptance pending), 复垦中
 * (under way), 未复垦 / 未验收 (not reclaimed, as far as the record shows); 是/否 for 是否复垦.
 */
export function reclamationFrom(text: string): ReclamationState | undefined {
  const t = text.replace(/\s/g, '');
  if (/^(已验收|验收合格|通过验收|已通过验收|已复垦并验收|已复垦已验收)$/.test(t))
    return 'accepted';
  if (/^(已复垦|复垦完成|已复耕|已复垦未验收|已复垦待验收|是)$/.test(t)) return 'reclaimed';
  if (/^(复垦中|正在复垦|在复垦|复垦实施中)$/.test(t)) return 'under_way';
  if (/^(未复垦|未验收|未开始|否|无)$/.test(t)) return 'not_reclaimed';
  const lower = t.toLowerCase();
  return (reclamationStates as readonly string[]).includes(lower)
    ? (lower as ReclamationState)
    : undefined;
}

const chineseNumbers: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };

/**
 * 使用期限 as written: a range (2019-03-01至2021-02-28, 2019.3.1-2021.2.28) or a duration
 * (2年, 两年, 24个月, 18月). Returns undefined when it is neither.
 */
export function termFrom(
  text: string,
): { start: string; end: string } | { months: number } | undefined {
  const t = text.replace(/\s/g, '');
  const range =
    /^(.+?)(?:至|到|~|～|—|－|--)(.+)$/.exec(t) ?? /^(\d{4}\D.+?\d)-(\d{4}\D.+)$/.exec(t);
  if (range) {
    const start = dateFrom(range[1]);
    const end = dateFrom(range[2]);
    if (start && end && isIsoDate(start) && isIsoDate(end)) return { start, end };
    return undefined;
  }
  const duration = /^(\d+(?:\.\d+)?|[一二两三四五])(年|个月|月)$/.exec(t);
  if (!duration) return undefined;
  const n = chineseNumbers[duration[1]!] ?? Number(duration[1]);
  const months = duration[2] === '年' ? n * 12 : n;
  return Number.isInteger(months) && months > 0 ? { months } : undefined;
}

function problem(
  code: string,
  zh: string,
  en: string,
  where: { file: string; feature: number },
  field: string,
): Problem {
  return { code, messageZh: zh, messageEn: en, location: { ...where, field } };
}

/** Reads a polygon's facts; every value that cannot be understood is a located problem. */
export function polygonFacts(
  properties: Readonly<Record<string, unknown>>,
  where: { file: string; feature: number },
): { facts: PolygonFacts; problems: Problem[] } {
  const problems: Problem[] = [];
  const unrecognised = (field: string, written: string, expected: string, expectedEn: string) =>
    problems.push(
      problem(
        'BACKFILL_VALUE_UNRECOGNISED',
        `属性“${shown(field)}”的值“${shown(written)}”无法识别（应为${expected}）`,
        `attribute "${shown(field)}" holds "${shown(written)}", which is not understood (expected ${expectedEn})`,
        where,
        field,
      ),
    );

  const dateOf = (names: readonly string[]): Written<string> | null => {
    const found = find(properties, names);
    if (!found) return null;
    const value = dateFrom(found.written);
    if (value && isIsoDate(value)) return { ...found, value };
    unrecognised(found.field, found.written, '日期，如 2021-03-01', 'a date such as 2021-03-01');
    return null;
  };
  const recordDate = (field: 'approvalDate' | 'termStart' | 'termEnd') =>
    dateOf(recordFieldNames[field]);

  const approvalDate = recordDate('approvalDate');
  let termStart = recordDate('termStart');
  let termEnd = recordDate('termEnd');
  let termMonths: Written<number> | null = null;
  const term = find(properties, backfillAttributeNames.term);
  if (term) {
    const parsed = termFrom(term.written);
    if (!parsed) {
      unrecognised(
        term.field,
        term.written,
        '起止日期（2019-03-01至2021-02-28）或期限（2年、24个月）',
        'a date range (2019-03-01至2021-02-28) or a duration (2年, 24个月)',
      );
    } else if ('months' in parsed) {
      termMonths = { ...term, value: parsed.months };
    } else {
      // Explicit start and end fields win; a range that contradicts them is a problem.
      const conflicts =
        (termStart && termStart.value !== parsed.start) ||
        (termEnd && termEnd.value !== parsed.end);
      if (conflicts) {
        problems.push(
          problem(
            'BACKFILL_TERM_CONFLICT',
            `使用期限“${shown(term.written)}”与起止日期字段不一致`,
            `the term "${shown(term.written)}" contradicts the start and end fields`,
            where,
            term.field,
          ),
        );
      }
      termStart ??= { ...term, value: parsed.start };
      termEnd ??= { ...term, value: parsed.end };
    }
  }

  const flag = (names: readonly string[], read: (t: string) => boolean | undefined) => {
    const found = find(properties, names);
    if (!found) return null;
    const value = read(found.written);
    if (value !== undefined) return { ...found, value };
    unrecognised(found.field, found.written, '是/否', 'yes or no (是/否)');
    return null;
  };
  const permanentStructure = flag(backfillAttributeNames.permanentStructure, booleanFrom);
  const inUse = flag(backfillAttributeNames.inUse, (t) =>
    inUseWords.includes(t.trim()) ? true : idleWords.includes(t.trim()) ? false : booleanFrom(t),
  );

  let reclamation: Written<ReclamationState> | null = null;
  const reclaimed = find(properties, backfillAttributeNames.reclamation);
  if (reclaimed) {
    const value = reclamationFrom(reclaimed.written);
    if (value) reclamation = { ...reclaimed, value };
    else
      unrecognised(
        reclaimed.field,
        reclaimed.written,
        '已验收、已复垦、复垦中或未复垦',
        '已验收 (accepted), 已复垦 (reclaimed), 复垦中 (under way) or 未复垦 (not reclaimed)',
      );
  }

  let locatedIn: Written<string> | null = null;
  const location =
    find(properties, backfillAttributeNames.location) ??
    find(properties, recordFieldNames.divisionCode);
  if (location) {
    if (/^\d{6}/.test(location.written))
      locatedIn = { ...location, value: location.written.slice(0, 6) };
    else unrecognised(location.field, location.written, '行政区划代码', 'a division code');
  }

  return {
    facts: {
      surveyCode: attributeByNames(properties, backfillAttributeNames.surveyCode) ?? null,
      approvalNumber: attribute(properties, 'approvalNumber') ?? null,
      approvalDate,
      termStart,
      termEnd,
      termMonths,
      reclamation,
      acceptedOn: dateOf(backfillAttributeNames.acceptedOn),
      permanentStructure,
      inUse,
      currentUse: find(properties, backfillAttributeNames.currentUse),
      locatedIn,
    },
    problems,
  };
}
