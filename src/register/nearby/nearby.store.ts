// SQL for the published approvals nearest a point: candidates through the GiST index in a
// box around the search circle (migration 0008), then the exact distance in metres on the
// CGCS2000 ellipsoid (PostGIS geography, spheroid on), nearest first. Row-level security
// shows the public published records only; the conditions repeat it (defence in depth).
import type { Queryable } from '../../platform/db/db.ts';
import type { FeatureRow } from '../ogc/ogc.store.ts';
import { temporaryLandProperties } from '../ogc/ogc.store.ts';
import type { NearbyQuery } from './nearby-query.ts';
import { searchBox } from './nearby-query.ts';

export interface NearbyRow extends FeatureRow {
  /** Metres from the point to the nearest point of the parcel (0 when the point is inside). */
  distanceM: number;
}

export async function publishedNear(q: Queryable, query: NearbyQuery): Promise<NearbyRow[]> {
  const radiusM = query.radiusKm * 1000;
  const box = searchBox(query.lng, query.lat, radiusM);
  return q.query<NearbyRow>(
    `WITH here AS (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4490)::geography AS g)
     SELECT t.id, ST_AsGeoJSON(t.geom, 9, 0)::json AS geometry, ${temporaryLandProperties} AS properties,
            round(ST_Distance(t.geom::geography, here.g)::numeric, 1)::float8 AS "distanceM"
       FROM temporary_land t, here
      WHERE t.id IN (SELECT reclaim_temporary_land_in_box($3, $4, $5, $6))
        AND t.geom IS NOT NULL
        AND t.disclosure_published_on IS NOT NULL
        AND t.state <> 'written_off'
        AND ST_DWithin(t.geom::geography, here.g, $7)
      ORDER BY "distanceM", t.id
      LIMIT $8`,
    [query.lng, query.lat, ...box, radiusM, query.limit],
  );
}
