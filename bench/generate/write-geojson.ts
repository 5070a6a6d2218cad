// GeoJSON files of the data set (RFC 7946, [lng, lat] in EPSG:4490): approvals in chunks that
// each stay well under the importer's 50 MiB and 100,000-feature limits, and the change
// polygons in one file.
import type { ChangePolygon, GeneratedParcel } from './dataset.ts';

const encoder = new TextEncoder();

export function parcelsGeoJson(parcels: readonly GeneratedParcel[]): Uint8Array {
  const features = parcels.map((p) => ({
    type: 'Feature',
    properties: p.attributes,
    geometry: { type: 'MultiPolygon', coordinates: p.coordinates },
  }));
  return encoder.encode(JSON.stringify({ type: 'FeatureCollection', features }));
}

export function changesGeoJson(changes: readonly ChangePolygon[]): Uint8Array {
  const features = changes.map((c) => ({
    type: 'Feature',
    properties: {
      code: c.code,
      division_code: c.divisionCode,
      land_class_code: c.landClassCode,
      detected_on: c.detectedOn,
      near_parcel: c.nearParcel,
    },
    geometry: { type: 'Polygon', coordinates: c.coordinates },
  }));
  return encoder.encode(JSON.stringify({ type: 'FeatureCollection', features }));
}
