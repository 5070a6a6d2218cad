// GeoJSON (RFC 7946: [lng, lat] in degrees) as import candidates. A legacy "crs" member
// naming a CGCS2000 frame (EPSG:4490, 4491–4554) is honoured; projected coordinates without
// it are detected by their zone prefix.
import { AppError, type Problem } from '../../platform/errors.ts';
import type { ImportCandidate, ReadResult } from './candidate.ts';
import { attribute } from './attribute-names.ts';
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

function flatCoordinates(value: unknown, out: number[][] = []): number[][] {
  if (Array.isArray(value) && typeof value[0] === 'number') out.push(value as number[]);
  else if (Array.isArray(value)) for (const v of value) flatCoordinates(v, out);
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
  const coordinates = features.flatMap((f) => flatCoordinates(f.geometry?.coordinates));
  const crs = detectCrs(
    { srid: declaredSrid(doc) },
    coordinates.map((c) => c[0] ?? 0),
    coordinates.map((c) => c[1] ?? 0),
    { file },
  );
  if ('code' in crs) throw new AppError('invalid', crs);
  const candidates: ImportCandidate[] = features.map((f, i) => {
    const properties = f.properties ?? {};
    const label =
      attribute(properties, 'code') ?? attribute(properties, 'projectName') ?? `#${i + 1}`;
    return {
      feature: i + 1,
      label,
      properties,
      shape: { kind: 'geojson', srid: crs.srid, geometry: f.geometry },
    };
  });
  return { format: 'geojson', crsBasis: crs.basis, candidates, warnings: [] };
}
