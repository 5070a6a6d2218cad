// Simple test geometries ([lng, lat] in EPSG:4490).

/** A GeoJSON Polygon square with its south-west corner at [lng, lat], `size` degrees a side. */
export const square = (lng: number, lat: number, size = 0.002) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lng, lat],
      [lng + size, lat],
      [lng + size, lat + size],
      [lng, lat + size],
      [lng, lat],
    ],
  ],
});
