// Reading the survey reference layers in the caller's scope.
import type { Db } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors.ts';
import { type Actor, scopeLikePattern } from '../../identity/domain/actor.ts';
import { inScope } from '../../identity/scoped-db.ts';
import { featuresInBbox, listBatches, type ParcelLayer } from './layers.store.ts';

/** Rough bounds of China (EPSG:4490 degrees): a bbox outside them is a mistake, not a query. */
export const chinaBounds = { minLng: 73, minLat: 3, maxLng: 136, maxLat: 54 } as const;
const maxBboxAreaDeg2 = 4;

export function parseBbox(text: string): [number, number, number, number] {
  const parts = text.split(',').map(Number);
  const bad = (zh: string, en: string) =>
    new AppError('invalid', {
      code: 'BBOX_INVALID',
      messageZh: zh,
      messageEn: en,
      location: { field: 'bbox' },
    });
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
    throw bad(
      'bbox 应为 最小经度,最小纬度,最大经度,最大纬度',
      'bbox must be minLng,minLat,maxLng,maxLat',
    );
  }
  const [minLng, minLat, maxLng, maxLat] = parts as [number, number, number, number];
  if (minLng >= maxLng || minLat >= maxLat) {
    throw bad('bbox 的最小值应小于最大值', 'bbox minimums must be below its maximums');
  }
  if (
    minLng < chinaBounds.minLng ||
    maxLng > chinaBounds.maxLng ||
    minLat < chinaBounds.minLat ||
    maxLat > chinaBounds.maxLat
  ) {
    throw bad(
      'bbox 超出中国范围（经度 73–136，纬度 3–54）',
      'bbox lies outside China (longitude 73–136, latitude 3–54)',
    );
  }
  if ((maxLng - minLng) * (maxLat - minLat) > maxBboxAreaDeg2) {
    throw bad(
      `bbox 过大（最多 ${maxBboxAreaDeg2} 平方度），请放大地图或使用矢量瓦片`,
      `bbox too large (at most ${maxBboxAreaDeg2} square degrees); zoom in or use vector tiles`,
    );
  }
  return [minLng, minLat, maxLng, maxLat];
}

export function createLayerService(db: Db) {
  return {
    batches: (actor: Actor) => inScope(db, actor, (tx) => listBatches(tx, scopeLikePattern(actor))),
    features: (
      actor: Actor,
      layer: ParcelLayer,
      bbox: [number, number, number, number],
      limit: number,
    ) =>
      inScope(db, actor, (tx) =>
        featuresInBbox(tx, layer, { scopeLike: scopeLikePattern(actor), bbox, limit }),
      ),
  };
}

export type LayerService = ReturnType<typeof createLayerService>;
