// Encodes parcels already clipped and quantised by PostGIS (tiles.store.ts, clippedFeatures)
// into a Mapbox Vector Tile with @maplibre/vt-pbf. No geometry is computed here: rings go to
// the protobuf as PostGIS made them, in the order and winding it gave them.
import Point from '@mapbox/point-geometry';
import { fromVectorTileJs } from '@maplibre/vt-pbf';
import { layerName, tileExtent } from './domain/tile-layer.ts';
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

/** MVT geometry type 3: polygons (exterior ring, then its holes, then the next exterior…). */
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

function feature(f: ClippedFeature<string>): EncodableFeature {
  const properties: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(f.properties)) {
    if (value !== null) properties[key] = value;
  }
  return {
    type: polygonType,
    id: f.fid,
    properties,
    extent: tileExtent,
    loadGeometry: () => rings(f.geometry),
  };
}

/**
 * One tile with one layer (`temporary_land` unless `layer` says, version 2, extent 4096), like
 * ST_AsMVT makes it; no features gives an empty tile (zero bytes), as ST_AsMVT gives too.
 */
export function encodeTile(
  features: readonly ClippedFeature<string>[],
  layer: string = layerName,
): Uint8Array {
  if (features.length === 0) return new Uint8Array();
  return fromVectorTileJs({
    layers: {
      [layer]: {
        version: 2,
        name: layer,
        extent: tileExtent,
        length: features.length,
        feature: (i: number) => feature(features[i]!),
      },
    },
  });
}
