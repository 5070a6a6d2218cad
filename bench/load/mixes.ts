// The request mixes of the load test: the cheapest route (the baseline), a record by id, a
// filtered list, OGC API items in a bbox, vector tiles at zooms 10–16 and registrations (a
// POST of a generated parcel, unique per request). The tiles are asked of two servers, with
// the tile cache and without it. Each mix is an endless, deterministic
// sequence of requests over the targets.
import type { GeneratedParcel } from '../generate/dataset.ts';
import type { LoadRequest } from './drive.ts';
import type { Targets } from './targets.ts';

export type MixName =
  | 'health'
  | 'record by id'
  | 'list with filters'
  | 'OGC items in a bbox'
  | 'tiles z10–z16'
  /** The same tiles from a server with the tile cache off (RECLAIM_TILE_CACHE_MB=0). */
  | 'tiles z10–z16, no cache'
  | 'registrations';

export interface Mix {
  name: MixName;
  /** The route every request of the mix hits (Fastify's URL pattern). */
  route: string;
  /** The status a successful request answers. */
  okStatus: number;
  /** A fresh sequence of requests. */
  requests(): () => LoadRequest;
}

/** Half-side of the OGC bbox in degrees: about 1 km × 1 km around a parcel. */
const bboxHalfDeg = 0.005;
const states = ['approved', 'registered', 'in_use', 'expired'] as const;

function cycle<T>(items: readonly T[], make: (item: T, i: number) => LoadRequest) {
  return () => {
    let i = 0;
    return () => {
      const request = make(items[i % items.length]!, i);
      i += 1;
      return request;
    };
  };
}

/** A registration body for one generated parcel; `n` makes its name and approval unique. */
export function registration(parcel: GeneratedParcel, n: number, runId: string) {
  const a = parcel.attributes;
  return {
    divisionCode: a.division_code,
    geometry: { type: 'MultiPolygon', coordinates: parcel.coordinates },
    reason: 'load test registration (bench/load)',
    projectName: `${a.project_name} ${runId}-${n}`,
    projectClass: a.project_class,
    useType: a.use_type,
    approvalNumber: `${a.approval_number}-${runId}-${n}`,
    approvalDate: a.approval_date,
    approvalBody: a.approval_body,
    approvalLevel: a.approval_level,
    termStart: a.term_start,
    termEnd: a.term_end,
    projectOwner: a.project_owner,
    landUser: a.land_user,
    declaredAreaM2: Math.round(a.area_ha * 10_000 * 100) / 100,
  };
}

/**
 * The mixes over `targets`; `registrations` are generated parcels in the caller's scope,
 * cycled with a counter that keeps every request unique within `runId`.
 */
export function mixes(
  targets: Targets,
  registrations: readonly GeneratedParcel[],
  runId: string,
): Record<MixName, Mix> {
  const { records, counties } = targets;
  const tiles = records.flatMap((r, i) => r.tiles.filter((_, z) => z === i % r.tiles.length));
  let registered = 0;
  const tileMix = (name: MixName): Mix => ({
    name,
    route: '/tiles/temporary-land/:z/:x/:y.mvt',
    okStatus: 200,
    requests: cycle(tiles, (t) => ({
      method: 'GET',
      path: `/tiles/temporary-land/${t.z}/${t.x}/${t.y}.mvt`,
    })),
  });
  return {
    health: {
      name: 'health',
      route: '/healthz',
      okStatus: 200,
      requests: () => () => ({ method: 'GET', path: '/healthz' }),
    },
    'record by id': {
      name: 'record by id',
      route: '/api/register/records/:id',
      okStatus: 200,
      requests: cycle(records, (r) => ({ method: 'GET', path: `/api/register/records/${r.id}` })),
    },
    'list with filters': {
      name: 'list with filters',
      route: '/api/register/records',
      okStatus: 200,
      requests: cycle(counties, (county, i) => {
        const query = new URLSearchParams({
          state: states[i % states.length]!,
          divisionCode: county,
          limit: '50',
        });
        if (i % 2) query.set('q', '勘查');
        return { method: 'GET', path: `/api/register/records?${query}` };
      }),
    },
    'OGC items in a bbox': {
      name: 'OGC items in a bbox',
      route: '/ogc/collections/:collectionId/items',
      okStatus: 200,
      requests: cycle(records, (r) => {
        const bbox = [
          r.lng - bboxHalfDeg,
          r.lat - bboxHalfDeg,
          r.lng + bboxHalfDeg,
          r.lat + bboxHalfDeg,
        ]
          .map((v) => v.toFixed(6))
          .join(',');
        return {
          method: 'GET',
          path: `/ogc/collections/temporary-land/items?bbox=${bbox}&limit=50`,
        };
      }),
    },
    'tiles z10–z16': tileMix('tiles z10–z16'),
    'tiles z10–z16, no cache': tileMix('tiles z10–z16, no cache'),
    registrations: {
      name: 'registrations',
      route: '/api/register/records',
      okStatus: 201,
      requests: () => () => {
        registered += 1;
        const parcel = registrations[registered % registrations.length]!;
        return {
          method: 'POST',
          path: '/api/register/records',
          body: registration(parcel, registered, runId),
        };
      },
    },
  };
}
