// SQL for the bulletin's map: the division's parcels as they stood at the cutoff, the change
// polygons of live TL-ENF-01 findings, and a point per ranked division, projected, simplified
// and written as SVG path data by PostGIS (ST_AsSVG: y grows downwards, so it is written negated).
// Reclaim holds no division boundaries; a division's point is the centre of its parcels.
import type { Queryable } from '../../platform/db/db.ts';
import { snapshot } from './reports.store.ts';

/**
 * The map's projection: equirectangular around the centre of what it shows — x = (λ − λ₀)·a,
 * y = (φ − φ₀)·e with a = e·cos φ₀ and e = the metres of a degree on the CGCS2000 equator —
 * an affine map PostGIS applies (ST_Affine) the same way in both modes, without a PROJ
 * transformation per parcel. Distances are true along the meridians and the parallel φ₀.
 */
export interface MapProjection {
  a: number;
  e: number;
  xoff: number;
  yoff: number;
}

/** CGCS2000 semi-major axis (m) × π / 180: metres per degree along the equator. */
const metresPerDegree = (6_378_137 * Math.PI) / 180;

export function projectionAround(bounds: MapBounds): MapProjection {
  const lng0 = (bounds.minLng + bounds.maxLng) / 2;
  const lat0 = (bounds.minLat + bounds.maxLat) / 2;
  const e = metresPerDegree;
  const a = e * Math.cos((lat0 * Math.PI) / 180);
  return { a, e, xoff: -lng0 * a, yoff: -lat0 * e };
}

/** The projected extent of `bounds` (an affine map takes a box to a box). */
export function projectExtent(bounds: MapBounds, p: MapProjection): MapExtent {
  return {
    minX: bounds.minLng * p.a + p.xoff,
    maxX: bounds.maxLng * p.a + p.xoff,
    minY: bounds.minLat * p.e + p.yoff,
    maxY: bounds.maxLat * p.e + p.yoff,
    parcels: bounds.parcels,
  };
}

/** Above this many parcels the map draws a dot per grid cell instead of every outline. */
export const maxOutlines = 3_000;

/** What the map shows, in degrees (EPSG:4490), and how many parcels. */
export interface MapBounds {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
  parcels: number;
}

export interface MapExtent {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  parcels: number;
}

export type ParcelKind = 'error' | 'warning' | 'none';

/** Parcels and uncovered polygons, projected by ST_Affine($2, 0, 0, $3, $4, $5). */
const parcelsCte = `parcel AS (
    SELECT t.id, t.division_code, ST_Affine(t.geom, $2::float8, 0, 0, $3::float8, $4::float8, $5::float8) AS g,
           CASE WHEN f.has_error THEN 'error' WHEN f.record_id IS NOT NULL THEN 'warning' ELSE 'none' END AS kind
    FROM ${snapshot('temporary_land')} t
    LEFT JOIN (SELECT record_id, bool_or(severity = 'error') AS has_error
               FROM ${snapshot('supervision_finding')} sf
               WHERE record_id IS NOT NULL AND status IN ('open', 'acknowledged') AND first_seen_on <= $1::date
               GROUP BY record_id) f ON f.record_id = t.id
    WHERE t.state <> 'written_off' AND t.geom IS NOT NULL),
  uncovered AS (
    SELECT ST_Affine(p.geom, $2::float8, 0, 0, $3::float8, $4::float8, $5::float8) AS g
    FROM ${snapshot('supervision_finding')} sf
    JOIN change_polygon p ON p.id = (sf.evidence ->> 'polygonId')::uuid
    WHERE sf.rule_code = 'TL-ENF-01' AND sf.status IN ('open', 'acknowledged') AND sf.first_seen_on <= $1::date)`;

/** The extent of everything the map draws, in degrees; null when there is nothing. */
export async function mapBounds(q: Queryable, asOf: string): Promise<MapBounds | null> {
  const [row] = await q.query<MapBounds>(
    `WITH ${parcelsCte},
     everything AS (SELECT g FROM parcel UNION ALL SELECT g FROM uncovered)
     SELECT ST_XMin(e) AS "minLng", ST_YMin(e) AS "minLat", ST_XMax(e) AS "maxLng", ST_YMax(e) AS "maxLat",
            (SELECT count(*)::int FROM parcel) AS parcels
     FROM (SELECT ST_Extent(g)::geometry AS e FROM everything) x WHERE e IS NOT NULL`,
    [asOf, 1, 1, 0, 0],
  );
  return row ?? null;
}

export interface MapLayers {
  /** Parcel outlines (SVG path data) by kind. */
  outlines: { kind: ParcelKind; d: string }[];
  /** Parcels too small to outline, or a dot per grid cell of `n` parcels when there are too many. */
  dots: { kind: ParcelKind; x: number; y: number; n: number }[];
  uncovered: { d: string }[];
  /** A point per division at `digits` digits: the centre of its parcels (x, y projected, y up). */
  points: { divisionCode: string; x: number; y: number }[];
}

/**
 * The map's layers, simplified to `tolerance` metres (half a pixel of the drawn map);
 * `digits` is the length of the division code the points are placed for (2, 4 or 6).
 */
export async function mapLayers(
  q: Queryable,
  asOf: string,
  options: { projection: MapProjection; tolerance: number; asDots: boolean; digits: number },
): Promise<MapLayers> {
  const { a, e, xoff, yoff } = options.projection;
  const params = [asOf, a, e, xoff, yoff, options.tolerance];
  // A parcel narrower than three pixels would simplify to a speck: it is drawn as a dot.
  const outlines = options.asDots
    ? []
    : await q.query<{ kind: ParcelKind; d: string | null; x: number; y: number }>(
        `WITH ${parcelsCte}
         SELECT kind,
                CASE WHEN greatest(ST_XMax(g) - ST_XMin(g), ST_YMax(g) - ST_YMin(g)) < $6::float8 * 6 THEN NULL
                     ELSE ST_AsSVG(ST_Simplify(g, $6::float8, true), 0, 0) END AS d,
                round(ST_X(ST_PointOnSurface(g)))::float8 AS x, round(ST_Y(ST_PointOnSurface(g)))::float8 AS y
         FROM parcel ORDER BY kind = 'none' DESC, kind = 'warning' DESC, id`,
        params,
      );
  const dots = options.asDots
    ? await q.query<{ kind: ParcelKind; x: number; y: number; n: number }>(
        `WITH ${parcelsCte},
         cell AS (SELECT kind, ST_SnapToGrid(ST_PointOnSurface(g), $6::float8 * 8) AS p FROM parcel)
         SELECT kind, round(ST_X(p))::float8 AS x, round(ST_Y(p))::float8 AS y, count(*)::int AS n
         FROM cell GROUP BY kind, p ORDER BY kind = 'none' DESC, kind = 'warning' DESC, x, y`,
        params,
      )
    : [];
  const uncovered = await q.query<{ d: string }>(
    `WITH ${parcelsCte}
     SELECT ST_AsSVG(ST_Simplify(g, $6::float8, true), 0, 0) AS d FROM uncovered ORDER BY d`,
    params,
  );
  const points = await q.query<{ divisionCode: string; x: number; y: number }>(
    `WITH ${parcelsCte}
     SELECT rpad(left(division_code, $6::int), 6, '0') AS "divisionCode",
            round(ST_X(ST_Centroid(ST_Collect(ST_PointOnSurface(g)))))::float8 AS x,
            round(ST_Y(ST_Centroid(ST_Collect(ST_PointOnSurface(g)))))::float8 AS y
     FROM parcel GROUP BY 1 ORDER BY 1`,
    [asOf, a, e, xoff, yoff, options.digits],
  );
  return {
    outlines: outlines.flatMap((o) => (o.d === null ? [] : [{ kind: o.kind, d: o.d }])),
    dots: [
      ...outlines.flatMap((o) => (o.d === null ? [{ kind: o.kind, x: o.x, y: o.y, n: 1 }] : [])),
      ...dots,
    ],
    uncovered,
    points,
  };
}
