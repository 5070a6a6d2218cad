// Frame detection on files of realistic size: a province's export holds hundreds of thousands
// of coordinates, which once overflowed the call stack (Math.max over a spread array).
import { describe, expect, it } from 'vitest';
import { detectCrs } from './detect-crs.ts';
import { readGeoJsonCandidates } from './read-geojson.ts';

describe('detectCrs on large inputs', () => {
  it('reads a million coordinates without overflowing the stack', () => {
    const n = 1_000_000;
    const lng = Array.from({ length: n }, (_, i) => 117 + (i % 1000) / 10_000);
    const lat = Array.from({ length: n }, (_, i) => 34 + (i % 1000) / 10_000);
    expect(detectCrs({}, lng, lat, { file: 'big' })).toEqual({
      srid: 4490,
      basis: 'coordinates in degrees',
    });
    const eastings = lng.map((e) => 39_500_000 + e);
    const northings = lat.map((x) => 3_800_000 + x);
    expect(detectCrs({}, eastings, northings, { file: 'big' })).toMatchObject({ srid: 4527 });
  });

  it('reads a GeoJSON file of 20,000 parcels and one of a 150,000-vertex parcel', () => {
    const square = (lng: number, lat: number) => [
      [lng, lat],
      [lng + 0.001, lat],
      [lng + 0.001, lat + 0.001],
      [lng, lat + 0.001],
      [lng, lat],
    ];
    const ring = Array.from({ length: 150_000 }, (_, i) => {
      const a = (2 * Math.PI * i) / 150_000;
      return [117 + 0.01 * Math.cos(a), 34 + 0.01 * Math.sin(a)];
    });
    ring.push(ring[0]!);
    const files = [
      Array.from({ length: 20_000 }, (_, i) => square(117 + (i % 100) * 0.002, 34 + i * 0.00001)),
      [ring],
    ];
    for (const rings of files) {
      const doc = {
        type: 'FeatureCollection',
        features: rings.map((r, i) => ({
          type: 'Feature',
          properties: { code: `P${i}` },
          geometry: { type: 'Polygon', coordinates: [r] },
        })),
      };
      const read = readGeoJsonCandidates(
        new TextEncoder().encode(JSON.stringify(doc)),
        'big.geojson',
      );
      expect(read.candidates).toHaveLength(rings.length);
      expect(read.crsBasis).toBe('coordinates in degrees');
    }
  });
});
