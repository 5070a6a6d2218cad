// The attribute table (.dbf) of an exported Shapefile, written by dbffile in UTF-8 (the .cpg
// says so): one field per export column under a name of at most 10 bytes, typed C, D or N.
// Whatever the DBF cannot hold exactly goes to the sidecar (formats/shapefile-fields.ts).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DBFFile, type FieldDescriptor } from 'dbffile';
import {
  cutToUtf8Bytes,
  dbfTextBytes,
  shortFieldNames,
  sidecarFormat,
  type ShapefileFields,
} from '../formats/shapefile-fields.ts';
import type { ExportColumn, ExportRow } from './export-columns.ts';

/** dBASE III numbers are text of at most 20 characters. */
const numberWidth = 20;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

type Cell = string | number | Date | null;

interface Stored {
  /** What goes into the DBF. */
  cell: Cell;
  /** What a reader sees in the DBF (text trimmed, blank as null), to compare with the truth. */
  seen: string | null;
}

/** How one value is stored in a field of `type`, and what a reader will see there. */
function store(type: ExportColumn['type'], value: string | number | null): Stored {
  if (value === null) return { cell: null, seen: null };
  if (typeof value === 'number') {
    const text = String(value);
    return Number.isFinite(value) && text.length <= numberWidth
      ? { cell: value, seen: text }
      : { cell: null, seen: null };
  }
  if (type === 'date' && isoDate.test(value))
    return { cell: new Date(`${value}T00:00:00Z`), seen: value };
  const cut = cutToUtf8Bytes(value, dbfTextBytes);
  return { cell: type === 'date' ? null : cut, seen: type === 'date' ? null : cut.trim() || null };
}

const byteLength = (text: string) => new TextEncoder().encode(text).length;
/** The largest of `values` and `floor` (a loop: spreading 100,000 values overflows the stack). */
const widest = (values: number[], floor: number) => values.reduce((a, b) => Math.max(a, b), floor);

function descriptor(name: string, column: ExportColumn, cells: Cell[]): FieldDescriptor {
  if (column.type === 'date') return { name, type: 'D', size: 8 };
  if (column.type === 'text') {
    const size = widest(
      cells.map((c) => (typeof c === 'string' ? byteLength(c) : 0)),
      1,
    );
    return { name, type: 'C', size };
  }
  const texts = cells.filter((c): c is number => typeof c === 'number').map(String);
  const decimals = widest(
    texts.map((t) => /\.(\d+)$/.exec(t)?.[1]?.length ?? 0),
    0,
  );
  return column.type === 'integer'
    ? {
        name,
        type: 'N',
        size: widest(
          texts.map((t) => t.length),
          1,
        ),
        decimalPlaces: 0,
      }
    : { name, type: 'N', size: numberWidth, decimalPlaces: Math.min(decimals, 15) };
}

/**
 * The .dbf bytes for `rows` (in .shp order) and the sidecar naming every field in full and
 * carrying every value the DBF holds changed.
 */
export async function writeDbf(
  columns: readonly ExportColumn[],
  rows: readonly ExportRow[],
): Promise<{ dbf: Uint8Array; sidecar: ShapefileFields }> {
  const names = shortFieldNames(columns.map((c) => c.name));
  const sidecar: ShapefileFields = {
    format: sidecarFormat,
    version: 1,
    fields: columns.map((c, i) => ({ dbf: names[i]!, name: c.name, type: c.type })),
    values: [],
  };
  const cells = columns.map((column) =>
    rows.map((row, r) => {
      const value = row[column.name];
      const { cell, seen } = store(column.type, value);
      const truth = value === '' ? null : value;
      if (truth !== null && seen !== String(truth))
        sidecar.values.push({ record: r + 1, field: column.name, dbf: seen, value: truth });
      return cell;
    }),
  );
  const fields = columns.map((c, i) => descriptor(names[i]!, c, cells[i]!));
  const records = rows.map((_, r) =>
    Object.fromEntries(names.map((name, i) => [name, cells[i]![r] ?? null])),
  );
  // dbffile writes to a path only: a private directory, removed whatever happens.
  const dir = await mkdtemp(join(tmpdir(), 'reclaim-dbf-'));
  try {
    const path = join(dir, 'layer.dbf');
    const file = await DBFFile.create(path, fields, { encoding: 'utf-8' });
    await file.appendRecords(records);
    return { dbf: new Uint8Array(await readFile(path)), sidecar };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
