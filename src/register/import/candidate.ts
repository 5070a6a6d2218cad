// What every reader turns a file into: one candidate parcel per feature, with its attributes
// and its shape in the file's own frame, before PostGIS builds and checks the geometry.
import type { Problem } from '../../platform/errors.ts';

export interface RingInput {
  /** Ring number as written (圈号), for messages. */
  ring: number;
  /** [easting, northing] in metres (or [lng, lat] in degrees), closed. */
  points: [number, number][];
  /** File line of each point, when the format has lines. */
  lines?: number[];
}

export type CandidateShape =
  /** Separate rings; holes and islands are decided geometrically (ST_BuildArea). */
  | { kind: 'rings'; srid: number; rings: RingInput[] }
  /** A GeoJSON Polygon or MultiPolygon in `srid`. */
  | { kind: 'geojson'; srid: number; geometry: unknown }
  /** Well-known text (CSV) in `srid`; PostGIS parses it. */
  | { kind: 'wkt'; srid: number; wkt: string }
  /** Well-known binary as hex (the WKB part of a GeoPackage blob) in `srid`. */
  | { kind: 'wkb'; srid: number; wkbHex: string };

export interface ImportCandidate {
  /** 1-based position in the file. */
  feature: number;
  /** How the feature is named in messages (its code or name). */
  label: string;
  /** File-level attributes overlaid with the feature's own. */
  properties: Record<string, unknown>;
  shape: CandidateShape;
}

export interface ReadResult {
  format: 'coordinate-txt' | 'geojson' | 'csv' | 'kml' | 'shapefile' | 'geopackage';
  crsBasis: string;
  candidates: ImportCandidate[];
  warnings: Problem[];
}
