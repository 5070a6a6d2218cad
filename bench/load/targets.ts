// What the request mixes aim at, read from the loaded database as its owner before the run:
// records of the caller's province (ids, a point on each, and the tiles holding that point at
// zooms 10–16, computed by PostGIS) and the counties that hold them.
import type { Db } from '../../src/platform/db/db.ts';

export const tileZooms = [10, 11, 12, 13, 14, 15, 16] as const;

export interface TargetRecord {
  id: string;
  divisionCode: string;
  /** A point on the parcel's surface, [lng, lat] in EPSG:4490. */
  lng: number;
  lat: number;
  /** The XYZ tile holding that point, per zoom of `tileZooms`. */
  tiles: { z: number; x: number; y: number }[];
}

export interface Targets {
  records: TargetRecord[];
  /** County codes holding records in the province. */
  counties: string[];
}

/**
 * `count` records of the province (`provinceCode`, two digits) picked by a seeded shuffle,
 * so the same seed aims at the same parcels.
 */
export async function loadTargets(
  db: Db,
  provinceCode: string,
  count: number,
  seed: number,
): Promise<Targets> {
  const records = await db.query<TargetRecord>(
    `SELECT id, division_code AS "divisionCode", ST_X(p) AS lng, ST_Y(p) AS lat,
            (SELECT json_agg(json_build_object('z', z,
                 'x', floor((ST_X(p) + 180) / 360 * 2 ^ z)::int,
                 'y', floor((1 - ln(tan(radians(ST_Y(p))) + 1 / cos(radians(ST_Y(p)))) / pi()) / 2 * 2 ^ z)::int)
                 ORDER BY z)
             FROM unnest($3::int[]) z) AS tiles
     FROM (SELECT id, division_code, ST_PointOnSurface(geom) AS p FROM temporary_land
           WHERE province_code = $1 AND geom IS NOT NULL AND state <> 'written_off'
           ORDER BY md5(id::text || $2::text) LIMIT $4) r`,
    [provinceCode, String(seed), [...tileZooms], count],
  );
  if (records.length === 0) throw new Error(`no records in province ${provinceCode} to aim at`);
  const counties = [...new Set(records.map((r) => r.divisionCode))].sort();
  return { records, counties };
}
