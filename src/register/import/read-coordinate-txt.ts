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
  // Every ring as the shape takes it ([easting, northing] and its line per point), and every
  // coordinate for the frame's detection, in one pass (a file holds a million points and more).
  const eastings: number[] = [];
  const northings: number[] = [];
  const rings = parsed.parcels.map((parcel) =>
    parcel.rings.map((ring) => {
      const points: [number, number][] = [];
      const lines: number[] = [];
      for (const p of ring.points) {
        points.push([p.y, p.x]);
        lines.push(p.line);
        eastings.push(p.y);
        northings.push(p.x);
      }
      return { ring: ring.ring, points, lines };
    }),
  );
  const crs = detectCrs(
    {
      datum: parsed.attributes['坐标系'],
      zoneWidthDeg: numberOrUndefined(parsed.attributes['几度分带']),
      zone: numberOrUndefined(parsed.attributes['带号']),
    },
    eastings,
    northings,
    { file },
  );
  if ('code' in crs) throw new AppError('invalid', crs);
  const warnings: Problem[] = [...parsed.warnings];
  const candidates = parsed.parcels.map((parcel, i) => ({
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
    shape: { kind: 'rings' as const, srid: crs.srid, rings: rings[i]! },
  }));
  return { format: 'coordinate-txt', crsBasis: crs.basis, candidates, warnings };
}
