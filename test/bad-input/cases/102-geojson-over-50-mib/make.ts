// A GeoJSON file one byte over the 50 MiB import limit (white space after a valid document).
export const fileName = 'padded.geojson';
export function make(): Uint8Array {
  const doc = new TextEncoder().encode('{"type":"FeatureCollection","features":[]}');
  const out = new Uint8Array(50 * 1024 * 1024 + 1).fill(0x20);
  out.set(doc);
  return out;
}
