// KML and KMZ (zipped KML) as import candidates, through @tmcw/togeojson: KML coordinates are
// always longitude/latitude degrees (WGS 84, taken as CGCS2000 → EPSG:4490). name, description
// and ExtendedData (Data, SimpleData) become attributes; styling does not.
import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { AppError, type Problem } from '../../platform/errors.ts';
import { featureLabel } from './attribute-names.ts';
import type { ImportCandidate, ReadResult } from './candidate.ts';
import { decodeChineseText } from './read-csv.ts';
import { extensionOf, unzipBounded } from './unzip.ts';

const maxFeatures = 100_000;
const styleKeys = new Set([
  'styleUrl',
  'styleHash',
  'styleMapHash',
  'stroke',
  'stroke-opacity',
  'stroke-width',
  'fill',
  'fill-opacity',
  'icon',
  'icon-opacity',
  'icon-scale',
  'icon-color',
  'label-scale',
  'label-color',
  'visibility',
]);

interface Geometry {
  type: string;
  coordinates?: unknown;
  geometries?: Geometry[];
}

const invalid = (file: string, zh: string, en: string) =>
  new AppError('invalid', {
    code: 'KML_INVALID',
    messageZh: zh,
    messageEn: en,
    location: { file },
  });

/** Drops altitudes: [lng, lat, alt] → [lng, lat]. */
function flat2d(value: unknown): unknown {
  if (Array.isArray(value) && typeof value[0] === 'number') return value.slice(0, 2);
  return Array.isArray(value) ? value.map(flat2d) : value;
}

/** A Polygon, a MultiPolygon, or a MultiGeometry of polygons as one MultiPolygon; else null. */
function polygonal(g: Geometry | null | undefined): Geometry | null {
  if (!g) return null;
  if (g.type === 'Polygon' || g.type === 'MultiPolygon')
    return { type: g.type, coordinates: flat2d(g.coordinates) };
  if (g.type === 'GeometryCollection' && g.geometries && g.geometries.length > 0) {
    const parts = g.geometries.map(polygonal);
    if (parts.some((p) => p === null)) return null;
    return {
      type: 'MultiPolygon',
      coordinates: parts.flatMap((p) =>
        p!.type === 'Polygon' ? [p!.coordinates] : (p!.coordinates as unknown[]),
      ),
    };
  }
  return null;
}

type XmlDocument = ReturnType<DOMParser['parseFromString']>;

/**
 * KML requires a LinearRing's last position to repeat its first (OGC 07-147r2, 10.5); the
 * converter closes an open ring silently, so each one is reported here as a warning.
 */
function unclosedRingWarnings(doc: XmlDocument, file: string): Problem[] {
  const warnings: Problem[] = [];
  const position = (tuple: string | undefined) => tuple?.split(',').slice(0, 2).map(Number);
  const placemarks = doc.getElementsByTagName('Placemark');
  for (let p = 0; p < placemarks.length; p++) {
    const rings = placemarks.item(p)?.getElementsByTagName('LinearRing');
    for (let r = 0; r < (rings?.length ?? 0); r++) {
      const text = rings?.item(r)?.getElementsByTagName('coordinates').item(0)?.textContent ?? '';
      const tuples = text.trim().split(/\s+/);
      const [first, last] = [position(tuples[0]), position(tuples[tuples.length - 1])];
      if (tuples.length < 2 || !first || !last) continue;
      if (first[0] === last[0] && first[1] === last[1]) continue;
      warnings.push({
        code: 'KML_RING_NOT_CLOSED',
        messageZh: `第 ${p + 1} 个地标的第 ${r + 1} 个环未闭合（末点不等于首点），已按首点闭合`,
        messageEn: `ring ${r + 1} of placemark ${p + 1} is not closed (its last position is not its first); it was closed at its first position`,
        location: { file, feature: p + 1, ring: r + 1 },
      });
    }
  }
  return warnings;
}

function kmlText(bytes: Uint8Array, file: string): string {
  if (!file.toLowerCase().endsWith('.kmz') && !(bytes[0] === 0x50 && bytes[1] === 0x4b))
    return decodeChineseText(bytes);
  const entries = unzipBounded(bytes, file, (path) => extensionOf(path) === 'kml');
  // doc.kml by convention; otherwise the first KML in the archive.
  const [path] = [...entries.keys()].sort(
    (a, b) => Number(b.toLowerCase() === 'doc.kml') - Number(a.toLowerCase() === 'doc.kml'),
  );
  if (!path) throw invalid(file, 'KMZ 中没有 .kml 文件', 'the KMZ holds no .kml file');
  return decodeChineseText(entries.get(path)!);
}

export function readKmlCandidates(bytes: Uint8Array, file: string): ReadResult {
  const text = kmlText(bytes, file);
  let features: { geometry: Geometry | null; properties: Record<string, unknown> | null }[];
  let warnings: Problem[];
  try {
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(text, 'text/xml');
    features = kml(doc).features;
    warnings = unclosedRingWarnings(doc, file);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? '';
    throw invalid(file, `KML 无法解析：${message}`, `not readable KML: ${message}`);
  }
  if (features.length === 0) throw invalid(file, 'KML 中没有地标', 'the KML holds no placemarks');
  if (features.length > maxFeatures)
    throw invalid(
      file,
      `地标过多：${features.length}（上限 ${maxFeatures}）`,
      `too many placemarks: ${features.length} (at most ${maxFeatures})`,
    );
  const problems: Problem[] = [];
  const candidates: ImportCandidate[] = features.map((f, i) => {
    const geometry = polygonal(f.geometry);
    if (!geometry) {
      const type = f.geometry?.type ?? '无图形';
      problems.push({
        code: 'KML_NOT_POLYGON',
        messageZh: `第 ${i + 1} 个地标不是面（${type}）`,
        messageEn: `placemark ${i + 1} is not a Polygon (${f.geometry?.type ?? 'no geometry'})`,
        location: { file, feature: i + 1 },
      });
    }
    const properties = Object.fromEntries(
      Object.entries(f.properties ?? {}).filter(([k]) => !styleKeys.has(k)),
    );
    const label = featureLabel(properties, i + 1);
    return {
      feature: i + 1,
      label,
      properties,
      shape: { kind: 'geojson', srid: 4490, geometry },
    };
  });
  const [first, ...rest] = problems;
  if (first) throw AppError.many('invalid', first, rest);
  return {
    format: 'kml',
    crsBasis: 'KML longitude/latitude degrees (EPSG:4490)',
    candidates,
    warnings,
  };
}
