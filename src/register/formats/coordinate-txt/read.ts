// Reads the ministry's parcel-coordinate text file (界址点坐标 txt, "国土TXT") from bytes.
// Pure: no file system, no database. Every problem in the file is reported at once, with
// its line, parcel, ring and vertex, so a surveyor can fix the file in one go.
import { AppError } from '../../../platform/errors.ts';
import { decodeText } from './decode.ts';
import type { CoordinateTxtFile } from './model.ts';
import { readParcels } from './parcels.ts';
import { ProblemList, txtProblem } from './problems.ts';
import { readAttributes, splitSections } from './sections.ts';

export type {
  CoordinateTxtFile,
  CoordinateTxtParcel,
  CoordinateTxtPoint,
  CoordinateTxtRing,
} from './model.ts';

export interface ReadOptions {
  /** Largest file accepted, in bytes; default 20 MiB. */
  maxBytes?: number;
  /** Most point lines in one parcel; default 100 000. */
  maxVerticesPerParcel?: number;
  /** Most parcels in one file; default 100 000. */
  maxParcels?: number;
  /** Most problems listed (errors and warnings each); default 1000. */
  maxProblems?: number;
}

export const readDefaults = {
  maxBytes: 20 * 1024 * 1024,
  maxVerticesPerParcel: 100_000,
  maxParcels: 100_000,
  maxProblems: 1000,
} as const satisfies Required<ReadOptions>;

/**
 * Reads a coordinate file. Points keep the file's plane coordinates in metres: x = northing
 * (X坐标), y = easting (Y坐标) as written, usually with the 2-digit zone prefix
 * (39512345.678 = zone 39, easting 512345.678). Rings come in file order with their 圈号;
 * each is closed (first point repeated) on return. Holes are not decided here.
 * @param bytes the file as uploaded (UTF-8, with or without BOM, or GBK/GB18030)
 * @param fileName used in every problem's location
 * @throws AppError('invalid', TXT_INVALID) whose problems list every error found (codes TXT_*)
 */
export function readCoordinateTxt(
  bytes: Uint8Array,
  fileName: string,
  options: ReadOptions = {},
): CoordinateTxtFile {
  const limits = { ...readDefaults, ...definedOnly(options) };
  const problems = new ProblemList(fileName, limits.maxProblems);
  const warnings = new ProblemList(fileName, limits.maxProblems);

  const decoded = decodeText(bytes, limits.maxBytes, problems);
  let file: CoordinateTxtFile | undefined;
  if (decoded) {
    const sections = splitSections(decoded.lines, problems, warnings);
    if (sections.hasParcelSection) {
      file = {
        encoding: decoded.encoding,
        attributes: readAttributes(sections.attributeLines, problems, warnings),
        parcels: readParcels(sections.parcelLines, limits, problems, warnings),
        warnings: [],
      };
    }
  }

  const [first, ...rest] = problems.list();
  if (first || !file) {
    const summary = txtProblem(
      'TXT_INVALID',
      { file: fileName },
      { file: fileName, count: problems.count },
    );
    throw AppError.many('invalid', summary, first ? [first, ...rest] : []);
  }
  file.warnings = warnings.list();
  return file;
}

/** Drops options passed as undefined, so that they do not override the defaults. */
function definedOnly(options: ReadOptions): ReadOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
