// The temporary-land tile layer: its name, tile grid and the attributes each feature carries
// (few and short, enough to style the map and fill a popup; the full record is one click away).

/** The layer name inside every tile (MapLibre's `source-layer`). */
export const layerName = 'temporary_land';

/** Tile units per side (the MVT default; MapLibre draws a 512-pixel tile with it). */
export const tileExtent = 4096;

/** Tile units drawn beyond each edge, so that strokes meet cleanly across tiles. */
export const tileBuffer = 64;

export type FieldType = 'String' | 'Number';

/**
 * Feature attributes, in the order they are written. Every tile feature also has a numeric
 * feature id (the first 52 bits of the record's uuid; `id` holds the uuid itself).
 */
export const tileFields = {
  id: { type: 'String', description: 'record id (uuid)' },
  systemNumber: {
    type: 'String',
    description: 'system number 系统配号 (absent before registration)',
  },
  state: { type: 'String', description: 'lifecycle state (approved, registered, in_use, …)' },
  useType: { type: 'String', description: 'use type code (TL-SCOPE-03)' },
  projectName: { type: 'String', description: 'project name 项目名称' },
  divisionCode: { type: 'String', description: 'GB/T 2260 division code' },
  areaMu: { type: 'Number', description: 'area on the ellipsoid in mu 亩, two decimals' },
  termEnd: {
    type: 'String',
    description: 'end of the approved term, YYYY-MM-DD (absent if not set)',
  },
} as const satisfies Record<string, { type: FieldType; description: string }>;

export type TileField = keyof typeof tileFields;

/** A feature attribute value as MVT carries it; null means the attribute is left out. */
export type TileValue = string | number | null;
