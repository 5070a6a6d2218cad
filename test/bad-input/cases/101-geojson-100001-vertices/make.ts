// A polygon with 100,001 vertices, one over the limit checked in PostGIS.
export const fileName = 'many-vertices.geojson';
export function make(): Uint8Array {
  const count = 100_001;
  const ring: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const a = (2 * Math.PI * i) / count;
    ring.push([117.41 + 0.01 * Math.cos(a), 34.4 + 0.01 * Math.sin(a)]);
  }
  ring.push(ring[0]!);
  const doc = {
    type: 'Feature',
    properties: { 编号: 'TL-1', 用途: '材料堆场' },
    geometry: { type: 'Polygon', coordinates: [ring] },
  };
  return new TextEncoder().encode(JSON.stringify(doc));
}
