// The sidecar Reclaim writes beside a Shapefile's DBF, `<layer>.fields.json`: the full name of
// every DBF field (a DBF name holds 10 bytes) and every value the DBF could not hold exactly
// (text over 254 bytes, surrounding spaces, over-long numbers). Our Shapefile reader applies
// it, so an export imports back unchanged; other software ignores it and sees the DBF as is.
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

export const sidecarFormat = 'reclaim-shapefile-fields';

/** Longest DBF field name and character value, in bytes (dBASE III). */
export const dbfNameBytes = 10;
export const dbfTextBytes = 254;

const Sidecar = Type.Object({
  format: Type.Literal(sidecarFormat),
  version: Type.Literal(1),
  /** Every DBF field in order: its name in the DBF, the full attribute name, its type. */
  fields: Type.Array(
    Type.Object({ dbf: Type.String(), name: Type.String(), type: Type.String() }),
    { maxItems: 2046 },
  ),
  /**
   * Values the DBF holds changed: `record` is 1-based in .shp order, `field` the full name,
   * `dbf` the value as a reader sees it in the DBF (trimmed text, or null), `value` the truth.
   */
  values: Type.Array(
    Type.Object({
      record: Type.Integer({ minimum: 1 }),
      field: Type.String(),
      dbf: Type.Union([Type.String(), Type.Null()]),
      value: Type.Union([Type.String(), Type.Number()]),
    }),
  ),
});
export type ShapefileFields = Static<typeof Sidecar>;

/** How the sidecar's name ends: the layer's name, then this (`parcels.fields.json`). */
export const sidecarSuffix = '.fields.json';

const utf8Bytes = (c: string) => {
  const n = c.codePointAt(0) ?? 0;
  return n < 0x80 ? 1 : n < 0x800 ? 2 : n < 0x10000 ? 3 : 4;
};

/** The longest prefix of `text` that fits in `maxBytes` of UTF-8, never splitting a character. */
export function cutToUtf8Bytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const c of text) {
    bytes += utf8Bytes(c);
    if (bytes > maxBytes) break;
    end += c.length;
  }
  return text.slice(0, end);
}

/**
 * DBF field names for attribute names: cut to 10 bytes of UTF-8, made unique (ignoring case, as
 * most DBF readers do) by ending the later ones in _2, _3 …
 */
export function shortFieldNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let short = cutToUtf8Bytes(name, dbfNameBytes);
    for (let n = 2; used.has(short.toLowerCase()); n++) {
      const suffix = `_${n}`;
      short = cutToUtf8Bytes(name, dbfNameBytes - suffix.length) + suffix;
    }
    used.add(short.toLowerCase());
    return short;
  });
}

/** The sidecar from its JSON text, or why it cannot be used. */
export function parseShapefileFields(text: string): ShapefileFields | { reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { reason: (error as Error).message };
  }
  if (Value.Check(Sidecar, json)) return json;
  const first = Value.Errors(Sidecar, json).First();
  return { reason: first ? `${first.path || '/'}: ${first.message}` : 'not a Reclaim sidecar' };
}

/**
 * Applies a sidecar to the records read from the DBF (in .shp order): fields get their full
 * names and changed values their true ones. A value whose DBF text no longer matches what the
 * sidecar says was written (the DBF was edited since) keeps its DBF value and is reported.
 */
export function applyShapefileFields(
  records: readonly Record<string, unknown>[],
  sidecar: ShapefileFields,
): { records: Record<string, unknown>[]; stale: { record: number; field: string }[] } {
  const fullName = new Map(sidecar.fields.map((f) => [f.dbf, f.name]));
  const out = records.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [fullName.get(k) ?? k, v])),
  );
  const stale: { record: number; field: string }[] = [];
  for (const v of sidecar.values) {
    const record = out[v.record - 1];
    const current = record?.[v.field];
    const seen =
      typeof current === 'string' || typeof current === 'number' ? String(current) : null;
    if (record && v.field in record && seen === v.dbf) record[v.field] = v.value;
    else stale.push({ record: v.record, field: v.field });
  }
  return { records: out, stale };
}
