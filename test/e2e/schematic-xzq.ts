// Schematic XZQ layers for the end-to-end tests: squares with real division codes, never real
// boundaries (a published map of real places needs an 审图号). [lng, lat] in EPSG:4490.

/** A square's ring from its west, south, east and north edges (degrees). */
const ring = (west: number, south: number, east: number, north: number) => [
  [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ],
];

/** An XZQ layer as a GeoJSON FeatureCollection: each boundary its XZQDM, XZQMC and box. */
export function schematicXzq(
  boundaries: { XZQDM: string; XZQMC: string; box: [number, number, number, number] }[],
) {
  return {
    type: 'FeatureCollection',
    features: boundaries.map(({ box, ...properties }) => ({
      type: 'Feature',
      properties,
      geometry: { type: 'Polygon', coordinates: ring(...box) },
    })),
  };
}
