// GeoJSON (RFC 7946: [lng, lat] in degrees) as import candidates. A legacy "crs" member
// naming a CGCS2000 frame (EPSG:4490, 4491–4554) is honoured; projected coordinates without
// it are detected by their zone prefix.
import { AppError, type Problem } from '../../platform/errors.ts';
import type { ImportCandidate, ReadResult } from './candidate.ts';
import { featureLabel } from './attribute-names.ts';
import { detectCrs } from './detect-crs.ts';

const maxFeatures = 100_000;

interface Feature {
  type?: unknown;
  geometry?: { type?: unknown; coordinates?: unknown } | null;
  properties?: Record<string, unknown> | null;
}

function invalid(file: string, zh: string, en: string, feature?: number): AppError {
  return new AppError('invalid', {
    code: 'GEOJSON_INVALID',
    messageZh: zh,
    messageEn: en,
    location: { file, ...(feature ? { feature } : {}) },
  });
}

/** Positions nest at most this deep (MultiPolygon → polygon → ring → position). */
const maxNesting = 4;

/**
 * Every position in a coordinates array, for frame detection. Iterative and depth-bounded,
 * so a hostile file nested thousands deep cannot exhaust the stack.
 */
function flatCoordinates(value: unknown): number[][] | 'too deep' {
  const out: number[][] = [];
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop()!;
    if (!Array.isArray(v)) continue;
    // An array of anything but arrays is a position; non-numbers in it are reported.
    if (v.length > 0 && !Array.isArray(v[0])) out.push(v as number[]);
    else if (depth >= maxNesting) return 'too deep';
    else for (const item of v) stack.push({ value: item, depth: depth + 1 });
  }
  return out;
}

function declaredSrid(doc: Record<string, unknown>): number | undefined {
  const crs = doc.crs as { properties?: { name?: unknown } } | undefined;
  const name = typeof crs?.properties?.name === 'string' ? crs.properties.name : '';
  const m = /EPSG:{1,2}(\d{4,5})$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

export function readGeoJsonCandidates(bytes: Uint8Array, file: string): ReadResult {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''),
    ) as Record<string, unknown>;
  } catch (error) {
    throw invalid(
      file,
      `GeoJSON 无法解析：${(error as Error).message}`,
      `not readable GeoJSON: ${(error as Error).message}`,
    );
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw invalid(
      file,
      'GeoJSON 顶层应为对象（FeatureCollection、Feature 或几何）',
      'the GeoJSON top level must be an object (FeatureCollection, Feature or geometry)',
    );
  }
  const features: Feature[] =
    doc.type === 'FeatureCollection' && Array.isArray(doc.features)
      ? (doc.features as Feature[])
      : doc.type === 'Feature'
        ? [doc]
        : doc.type === 'Polygon' || doc.type === 'MultiPolygon'
          ? [{ type: 'Feature', geometry: doc, properties: {} }]
          : [];
  if (features.length === 0)
    throw invalid(file, 'GeoJSON 中没有要素', 'the GeoJSON holds no features');
  if (features.length > maxFeatures)
    throw invalid(
      file,
      `要素过多：${features.length}（上限 ${maxFeatures}）`,
      `too many features: ${features.length} (at most ${maxFeatures})`,
    );
  const problems: Problem[] = [];
  features.forEach((f, i) => {
    const type = f.geometry?.type;
    if (type !== 'Polygon' && type !== 'MultiPolygon') {
      problems.push({
        code: 'GEOJSON_NOT_POLYGON',
        messageZh: `第 ${i + 1} 个要素不是面（${typeof type === 'string' ? type : '无图形'}）`,
        messageEn: `feature ${i + 1} is not a Polygon or MultiPolygon (${typeof type === 'string' ? type : 'no geometry'})`,
        location: { file, feature: i + 1 },
      });
    }
  });
  const [first, ...rest] = problems;
  if (first) throw AppError.many('invalid', first, rest);
  const coordinates: number[][] = [];
  for (const [i, f] of features.entries()) {
    const positions = flatCoordinates(f.geometry?.coordinates);
    if (positions === 'too deep') {
      throw invalid(
        file,
        `第 ${i + 1} 个要素的坐标嵌套过深`,
        `the coordinates of feature ${i + 1} are nested too deeply`,
        i + 1,
      );
    }
    if (
      positions.some(
        (p) => p.length < 2 || !p.every((n) => typeof n === 'number' && Number.isFinite(n)),
      )
    ) {
      throw invalid(
        file,
        `第 ${i + 1} 个要素含有非数值坐标`,
        `feature ${i + 1} has coordinates that are not finite numbers`,
        i + 1,
      );
    }
    // One by one: a parcel may have 100,000 vertices, too many to spread as arguments.
    for (const position of positions) coordinates.push(position);
  }
  const crs = detectCrs(
    { srid: declaredSrid(doc) },
    coordinates.map((c) => c[0] ?? 0),
    coordinates.map((c) => c[1] ?? 0),
    { file },
  );
  if ('code' in crs) throw new AppError('invalid', crs);
  const candidates: ImportCandidate[] = features.map((f, i) => {
    const properties = f.properties ?? {};
    const label = featureLabel(properties, i + 1);
    return {
      feature: i + 1,
      label,
      properties,
      shape: { kind: 'geojson', srid: crs.srid, geometry: f.geometry },
    };
  });
  return { format: 'geojson', crsBasis: crs.basis, candidates, warnings: [] };
}
