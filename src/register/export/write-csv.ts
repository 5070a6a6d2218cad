// CSV of the register for spreadsheets and GIS: UTF-8 with a byte-order mark (without it,
// Excel on a Chinese Windows reads UTF-8 as GBK and garbles every name), CRLF line ends, a
// header row, every export column, then `wkt` (EPSG:4490, full precision) and `srid` (4490).
// Cells that Excel would run as a formula (= + - @ …) are prefixed with ' (csv-stringify's
// escape_formulas); our CSV reader removes that prefix again.
import { stringify } from 'csv-stringify/sync';
import { exportColumns, valueText } from './export-columns.ts';
import type { ExportFeature } from './export.store.ts';

export function writeCsv(features: readonly ExportFeature<string>[]): Uint8Array {
  const header = [...exportColumns.map((c) => c.name), 'wkt', 'srid'];
  const rows = features.map((f) => [
    ...exportColumns.map((c) => valueText(f.attributes[c.name]) ?? ''),
    f.geometry,
    '4490',
  ]);
  const text = stringify([header, ...rows], {
    bom: true,
    record_delimiter: 'windows',
    escape_formulas: true,
    // Our reader trims unquoted cells: quote the ones whose spaces at either end matter.
    quoted_match: /^\s|\s$/,
  });
  return new TextEncoder().encode(text);
}
