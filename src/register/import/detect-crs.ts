// Which CGCS2000 frame a file's coordinates are in, from what it declares and what its
// numbers look like (DESIGN.md, "Exchange formats"): geographic degrees → EPSG:4490;
// Gauss–Krüger eastings with a zone prefix → the zone's frame; without a prefix → the
// declared zone (带号). Xi'an 1980 and Beijing 1954 need transformation parameters Reclaim
// does not have, so they are refused rather than guessed.
import type { Problem, ErrorLocation } from '../../platform/errors.ts';

export interface CrsDeclaration {
  /** 坐标系 as written, e.g. "2000国家大地坐标系". */
  datum?: string;
  /** 几度分带: 3 or 6. */
  zoneWidthDeg?: number;
  /** 带号 */
  zone?: number;
  /** An explicit EPSG code (e.g. from a .prj or a GeoJSON crs member). */
  srid?: number;
}

export interface CrsChoice {
  srid: number;
  /** Why this frame, for the import report. */
  basis: string;
}

/** Frames Reclaim accepts: 4490, 3-degree zones 25–45 (4513–4554), 6-degree zones 13–23 (4491–4512). */
export function isSupportedSrid(srid: number): boolean {
  return srid === 4490 || (srid >= 4491 && srid <= 4554) || srid === 4326;
}

/** The largest absolute value, -Infinity for none. A loop: spreading a file's worth of
 * coordinates into Math.max overflows the call stack (about 100,000 and more). */
function maxAbs(values: readonly number[]): number {
  let max = -Infinity;
  for (const v of values) if (Math.abs(v) > max) max = Math.abs(v);
  return max;
}

const problem = (code: string, zh: string, en: string, location: ErrorLocation): Problem => ({
  code,
  messageZh: zh,
  messageEn: en,
  location,
});

/**
 * Chooses the frame. `eastings` and `northings` are the numbers as written (metres or degrees).
 * For geographic input, eastings are longitudes and northings latitudes.
 */
export function detectCrs(
  declared: CrsDeclaration,
  eastings: readonly number[],
  northings: readonly number[],
  where: ErrorLocation,
): CrsChoice | Problem {
  const datum = declared.datum ?? '';
  if (/1980|西安|1954|北京54|北京1954/.test(datum)) {
    return problem(
      'CRS_UNSUPPORTED_DATUM',
      `坐标系“${datum}”不是国家2000坐标系；Reclaim 不做无参数的坐标转换，请先转换为 CGCS2000`,
      `coordinate system "${datum}" is not CGCS2000; Reclaim does not convert between datums without parameters — convert to CGCS2000 first`,
      { ...where, field: '坐标系' },
    );
  }
  if (declared.srid !== undefined) {
    if (!isSupportedSrid(declared.srid)) {
      return problem(
        'CRS_UNSUPPORTED',
        `不支持的坐标系 EPSG:${declared.srid}（仅支持 CGCS2000：4490、4491–4554）`,
        `unsupported coordinate system EPSG:${declared.srid} (CGCS2000 only: 4490, 4491–4554)`,
        where,
      );
    }
    // WGS 84 and CGCS2000 agree to well under a metre (no +towgs84, as Tianditu does).
    return {
      srid: declared.srid === 4326 ? 4490 : declared.srid,
      basis: `declared EPSG:${declared.srid}`,
    };
  }
  const maxE = maxAbs(eastings);
  const maxN = maxAbs(northings);
  if (maxE <= 180 && maxN <= 90) return { srid: 4490, basis: 'coordinates in degrees' };
  if (maxE <= 90 && maxN <= 180) {
    return problem(
      'CRS_AXES_SWAPPED',
      '坐标像是经纬度，但纬度超过 90°：经度和纬度是否颠倒？（GeoJSON 为 [经度, 纬度]）',
      'the coordinates look like degrees but latitudes exceed 90°: are longitude and latitude swapped? (GeoJSON is [lng, lat])',
      where,
    );
  }
  const width = declared.zoneWidthDeg ?? 3;
  if (width !== 3 && width !== 6) {
    return problem(
      'CRS_ZONE_WIDTH',
      `几度分带应为 3 或 6，实际为 ${width}`,
      `zone width must be 3 or 6 degrees, not ${width}`,
      { ...where, field: '几度分带' },
    );
  }
  const prefixes = new Set<number>();
  for (const e of eastings) prefixes.add(e >= 1_000_000 ? Math.floor(e / 1_000_000) : 0);
  if (prefixes.size > 1) {
    return problem(
      'CRS_MIXED_ZONES',
      `同一文件中的 Y 坐标带号不一致：${[...prefixes].join('、')}`,
      `eastings carry different zone prefixes in one file: ${[...prefixes].join(', ')}`,
      where,
    );
  }
  const [prefix = 0] = [...prefixes];
  const [firstZone, lastZone, prefixedBase, plainBase] =
    width === 3 ? [25, 45, 4488, 4509] : [13, 23, 4478, 4489];
  if (prefix > 0) {
    if (prefix < firstZone || prefix > lastZone) {
      return problem(
        'CRS_ZONE_RANGE',
        `Y 坐标带号 ${prefix} 不在 ${width} 度带 ${firstZone}–${lastZone} 范围内（X、Y 是否颠倒？）`,
        `zone prefix ${prefix} is outside the ${width}-degree zones ${firstZone}–${lastZone} (are X and Y swapped?)`,
        where,
      );
    }
    if (declared.zone !== undefined && declared.zone !== prefix) {
      return problem(
        'CRS_ZONE_CONFLICT',
        `声明的带号 ${declared.zone} 与 Y 坐标前缀 ${prefix} 不一致`,
        `the declared zone ${declared.zone} disagrees with the easting prefix ${prefix}`,
        { ...where, field: '带号' },
      );
    }
    return {
      srid: prefixedBase + prefix,
      basis: `${width}-degree zone ${prefix} from the easting prefix`,
    };
  }
  if (declared.zone === undefined) {
    return problem(
      'CRS_ZONE_UNKNOWN',
      'Y 坐标不带带号且文件未声明带号，无法确定投影带',
      'eastings carry no zone prefix and the file declares no zone (带号): the projection zone is unknown',
      { ...where, field: '带号' },
    );
  }
  if (declared.zone < firstZone || declared.zone > lastZone) {
    return problem(
      'CRS_ZONE_RANGE',
      `带号 ${declared.zone} 不在 ${width} 度带 ${firstZone}–${lastZone} 范围内`,
      `zone ${declared.zone} is outside the ${width}-degree zones ${firstZone}–${lastZone}`,
      { ...where, field: '带号' },
    );
  }
  if (maxN < 1_000_000 || maxN > 6_500_000) {
    return problem(
      'CRS_NORTHING_RANGE',
      `X 坐标（北向）${maxN} 不在中国范围内（X、Y 是否颠倒？）`,
      `northing ${maxN} is outside China (are X and Y swapped?)`,
      where,
    );
  }
  return {
    srid: plainBase + declared.zone,
    basis: `${width}-degree zone ${declared.zone} as declared (no prefix)`,
  };
}
