// The ministry coordinate txt as import candidates: file attributes ([属性描述]) apply to
// every parcel, the parcel header supplies name, code, use, area and land class.
import type { Problem } from '../../platform/errors.ts';
import { AppError } from '../../platform/errors.ts';
import { readCoordinateTxt } from '../formats/coordinate-txt/read.ts';
import type { ReadResult } from './candidate.ts';
import { detectCrs } from './detect-crs.ts';

const numberOrUndefined = (text: string | undefined) => {
  const n = Number(text);
  return text !== undefined && text.trim() !== '' && Number.isFinite(n) ? n : undefined;
};

export function readCoordinateTxtCandidates(bytes: Uint8Array, file: string): ReadResult {
  const parsed = readCoordinateTxt(bytes, file);
  const points = parsed.parcels.flatMap((p) => p.rings.flatMap((r) => r.points));
  const crs = detectCrs(
    {
      datum: parsed.attributes['坐标系'],
      zoneWidthDeg: numberOrUndefined(parsed.attributes['几度分带']),
      zone: numberOrUndefined(parsed.attributes['带号']),
    },
    points.map((p) => p.y),
    points.map((p) => p.x),
    { file },
  );
  if ('code' in crs) throw new AppError('invalid', crs);
  const warnings: Problem[] = [...parsed.warnings];
  const candidates = parsed.parcels.map((parcel) => ({
    feature: parcel.feature,
    label: parcel.code || parcel.name || `#${parcel.feature}`,
    properties: {
      ...parsed.attributes,
      地块编号: parcel.code,
      地块名称: parcel.name,
      地块用途: parcel.use,
      地类编码: parcel.landClassCode,
      ...(parcel.areaHa !== null ? { 地块面积: parcel.areaHa } : {}),
    },
    shape: {
      kind: 'rings' as const,
      srid: crs.srid,
      rings: parcel.rings.map((ring) => ({
        ring: ring.ring,
        points: ring.points.map((p) => [p.y, p.x] as [number, number]),
        lines: ring.points.map((p) => p.line),
      })),
    },
  }));
  return { format: 'coordinate-txt', crsBasis: crs.basis, candidates, warnings };
}
