// A report table as CSV, with the register export's habits: UTF-8 with a byte-order mark
// (Excel on a Chinese Windows reads UTF-8 without it as GBK), CRLF line ends, a header row,
// and cells Excel would run as a formula (= + - @ …) prefixed with ' (escape_formulas).
// Numbers print as JavaScript writes them (already rounded by report-tables.ts).
import { stringify } from 'csv-stringify/sync';
import type { ReportTable } from './report-tables.ts';

export function writeReportCsv(table: ReportTable): Uint8Array {
  const rows = table.rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell))));
  const text = stringify([table.columns, ...rows], {
    bom: true,
    record_delimiter: 'windows',
    escape_formulas: true,
  });
  return new TextEncoder().encode(text);
}
