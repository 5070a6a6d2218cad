// The shipped division table (divisions.json): its shape and where it lives.
import type { DivisionLevel } from './domain/division-code.ts';

export interface DivisionRow {
  code: string;
  name: string;
  level: Exclude<DivisionLevel, 'nation'>;
  parent: string;
  /** First day the code is known valid; null when the source does not say. */
  validFrom: string | null;
  /** Date by which the code was no longer in use (the source edition that dropped it). */
  validTo: string | null;
  supersededBy: string | null;
  /** Index into DivisionFile.sources. */
  source: number;
}

/** Compact on disk: one array per row, in the order of `columns`. */
export type DivisionTuple = [
  string,
  string,
  DivisionRow['level'],
  string,
  string | null,
  string | null,
  string | null,
  number,
];

export const divisionColumns = [
  'code',
  'name',
  'level',
  'parent',
  'validFrom',
  'validTo',
  'supersededBy',
  'source',
] as const;

export interface DivisionFile {
  description: string;
  sources: string[];
  asOf: string;
  columns: typeof divisionColumns;
  rows: DivisionTuple[];
}

export function toRow(t: DivisionTuple): DivisionRow {
  const [code, name, level, parent, validFrom, validTo, supersededBy, source] = t;
  return { code, name, level, parent, validFrom, validTo, supersededBy, source };
}

export function toTuple(r: DivisionRow): DivisionTuple {
  return [r.code, r.name, r.level, r.parent, r.validFrom, r.validTo, r.supersededBy, r.source];
}

export const divisionFileUrl = new URL('./divisions.json', import.meta.url);
