// The temporary-land tile layer: its name, tile grid and the attributes each feature carries
// (few and short, enough to style the map and fill a popup; the full record is one click away).
import { maxZoom } from './tile-address.ts';

/** The layer name inside every tile (MapLibre's `source-layer`). */
export const layerName = 'temporary_land';

/** Tile units per side (the MVT default; MapLibre draws a 512-pixel tile with it). */
export const tileExtent = 4096;

/** A tile's side on screen: MapLibre draws a vector tile 512 pixels wide. */
export const tilePixels = 512;

/**
 * How far a tile's outlines may stray from the true boundary, in tile units (Douglas–Peucker;
 * the SQL also keeps it under half a parcel's mean width): one pixel above the deepest zoom
 * served — a screen shows no more, and a renderer without a GPU spends its frames on vertices
 * (docs/benchmarks.md: at zoom 11 over a mining cluster, half a unit drew three times the
 * vertices in about twice the frame time) — and half a unit at the deepest zoom, which clients
 * over-zoom beyond.
 */
export function simplifyUnits(z: number): number {
  return z < maxZoom ? tileExtent / tilePixels : 0.5;
}

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

/**
 * The overview layer of the zoomed-out tiles (zooms `minZoom` to `overviewMaxZoom`):
 * parcels counted per cell of a grid and county, one point each where its parcels are. A parcel of a
 * few hectares is a few pixels there, and a province's tens of thousands of outlines cost
 * seconds to compute, send and draw without showing more than where the parcels are and how many.
 */
export const overviewLayerName = 'temporary_land_overview';

/**
 * The deepest zoom drawn as the overview. At zoom 11 a pixel is about 30 m at 37°N, so a
 * 5-hectare parcel is 7 pixels across and a 1-hectare one 3, mostly outline; from zoom 12 (15 m)
 * parcels are drawn as themselves. It was 10: outlines at zoom 11 drew about 1,000 parcels over a
 * mining cluster, the map's slowest frames (docs/benchmarks.md). The web app's `parcelZoom`
 * (web/src/map/parcel-zoom.ts) is this plus one.
 */
export const overviewMaxZoom = 11;

/** The side of an overview cell in tile units: 256 units, 32 pixels of a 512-pixel tile. */
export const overviewCellUnits = 256;

/**
 * The zoom whose tiles are the cells of the register's tally (migration 0026): parcels counted
 * per county, state, publication and tile of this zoom as the register changes.
 */
export const tallyGridZoom = 11;

/**
 * The deepest zoom whose overview adds up the tally instead of reading parcels: an overview cell
 * is 1/16 of a tile's side, a tile of four zooms deeper, so zoom 7's cells are the tally's.
 */
export const tallyMaxZoom = tallyGridZoom - Math.log2(tileExtent / overviewCellUnits);

/** Attributes of an overview point, in the order they are written (ids number points within a tile). */
export const overviewFields = {
  divisionCode: { type: 'String', description: 'GB/T 2260 code of the county the parcels are in' },
  count: { type: 'Number', description: 'parcels whose bounding-box centre lies in the cell' },
  areaMu: {
    type: 'Number',
    description: 'their total area on the ellipsoid in mu 亩, one decimal',
  },
  state: {
    type: 'String',
    description:
      "the most common lifecycle state among them (ties: the state's code first in order)",
  },
  firstLiveTermEnd: {
    type: 'String',
    description:
      'earliest term end (YYYY-MM-DD) among those approved, registered, in use or expired; absent if none, and at zooms 0–7 — the term of one of them is over when it is before today',
  },
} as const satisfies Record<string, { type: FieldType; description: string }>;

export type OverviewField = keyof typeof overviewFields;
