// The query of "published approvals near a point": `near=lng,lat` (CGCS2000 / EPSG:4490
// degrees, longitude first), a search radius in kilometres and a number of results, each
// bounded so that one request stays cheap. Every problem is named in both languages at once.
import { AppError, type Problem } from '../../platform/errors.ts';

export const nearbyBounds = {
  radiusKm: { min: 0.1, max: 50, default: 10 },
  limit: { min: 1, max: 50, default: 20 },
} as const;

export interface NearbyQuery {
  lng: number;
  lat: number;
  radiusKm: number;
  limit: number;
}

/** The query parameters as sent (strings; absent when not given). */
export interface RawNearbyQuery {
  near?: string | undefined;
  radiusKm?: string | undefined;
  limit?: string | undefined;
}

const problem = (field: string, zh: string, en: string): Problem => ({
  code: 'NEARBY_QUERY_INVALID',
  messageZh: zh,
  messageEn: en,
  location: { field },
});

/** A decimal number written plainly ("12", "-0.5", "117.45"): no hex, exponents or blanks. */
const plainNumber = /^-?(\d+(\.\d*)?|\.\d+)$/;

function readNear(text: string | undefined, problems: Problem[]): [number, number] | null {
  const example = '（例如 near=117.45,34.43）';
  if (text === undefined || text.trim() === '') {
    problems.push(
      problem(
        'near',
        `缺少 near：请给出查询点的经度和纬度，以逗号分隔${example}`,
        'near is missing: give the point as longitude,latitude (e.g. near=117.45,34.43)',
      ),
    );
    return null;
  }
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== 2 || !parts.every((p) => plainNumber.test(p))) {
    problems.push(
      problem(
        'near',
        `near 应为“经度,纬度”两个数${example}，收到 ${text}`,
        `near must be two numbers, longitude,latitude (e.g. near=117.45,34.43); got ${text}`,
      ),
    );
    return null;
  }
  const [lng, lat] = parts.map(Number) as [number, number];
  if (lng < -180 || lng > 180 || lat < -90 || lat > 90) {
    problems.push(
      problem(
        'near',
        `near 的经度应在 −180…180、纬度应在 −90…90 之间（顺序为经度在前）；收到 ${text}`,
        `near takes longitude −180…180 then latitude −90…90; got ${text}`,
      ),
    );
    return null;
  }
  return [lng, lat];
}

function readBounded(
  field: 'radiusKm' | 'limit',
  text: string | undefined,
  problems: Problem[],
): number {
  const { min, max, default: fallback } = nearbyBounds[field];
  if (text === undefined || text.trim() === '') return fallback;
  const value = plainNumber.test(text.trim()) ? Number(text) : Number.NaN;
  const whole = field === 'limit';
  if (
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (whole && !Number.isInteger(value))
  ) {
    problems.push(
      whole
        ? problem(
            field,
            `limit 应为 ${min} 到 ${max} 之间的整数；收到 ${text}`,
            `limit must be a whole number from ${min} to ${max}; got ${text}`,
          )
        : problem(
            field,
            `radiusKm（搜索半径，公里）应在 ${min} 到 ${max} 之间；收到 ${text}`,
            `radiusKm (search radius in km) must be from ${min} to ${max}; got ${text}`,
          ),
    );
  }
  return value;
}

/** The query, or a 400 naming every parameter that is wrong. */
export function parseNearbyQuery(raw: RawNearbyQuery): NearbyQuery {
  const problems: Problem[] = [];
  const point = readNear(raw.near, problems);
  const radiusKm = readBounded('radiusKm', raw.radiusKm, problems);
  const limit = readBounded('limit', raw.limit, problems);
  const [first, ...more] = problems;
  if (first) throw new AppError('invalid', first, more);
  return { lng: point![0], lat: point![1], radiusKm, limit };
}

/** Metres in one degree of latitude, rounded down (110,574 m at the equator). */
const metresPerDegreeLat = 110_500;
/** Metres in one degree of longitude at the equator, rounded down. */
const metresPerDegreeLng = 111_300;

/**
 * A box in degrees that holds every point within `radiusM` of (lng, lat) on the ellipsoid,
 * with a margin: the index finds candidates in it, the exact distance decides.
 */
export function searchBox(
  lng: number,
  lat: number,
  radiusM: number,
): [number, number, number, number] {
  const dLat = (radiusM / metresPerDegreeLat) * 1.02;
  const minLat = Math.max(-90, lat - dLat);
  const maxLat = Math.min(90, lat + dLat);
  const widest = Math.max(Math.abs(minLat), Math.abs(maxLat));
  const cos = Math.cos((Math.min(widest, 89.9) * Math.PI) / 180);
  const dLng = Math.min(180, ((radiusM / metresPerDegreeLng) * 1.02) / cos);
  return [Math.max(-180, lng - dLng), minLat, Math.min(180, lng + dLng), maxLat];
}
