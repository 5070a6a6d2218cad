// The data of a ministry parcel-coordinate text file (界址点坐标 txt, "国土TXT") as the reader
// returns it and the writer takes it. Coordinates stay in the file's own plane frame
// (Gauss–Krüger, metres): x = northing, y = easting as written, often with a zone prefix.
import type { Problem } from '../../../platform/errors.ts';

/** One 界址点 line. x = northing (m), y = easting (m) as written, possibly zone-prefixed. */
export interface CoordinateTxtPoint {
  /** 点号, e.g. "J1" or "1". */
  name: string;
  /** Northing in metres (column 3, "X坐标"). */
  x: number;
  /** Easting in metres as written (column 4, "Y坐标"): 39512345.678 = zone 39, 512345.678. */
  y: number;
  /** 1-based line in the file; a closing point added by the reader repeats the first point's. */
  line: number;
}

/** The points of one 圈号 run, always closed (first point repeated) after reading. */
export interface CoordinateTxtRing {
  /** 圈号 as written; whether the ring is a hole is decided later, geometrically. */
  ring: number;
  points: CoordinateTxtPoint[];
  /** False when the file left the ring open and the reader closed it. */
  closedAsWritten: boolean;
}

export interface CoordinateTxtParcel {
  /** 1-based position of the parcel in the file. */
  feature: number;
  /** 1-based line of the parcel's header (the line ending in "@"). */
  headerLine: number;
  /** 界址点数 as declared (with or without the closing points); null when empty. */
  pointCount: number | null;
  /** 地块面积 in hectares (公顷) as declared; null when empty. */
  areaHa: number | null;
  /** 地块编号 */
  code: string;
  /** 地块名称 */
  name: string;
  /** 记录图形属性: 点 / 线 / 面 (parcels are 面). */
  geometryKind: string;
  /** 图幅号 */
  sheet: string;
  /** 地块用途 */
  use: string;
  /** 地类编码 (GB/T 21010), e.g. "0103". */
  landClassCode: string;
  /** Fields between the 8th and the closing "@", in order (e.g. the 13-field 备案 variant). */
  extraFields: string[];
  rings: CoordinateTxtRing[];
}

export interface CoordinateTxtFile {
  /** The encoding the bytes were decoded with. */
  encoding: 'utf-8' | 'gb18030';
  /** key=value lines of [属性描述], in file order (values may be empty). */
  attributes: Record<string, string>;
  parcels: CoordinateTxtParcel[];
  /** Problems that do not stop the import (a ring closed by the reader, a count mismatch…). */
  warnings: Problem[];
}

/** What the writer needs: a read file without the positions the reader adds. */
export interface CoordinateTxtContent {
  attributes: Record<string, string>;
  parcels: Omit<CoordinateTxtParcel, 'feature' | 'headerLine'>[];
}
