// Reads an official holiday schedule (国务院办公厅关于部分节假日安排的通知) from a file, in one
// of three shapes, into per-year schedules. Every problem is reported with its line or key.
//   1. Reclaim JSON: {"year":2027,"source":"国办发明电〔2026〕N号",
//        "holidays":[{"date":"2027-01-01","nameZh":"元旦","nameEn":"New Year's Day"}],
//        "workdays":[{"date":"2027-02-06","nameZh":"春节调休","nameEn":"Spring Festival make-up day"}]}
//   2. chinese-days JSON (dist/years/YYYY.json or dist/chinese-days.json):
//        {"holidays":{"2027-01-01":"New Year's Day,元旦,1"},"workdays":{…}}
//   3. CSV with a header: date,kind,name_zh,name_en   (kind = holiday | workday)
import { AppError, type Problem } from '../../../platform/errors.ts';
import { isIsoDate, weekday, yearOf } from '../../../platform/time/iso-date.ts';
import type { DayKind } from './working-days.ts';

export interface ScheduleDay {
  date: string;
  kind: DayKind;
  nameZh: string;
  nameEn: string;
}

export interface YearSchedule {
  year: number;
  source: string;
  days: ScheduleDay[];
}

interface RawDay extends ScheduleDay {
  where: { line?: number; field?: string };
}

const problem = (file: string, where: RawDay['where'], zh: string, en: string): Problem => ({
  code: 'CALENDAR_INVALID',
  messageZh: zh,
  messageEn: en,
  location: { file, ...where },
});

function fromReclaimJson(doc: Record<string, unknown>): RawDay[] {
  const out: RawDay[] = [];
  for (const kind of ['holidays', 'workdays'] as const) {
    const list = doc[kind];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new TypeError(`"${kind}" must be a list`);
    list.forEach((entry: unknown, i) => {
      const e = (entry ?? {}) as Record<string, unknown>;
      const text = (v: unknown) => (typeof v === 'string' ? v : '');
      out.push({
        date: text(e.date),
        kind: kind === 'holidays' ? 'holiday' : 'workday',
        nameZh: text(e.nameZh),
        nameEn: text(e.nameEn) || text(e.nameZh),
        where: { field: `${kind}[${i}]` },
      });
    });
  }
  return out;
}

function fromChineseDaysJson(doc: Record<string, unknown>): RawDay[] {
  const out: RawDay[] = [];
  for (const kind of ['holidays', 'workdays'] as const) {
    const map = (doc[kind] ?? {}) as Record<string, unknown>;
    for (const [date, label] of Object.entries(map)) {
      const [en = '', zh = ''] = String(label).split(',');
      out.push({
        date,
        kind: kind === 'holidays' ? 'holiday' : 'workday',
        nameZh: zh,
        nameEn: en,
        where: { field: `${kind}.${date}` },
      });
    }
  }
  return out;
}

function fromCsv(text: string, file: string, problems: Problem[]): RawDay[] {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '')
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();
  if (header !== 'date,kind,name_zh,name_en' && header !== 'date,kind,name_zh') {
    problems.push(
      problem(
        file,
        { line: 1 },
        '首行应为表头 date,kind,name_zh,name_en',
        'the first line must be the header date,kind,name_zh,name_en',
      ),
    );
    return [];
  }
  const out: RawDay[] = [];
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (raw.trim() === '') return;
    const [date = '', kind = '', nameZh = '', nameEn = ''] = raw.split(',').map((c) => c.trim());
    if (kind !== 'holiday' && kind !== 'workday') {
      problems.push(
        problem(
          file,
          { line, field: 'kind' },
          `第 ${line} 行：类型应为 holiday 或 workday，实际为“${kind}”`,
          `line ${line}: kind must be holiday or workday, not "${kind}"`,
        ),
      );
      return;
    }
    out.push({ date, kind, nameZh, nameEn: nameEn || nameZh, where: { line } });
  });
  return out;
}

/**
 * Parses a schedule file into one schedule per year it covers.
 * @param text the file's content (UTF-8)
 * @param file the file name, used in messages
 * @param source the document it comes from, e.g. 国办发明电〔2026〕N号 (overrides the file's own)
 * @throws AppError('invalid') listing every problem found
 */
export function parseScheduleFile(text: string, file: string, source?: string): YearSchedule[] {
  const problems: Problem[] = [];
  let raw: RawDay[] = [];
  let declaredYear: number | undefined;
  let declaredSource: string | undefined;
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{')) {
    try {
      const doc = JSON.parse(trimmed) as Record<string, unknown>;
      const isReclaim = Array.isArray(doc.holidays) || Array.isArray(doc.workdays);
      raw = isReclaim ? fromReclaimJson(doc) : fromChineseDaysJson(doc);
      if (typeof doc.year === 'number') declaredYear = doc.year;
      if (typeof doc.source === 'string') declaredSource = doc.source;
    } catch (error) {
      problems.push(
        problem(
          file,
          {},
          `JSON 无法解析：${(error as Error).message}`,
          `not valid JSON: ${(error as Error).message}`,
        ),
      );
    }
  } else {
    raw = fromCsv(text, file, problems);
  }

  const seen = new Map<string, RawDay>();
  for (const day of raw) {
    const at = day.where.line ? `第 ${day.where.line} 行` : (day.where.field ?? '');
    const atEn = day.where.line ? `line ${day.where.line}` : (day.where.field ?? '');
    if (!isIsoDate(day.date)) {
      problems.push(
        problem(
          file,
          day.where,
          `${at}：日期“${day.date}”不是有效的 YYYY-MM-DD 日期`,
          `${atEn}: "${day.date}" is not a YYYY-MM-DD calendar date`,
        ),
      );
      continue;
    }
    if (declaredYear !== undefined && yearOf(day.date) !== declaredYear) {
      problems.push(
        problem(
          file,
          day.where,
          `${at}：日期 ${day.date} 不属于声明的年份 ${declaredYear}`,
          `${atEn}: ${day.date} is outside the declared year ${declaredYear}`,
        ),
      );
    }
    if (!day.nameZh) {
      problems.push(
        problem(file, day.where, `${at}：缺少节日名称`, `${atEn}: the holiday name is missing`),
      );
    }
    const day0 = weekday(day.date);
    if (day.kind === 'workday' && day0 !== 0 && day0 !== 6) {
      problems.push(
        problem(
          file,
          day.where,
          `${at}：调休上班日 ${day.date} 不是周末`,
          `${atEn}: make-up working day ${day.date} is not a Saturday or Sunday`,
        ),
      );
    }
    const earlier = seen.get(day.date);
    if (earlier && earlier.kind !== day.kind) {
      problems.push(
        problem(
          file,
          day.where,
          `${at}：${day.date} 同时被列为放假日和上班日`,
          `${atEn}: ${day.date} is listed both as a holiday and as a working day`,
        ),
      );
    }
    seen.set(day.date, day);
  }
  if (problems.length === 0 && seen.size === 0) {
    problems.push(
      problem(
        file,
        {},
        '文件中没有任何放假或调休日期',
        'the file lists no holidays or make-up days',
      ),
    );
  }
  const [first, ...rest] = problems;
  if (first) throw AppError.many('invalid', first, rest);

  const byYear = new Map<number, ScheduleDay[]>();
  for (const { where: _where, ...day } of seen.values()) {
    const list = byYear.get(yearOf(day.date)) ?? [];
    list.push(day);
    byYear.set(yearOf(day.date), list);
  }
  const chosenSource = source ?? declaredSource ?? file;
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, days]) => {
      if (!days.some((d) => d.kind === 'holiday')) {
        throw new AppError(
          'invalid',
          problem(
            file,
            {},
            `${year} 年没有任何放假日期，不像是正式安排`,
            `year ${year} lists no holidays; this does not look like an official schedule`,
          ),
        );
      }
      return {
        year,
        source: chosenSource,
        days: days.sort((a, b) => a.date.localeCompare(b.date)),
      };
    });
}
