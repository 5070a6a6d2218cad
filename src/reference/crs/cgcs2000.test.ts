// The CGCS2000 frames transform the same in both storage modes and agree with an
// independent implementation (proj4js, given the frame parameters from the formula).
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../../test/support/test-db.ts';
import { testModes } from '../../../test/support/modes.ts';
import type { Db, StorageMode } from '../../platform/db/db.ts';
import { allGaussKrugerFrames, gaussKrugerFrame, zoneForLongitude } from './cgcs2000.ts';

it('numbers the zones by the EPSG formula (4527 = zone 39 prefixed, 4548 = zone 39 plain)', () => {
  expect(gaussKrugerFrame(39, true).srid).toBe(4527);
  expect(gaussKrugerFrame(39, false).srid).toBe(4548);
  expect(gaussKrugerFrame(25, true).srid).toBe(4513);
  expect(gaussKrugerFrame(45, false).srid).toBe(4554);
  expect(zoneForLongitude(117.2)).toBe(39); // Xuzhou
  expect(allGaussKrugerFrames()).toHaveLength(42);
  expect(() => gaussKrugerFrame(46, true)).toThrow(RangeError);
});

interface Projected {
  srid: number;
  lng: number;
  lat: number;
  x: number;
  y: number;
  backLng: number;
  backLat: number;
}

// Points 1.2° either side of each central meridian, in the south, middle and north of China.
const latitudes = [22.5, 34.3, 45.8];

async function projectAll(db: Db): Promise<Projected[]> {
  return db.query<Projected>(
    `WITH frames AS (SELECT srid, (CASE WHEN srid <= 4533 THEN srid - 4488 ELSE srid - 4509 END) * 3 AS cm
                     FROM spatial_ref_sys WHERE srid BETWEEN 4513 AND 4554),
          pts AS (SELECT srid, cm + d AS lng, lat FROM frames,
                    unnest(ARRAY[-1.2, 0, 1.2]) d, unnest($1::float8[]) lat),
          projected AS (SELECT srid, lng, lat,
                    ST_Transform(ST_SetSRID(ST_MakePoint(lng, lat), 4490), srid) AS p FROM pts)
     SELECT srid, lng, lat, ST_X(p) AS x, ST_Y(p) AS y,
            ST_X(ST_Transform(p, 4490)) AS "backLng", ST_Y(ST_Transform(p, 4490)) AS "backLat"
     FROM projected ORDER BY srid, lng, lat`,
    [latitudes],
  );
}

describe('CGCS2000 Gauss–Krüger transforms', () => {
  const results = new Map<StorageMode, Projected[]>();
  const dbs: Db[] = [];

  beforeAll(async () => {
    for (const mode of testModes()) {
      const db = await openTestDb(mode);
      dbs.push(db);
      results.set(mode, await projectAll(db));
    }
  }, 180_000);
  afterAll(async () => {
    for (const db of dbs) await db.close();
  });

  it('has all 42 zone frames in every mode', () => {
    for (const rows of results.values()) expect(new Set(rows.map((r) => r.srid)).size).toBe(42);
  });

  it('matches proj4js within a millimetre and round-trips within 1e-9 degrees', () => {
    for (const [mode, rows] of results) {
      for (const row of rows) {
        const frame = allGaussKrugerFrames().find((f) => f.srid === row.srid)!;
        const def = `+proj=tmerc +lat_0=0 +lon_0=${frame.centralMeridianDeg} +k=1 +x_0=${frame.falseEastingM} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
        const [x, y] = proj4('+proj=longlat +ellps=GRS80 +no_defs', def, [row.lng, row.lat]);
        expect(Math.abs(row.x - x), `${mode} EPSG:${row.srid} easting`).toBeLessThan(0.001);
        expect(Math.abs(row.y - y), `${mode} EPSG:${row.srid} northing`).toBeLessThan(0.001);
        expect(Math.abs(row.backLng - row.lng)).toBeLessThan(1e-9);
        expect(Math.abs(row.backLat - row.lat)).toBeLessThan(1e-9);
      }
    }
  });

  it('gives the same coordinates in the embedded and the server mode', () => {
    const embedded = results.get('embedded');
    const server = results.get('server');
    if (!embedded || !server) return expect(testModes().length).toBe(1);
    expect(embedded).toHaveLength(server.length);
    embedded.forEach((row, i) => {
      const other = server[i]!;
      expect(other.srid).toBe(row.srid);
      expect(Math.abs(other.x - row.x)).toBeLessThan(0.001);
      expect(Math.abs(other.y - row.y)).toBeLessThan(0.001);
    });
  });
});
