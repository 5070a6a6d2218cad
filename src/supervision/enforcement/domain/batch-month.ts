// The month a batch of change polygons belongs to (卫片执法 has been monthly since May 2021,
// research §1.9 R-X-1), written YYYY-MM, and the dates it spans in Asia/Shanghai.
import { AppError } from '../../../platform/errors.ts';

export interface BatchMonth {
  /** 'YYYY-MM'. */
  month: string;
  /** First day, 'YYYY-MM-DD'. */
  start: string;
  /** Last day, 'YYYY-MM-DD'. */
  end: string;
}

/** Reads 'YYYY-MM' (also 'YYYY-M', 'YYYY/MM', 'YYYYMM', 'YYYY年M月'); a located 400 otherwise. */
export function parseBatchMonth(text: string, field = 'month'): BatchMonth {
  const m =
    /^(\d{4})[-/.年](\d{1,2})月?$/.exec(text.trim()) ?? /^(\d{4})(\d{2})$/.exec(text.trim());
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12 || year < 2000 || year > 2200) {
    throw new AppError('invalid', {
      code: 'ENFORCEMENT_MONTH_INVALID',
      messageZh: `批次月份应写作 YYYY-MM（如 2026-03），收到“${text}”`,
      messageEn: `the batch month must be written YYYY-MM (e.g. 2026-03); got "${text}"`,
      location: { field },
    });
  }
  const mm = String(month).padStart(2, '0');
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { month: `${year}-${mm}`, start: `${year}-${mm}-01`, end: `${year}-${mm}-${lastDay}` };
}
