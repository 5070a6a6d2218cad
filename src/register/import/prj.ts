// Maps the WKT of a Shapefile .prj (ESRI or OGC flavour) or a GeoPackage srs definition to a
// CGCS2000 EPSG code: geographic CGCS2000 → 4490, Gauss–Krüger by central meridian and false
// easting → 4491–4554. Xi'an 1980 and Beijing 1954 are refused (no transformation parameters);
// anything else is refused rather than guessed.
import type { ErrorLocation, Problem } from '../../platform/errors.ts';

/** The EPSG code and why, or the problem that makes the frame unusable. */
export type PrjChoice = { srid: number; basis: string } | Problem;

const normalise = (wkt: string) => wkt.toUpperCase().replace(/[\s_'-]+/g, '');

function parameter(wkt: string, name: string): number | undefined {
  const m = new RegExp(`PARAMETER\\[\\s*"${name}"\\s*,\\s*(-?[\\d.eE+-]+)\\s*\\]`, 'i').exec(wkt);
  const value = m ? Number(m[1]) : NaN;
  return Number.isFinite(value) ? value : undefined;
}

/** The authority code of the outermost definition (the last AUTHORITY in the text). */
function outerAuthority(wkt: string): number | undefined {
  const all = [...wkt.matchAll(/AUTHORITY\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)];
  const last = all.at(-1);
  // Only the outermost when it closes the whole definition.
  if (!last || !/^\s*\]\s*$/.test(wkt.slice((last.index ?? 0) + last[0].length))) return undefined;
  return Number(last[1]);
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/** The EPSG code of a CGCS2000 Gauss–Krüger frame, from its central meridian and false easting. */
export function gaussKrugerSrid(centralMeridian: number, falseEasting: number): number | undefined {
  const zone3 = centralMeridian / 3;
  if (Number.isInteger(zone3) && zone3 >= 25 && zone3 <= 45) {
    if (near(falseEasting, zone3 * 1_000_000 + 500_000)) return 4488 + zone3;
    if (near(falseEasting, 500_000)) return 4509 + zone3;
  }
  const zone6 = (centralMeridian + 3) / 6;
  if (Number.isInteger(zone6) && zone6 >= 13 && zone6 <= 23) {
    if (near(falseEasting, zone6 * 1_000_000 + 500_000)) return 4478 + zone6;
    if (near(falseEasting, 500_000)) return 4489 + zone6;
  }
  return undefined;
}

/** Reads a .prj / srs WKT. `where` locates the problem (file, field). */
export function sridFromPrj(wkt: string, where: ErrorLocation): PrjChoice {
  const text = normalise(wkt);
  const refuse = (code: string, zh: string, en: string): Problem => ({
    code,
    messageZh: zh,
    messageEn: en,
    location: where,
  });
  if (
    /XIAN1980|XIAN80|西安|BEIJING1954|BEIJING54|北京54|北京1954|KRASSOVSKY|KRASOVSKY/.test(text)
  ) {
    return refuse(
      'CRS_UNSUPPORTED_DATUM',
      '投影文件为西安 1980 或北京 1954 坐标系；Reclaim 不做无参数的坐标转换，请先转换为 CGCS2000',
      'the projection file names Xi’an 1980 or Beijing 1954; Reclaim does not convert between datums without parameters — convert to CGCS2000 first',
    );
  }
  const isCgcs2000 = /CGCS2000|CHINAGEODETICCOORDINATESYSTEM2000|DCHINA2000|GCSCHINA2000/.test(
    text,
  );
  const isWgs84 = /WGS1984|WGS84/.test(text);
  const authority = outerAuthority(wkt);
  const projected = /^\s*(PROJCS|PROJCRS|PROJECTEDCRS)\b/i.test(wkt);
  if (!projected) {
    if (isCgcs2000 || authority === 4490) return { srid: 4490, basis: 'CGCS2000 degrees (.prj)' };
    if (isWgs84 || authority === 4326)
      return { srid: 4326, basis: 'WGS 84 degrees (.prj), taken as CGCS2000' };
  } else if (isCgcs2000) {
    if (authority !== undefined && authority >= 4491 && authority <= 4554)
      return { srid: authority, basis: `EPSG:${authority} (.prj)` };
    const transverse = /TRANSVERSEMERCATOR|GAUSSKRUGER/.test(text);
    const cm = parameter(wkt, 'central_meridian') ?? parameter(wkt, 'longitude_of_center');
    const fe = parameter(wkt, 'false_easting');
    const k = parameter(wkt, 'scale_factor') ?? 1;
    const lat0 = parameter(wkt, 'latitude_of_origin') ?? 0;
    const fn = parameter(wkt, 'false_northing') ?? 0;
    const srid =
      transverse && cm !== undefined && fe !== undefined && near(k, 1) && lat0 === 0 && fn === 0
        ? gaussKrugerSrid(cm, fe)
        : undefined;
    if (srid !== undefined)
      return {
        srid,
        basis: `EPSG:${srid} from the .prj (central meridian ${cm}°, false easting ${fe} m)`,
      };
  }
  const name = /^\s*\w+\[\s*"([^"]*)"/.exec(wkt)?.[1] ?? wkt.slice(0, 60);
  return refuse(
    'CRS_UNSUPPORTED',
    `不支持的坐标系“${name}”（仅支持 CGCS2000 经纬度和高斯-克吕格 3 度、6 度带）`,
    `unsupported coordinate system "${name}" (CGCS2000 degrees and Gauss–Krüger 3- and 6-degree zones only)`,
  );
}
