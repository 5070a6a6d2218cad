// A project's boundary from an uploaded GeoJSON file: every Polygon and MultiPolygon in it
// (a FeatureCollection, a Feature or a bare geometry) joined into one MultiPolygon,
// [lng, lat] in EPSG:4490 as the file gives them. Validity is PostGIS's to judge on submit.

type Position = number[];
type PolygonCoordinates = Position[][];

function collect(value: unknown, out: PolygonCoordinates[]): void {
  if (!value || typeof value !== 'object') return;
  const object = value as { type?: unknown; features?: unknown; geometry?: unknown };
  if (object.type === 'FeatureCollection' && Array.isArray(object.features))
    for (const feature of object.features) collect(feature, out);
  else if (object.type === 'Feature') collect(object.geometry, out);
  else if (object.type === 'GeometryCollection') {
    const geometries = (value as { geometries?: unknown }).geometries;
    if (Array.isArray(geometries)) for (const g of geometries) collect(g, out);
  } else if (object.type === 'Polygon')
    out.push((value as { coordinates: PolygonCoordinates }).coordinates);
  else if (object.type === 'MultiPolygon')
    out.push(...(value as { coordinates: PolygonCoordinates[] }).coordinates);
}

/** The file's polygons as one MultiPolygon, or null when it has none or is not JSON. */
export function boundaryFromGeoJson(text: string): GeoJSON.MultiPolygon | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const polygons: PolygonCoordinates[] = [];
  collect(parsed, polygons);
  return polygons.length > 0 ? { type: 'MultiPolygon', coordinates: polygons } : null;
}
