// Encodes parcels already clipped and quantised by PostGIS (tiles.store.ts, clippedFeatures),
// and overview points placed by it (overview.store.ts), into a Mapbox Vector Tile with
// @maplibre/vt-pbf. No geometry is computed here: rings go to the protobuf as PostGIS made
// them, in the order and winding it gave them.
import Point from '@mapbox/point-geometry';
import { fromVectorTileJs } from '@maplibre/vt-pbf';
import { layerName, tileExtent, type TileValue } from './domain/tile-layer.ts';
import type { ClippedFeature } from './tiles.store.ts';

/**
 * What the encoder reads from a feature (vt-pbf's VectorTileFeatureLike; its published types
 * use extensionless relative imports that NodeNext cannot resolve, so they are restated here).
 */
interface EncodableFeature {
  type: 1 | 2 | 3;
  id: number;
  properties: Record<string, string | number>;
  extent: number;
  loadGeometry(): Point[][];
}

/** MVT geometry types: 1 points, 3 polygons (exterior ring, then its holes, then the next…). */
const pointType = 1;
const polygonType = 3;

function rings(geometry: ClippedFeature<string>['geometry']): Point[][] {
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates as number[][][]]
      : (geometry.coordinates as number[][][][]);
  return polygons.flatMap((polygon) =>
    polygon.map((ring) => ring.map(([x = 0, y = 0]) => new Point(x, y))),
  );
}

/** Attributes as MVT keeps them: a null value is an attribute left out. */
function present(properties: Record<string, TileValue>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value !== null) out[key] = value;
  }
  return out;
}

function feature(f: ClippedFeature<string>): EncodableFeature {
  return {
    type: polygonType,
    id: f.fid,
    properties: present(f.properties),
    extent: tileExtent,
    loadGeometry: () => rings(f.geometry),
  };
}

/** A point feature of a tile, in whole tile units (x east, y south of the north-west corner). */
export interface TilePoint {
  x: number;
  y: number;
  properties: Record<string, TileValue>;
}

/** One layer of `length` features, or an empty tile (zero bytes, as ST_AsMVT gives) for none. */
function encodeLayer(
  layer: string,
  length: number,
  feature: (i: number) => EncodableFeature,
): Uint8Array {
  if (length === 0) return new Uint8Array();
  return fromVectorTileJs({
    layers: { [layer]: { version: 2, name: layer, extent: tileExtent, length, feature } },
  });
}

/**
 * One tile with one layer (`temporary_land` unless `layer` says, version 2, extent 4096), like
 * ST_AsMVT makes it; no features gives an empty tile (zero bytes), as ST_AsMVT gives too.
 */
export function encodeTile(
  features: readonly ClippedFeature<string>[],
  layer: string = layerName,
): Uint8Array {
  return encodeLayer(layer, features.length, (i) => feature(features[i]!));
}

/**
 * One tile with one layer of points, their feature ids 1, 2, … in the given order (vt-pbf
 * requires ids; these name a point within its tile only). No points gives an empty tile.
 */
export function encodePointTile(points: readonly TilePoint[], layer: string): Uint8Array {
  return encodeLayer(layer, points.length, (i) => {
    const { x, y, properties } = points[i]!;
    return {
      type: pointType,
      id: i + 1,
      properties: present(properties),
      extent: tileExtent,
      loadGeometry: () => [[new Point(x, y)]],
    };
  });
}
