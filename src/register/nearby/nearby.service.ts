// Published approvals near a point, for the public portal's "approvals near me". Everyone —
// the public, enterprises and officials alike — reads here as the public does (OGC items'
// rule for the public): published records only, never written-off ones, nationwide.
import { publicActor } from '../../identity/domain/actor.ts';
import { inScope } from '../../identity/scoped-db.ts';
import type { Db } from '../../platform/db/db.ts';
import { findCollection } from '../ogc/collections.ts';
import { toFeature } from '../ogc/ogc.service.ts';
import { parseNearbyQuery, type RawNearbyQuery } from './nearby-query.ts';
import { publishedNear } from './nearby.store.ts';

export function createNearbyService(db: Db) {
  const register = findCollection('temporary-land')!;
  return {
    /** A GeoJSON FeatureCollection (CRS84 order), nearest first, each with `distanceM`. */
    async publishedApprovals(raw: RawNearbyQuery) {
      const query = parseNearbyQuery(raw);
      const rows = await inScope(db, publicActor, (tx) => publishedNear(tx, query));
      return {
        type: 'FeatureCollection' as const,
        near: [query.lng, query.lat],
        radiusKm: query.radiusKm,
        limit: query.limit,
        numberReturned: rows.length,
        features: rows.map(({ distanceM, ...row }) => {
          const feature = toFeature(register, row);
          return { ...feature, properties: { ...feature.properties, distanceM } };
        }),
      };
    },
  };
}

export type NearbyService = ReturnType<typeof createNearbyService>;
