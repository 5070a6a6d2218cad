// The OGC API – Features vocabulary in one place: conformance classes, CRS identifiers with
// their axis order, link relations and media types (OGC 17-069r4 Part 1, OGC 18-058r1 Part 2).

export const conformanceClasses = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
] as const;

export const crs84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const epsg4490 = 'http://www.opengis.net/def/crs/EPSG/0/4490';

/** The CRSs every collection offers, the default first (Part 1 requires CRS84 as default). */
export const supportedCrs = [crs84, epsg4490] as const;
export type CrsUri = (typeof supportedCrs)[number];

/**
 * Coordinate order on the wire. CRS84 is longitude first; EPSG:4490 (CGCS2000 geographic) is
 * latitude first as its EPSG definition says, and Part 2 honours the definition (req /crs/crs-action).
 */
export const axisOrder: Record<CrsUri, 'lngLat' | 'latLng'> = {
  [crs84]: 'lngLat',
  [epsg4490]: 'latLng',
};

/** The frame the geometries are stored in (geometry(MultiPolygon, 4490)). */
export const storageCrs: CrsUri = epsg4490;

export function isSupportedCrs(value: string): value is CrsUri {
  return (supportedCrs as readonly string[]).includes(value);
}

export const mediaTypes = {
  json: 'application/json',
  geoJson: 'application/geo+json',
  openApi: 'application/vnd.oai.openapi+json;version=3.0',
  html: 'text/html',
} as const;

/** Link relations; the OGC URIs sit beside the short names older clients look for. */
export const relations = {
  conformance: ['conformance', 'http://www.opengis.net/def/rel/ogc/1.0/conformance'],
  data: ['data', 'http://www.opengis.net/def/rel/ogc/1.0/data'],
} as const;
