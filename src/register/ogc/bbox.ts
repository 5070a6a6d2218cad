// The `bbox` query parameter (Part 1 /req/core/fc-bbox-definition) read in its `bbox-crs`
// (Part 2): four numbers, or six with heights, in the axis order of that CRS.
import { AppError } from '../../platform/errors.ts';
import { axisOrder, type CrsUri } from './vocabulary.ts';

/** [minLng, minLat, maxLng, maxLat] in degrees (CGCS2000, the storage frame's axis order). */
export type LngLatBox = readonly [number, number, number, number];

const invalid = (messageZh: string, messageEn: string) =>
  new AppError('invalid', {
    code: 'OGC_BBOX_INVALID',
    messageZh,
    messageEn,
    location: { field: 'bbox' },
  });

/**
 * Reads `bbox` given in `crs`. EPSG:4490 is latitude first, so its corners arrive as
 * minLat,minLng,maxLat,maxLng; CRS84 as minLng,minLat,maxLng,maxLat. Heights are ignored.
 * A box across the antimeridian is refused (no Chinese data crosses it).
 */
export function parseBbox(text: string, crs: CrsUri): LngLatBox {
  const parts = text.split(',').map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  if ((parts.length !== 4 && parts.length !== 6) || parts.some((n) => !Number.isFinite(n))) {
    throw invalid(
      'bbox 应为 4 个（或含高程的 6 个）以逗号分隔的数',
      'bbox must be 4 comma-separated numbers (or 6 with heights)',
    );
  }
  const [a, b, c, d] = (parts.length === 6 ? [parts[0], parts[1], parts[3], parts[4]] : parts) as [
    number,
    number,
    number,
    number,
  ];
  const latFirst = axisOrder[crs] === 'latLng';
  const [minLng, minLat, maxLng, maxLat] = latFirst ? [b, a, d, c] : [a, b, c, d];
  const order = latFirst
    ? '最小纬度,最小经度,最大纬度,最大经度'
    : '最小经度,最小纬度,最大经度,最大纬度';
  const orderEn = latFirst ? 'minLat,minLng,maxLat,maxLng' : 'minLng,minLat,maxLng,maxLat';
  if ([minLat, maxLat].some((v) => v < -90 || v > 90)) {
    throw invalid(
      `bbox 的纬度超出 −90…90（该坐标系的顺序为 ${order}）`,
      `bbox latitude outside −90…90 (this CRS takes ${orderEn})`,
    );
  }
  if ([minLng, maxLng].some((v) => v < -180 || v > 180)) {
    throw invalid(
      `bbox 的经度超出 −180…180（该坐标系的顺序为 ${order}）`,
      `bbox longitude outside −180…180 (this CRS takes ${orderEn})`,
    );
  }
  if (minLng > maxLng || minLat > maxLat) {
    throw invalid(
      `bbox 的最小值大于最大值（该坐标系的顺序为 ${order}；不支持跨越 180° 经线）`,
      `bbox minimum above its maximum (this CRS takes ${orderEn}; boxes across the antimeridian are not supported)`,
    );
  }
  return [minLng, minLat, maxLng, maxLat];
}
