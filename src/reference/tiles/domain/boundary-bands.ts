// Which copy of a division boundary a tile reads: the pre-simplified copy of its zoom band
// (migration 0025) up to zoom 11, the full geometry deeper. Pure: no I/O.
import { tileExtent } from '../../../register/tiles/domain/tile-layer.ts';

/** The equator's length in Web Mercator metres (EPSG:3857): 2π × 6 378 137 m. */
const mercatorWorldM = 40_075_016.685_578_488;

/** A zoom band served from one stored copy, simplified for the band's deepest zoom. */
export interface BoundaryBand {
  /** The column of division_boundary holding the copy. */
  column: 'geom_z5' | 'geom_z8' | 'geom_z11';
  fromZoom: number;
  /** The deepest zoom of the band: the copy's tolerance is half a tile unit there. */
  toZoom: number;
}

export const boundaryBands: readonly BoundaryBand[] = [
  { column: 'geom_z5', fromZoom: 0, toZoom: 5 },
  { column: 'geom_z8', fromZoom: 6, toZoom: 8 },
  { column: 'geom_z11', fromZoom: 9, toZoom: 11 },
];

/** The column a tile at zoom `z` reads its boundaries from: a band's copy, or `geom` (full). */
export function boundaryColumnAt(z: number): BoundaryBand['column'] | 'geom' {
  return boundaryBands.find((b) => z >= b.fromZoom && z <= b.toZoom)?.column ?? 'geom';
}

/**
 * The tolerance of a band's copy in metres on the ground at `latitudeDeg` (the latitude
 * farthest from the equator the boundary reaches): half a tile unit at the band's deepest
 * zoom, the unit being the Mercator tile width over 4096 times cos(latitude). The same
 * formula as reclaim_boundary_simplified (migration 0025), which turns it into degrees.
 */
export function boundaryToleranceM(band: BoundaryBand, latitudeDeg: number): number {
  const unitMercatorM = mercatorWorldM / 2 ** band.toZoom / tileExtent;
  return (unitMercatorM / 2) * Math.cos((latitudeDeg * Math.PI) / 180);
}
