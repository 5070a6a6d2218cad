// A report as a file to download or write: JSON, CSV (one table) or XLSX (one sheet per
// table), named after the report, the division and the as-of date.
import type { Lang } from './domain/report-labels.ts';
import { rankingTable, reportCaption, summaryTable } from './report-tables.ts';
import type { RankingReport, ReportSummary } from './reports.service.ts';
import { writeReportCsv } from './write-report-csv.ts';
import { writeReportXlsx } from './write-report-xlsx.ts';

export const reportFormats = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export interface ReportFile {
  bytes: Uint8Array;
  contentType: string;
  fileName: string;
}

const contentTypes: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function reportFile(
  report: { kind: 'summary'; data: ReportSummary } | { kind: 'ranking'; data: RankingReport },
  format: ReportFormat,
  lang: Lang,
): Promise<ReportFile> {
  const { data } = report;
  const fileName = `reclaim-${report.kind}-${data.division.code}-${data.asOf}${lang === 'en' ? '-en' : ''}.${format}`;
  const table =
    report.kind === 'summary' ? summaryTable(report.data, lang) : rankingTable(report.data, lang);
  const bytes =
    format === 'json'
      ? new TextEncoder().encode(`${JSON.stringify(data, null, 2)}\n`)
      : format === 'csv'
        ? writeReportCsv(table)
        : await writeReportXlsx([table], {
            title: reportCaption(report.kind, data, lang),
            cutoff: data.cutoff,
          });
  return { bytes, contentType: contentTypes[format], fileName };
}
