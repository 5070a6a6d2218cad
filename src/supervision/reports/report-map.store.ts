// SQL for the bulletin's map: the division's parcels as they stood at the cutoff, the change
// polygons of live TL-ENF-01 findings, and a point per ranked division, projected and written
// as SVG path data by PostGIS (ST_AsSVG: y grows downwards, so it is written negated).
// Reclaim holds no division boundaries; a division's point is the centre of its parcels.
import type { Queryable } from '../../platform/db/db.ts';
import { snapshot } from './reports.store.ts';

/**
 * Albers equal-area conic for China on the CGCS2000 ellipsoid (standard parallels 25°N and
 * 47°N, central meridian 105°E): areas compare fairly across the country; metres.
 */
export const mapProjection =
  '+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs';

/** Above this many parcels the map draws a dot per grid cell instead of every outline. */
export const maxOutlines = 3_000;

export interface MapExtent {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  parcels: number;
}

export type ParcelKind = 'error' | 'warning' | 'none';

const parcelsCte = `parcel AS (
    SELECT t.id, t.division_code, ST_Transform(t.geom, '${mapProjection}') AS g,
           CASE WHEN f.has_error THEN 'error' WHEN f.record_id IS NOT NULL THEN 'warning' ELSE 'none' END AS kind
    FROM ${snapshot('temporary_land')} t
    LEFT JOIN (SELECT record_id, bool_or(severity = 'error') AS has_error
               FROM ${snapshot('supervision_finding')} sf
               WHERE record_id IS NOT NULL AND status IN ('open', 'acknowledged') AND first_seen_on <= $3::date
               GROUP BY record_id) f ON f.record_id = t.id
    WHERE t.state <> 'written_off' AND t.geom IS NOT NULL),
  uncovered AS (
    SELECT ST_Transform(p.geom, '${mapProjection}') AS g
    FROM ${snapshot('supervision_finding')} sf
    JOIN change_polygon p ON p.id = (sf.evidence ->> 'polygonId')::uuid
    WHERE sf.rule_code = 'TL-ENF-01' AND sf.status IN ('open', 'acknowledged') AND sf.first_seen_on <= $3::date)`;

/** The projected extent of everything the map draws; null when there is nothing. */
export async function mapExtent(
  q: Queryable,
  cutoff: string,
  prefix: string,
  asOf: string,
): Promise<MapExtent | null> {
  const [row] = await q.query<MapExtent & { n: number }>(
    `WITH ${parcelsCte},
     everything AS (SELECT g FROM parcel UNION ALL SELECT g FROM uncovered)
     SELECT ST_XMin(e) AS "minX", ST_YMin(e) AS "minY", ST_XMax(e) AS "maxX", ST_YMax(e) AS "maxY",
            (SELECT count(*)::int FROM parcel) AS parcels
     FROM (SELECT ST_Extent(g)::geometry AS e FROM everything) x WHERE e IS NOT NULL`,
    [cutoff, prefix, asOf],
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
  cutoff: string,
  prefix: string,
  asOf: string,
  options: { tolerance: number; asDots: boolean; digits: number },
): Promise<MapLayers> {
  const params = [cutoff, prefix, asOf, options.tolerance];
  // A parcel narrower than three pixels would simplify to a speck: it is drawn as a dot.
  const outlines = options.asDots
    ? []
    : await q.query<{ kind: ParcelKind; d: string | null; x: number; y: number }>(
        `WITH ${parcelsCte}
         SELECT kind,
                CASE WHEN greatest(ST_XMax(g) - ST_XMin(g), ST_YMax(g) - ST_YMin(g)) < $4::float8 * 6 THEN NULL
                     ELSE ST_AsSVG(ST_Simplify(g, $4::float8, true), 0, 0) END AS d,
                round(ST_X(ST_PointOnSurface(g)))::float8 AS x, round(ST_Y(ST_PointOnSurface(g)))::float8 AS y
         FROM parcel ORDER BY kind = 'none' DESC, kind = 'warning' DESC, id`,
        params,
      );
  const dots = options.asDots
    ? await q.query<{ kind: ParcelKind; x: number; y: number; n: number }>(
        `WITH ${parcelsCte},
         cell AS (SELECT kind, ST_SnapToGrid(ST_PointOnSurface(g), $4::float8 * 8) AS p FROM parcel)
         SELECT kind, round(ST_X(p))::float8 AS x, round(ST_Y(p))::float8 AS y, count(*)::int AS n
         FROM cell GROUP BY kind, p ORDER BY kind = 'none' DESC, kind = 'warning' DESC, x, y`,
        params,
      )
    : [];
  const uncovered = await q.query<{ d: string }>(
    `WITH ${parcelsCte}
     SELECT ST_AsSVG(ST_Simplify(g, $4::float8, true), 0, 0) AS d FROM uncovered ORDER BY d`,
    params,
  );
  const points = await q.query<{ divisionCode: string; x: number; y: number }>(
    `WITH ${parcelsCte}
     SELECT rpad(left(division_code, $4::int), 6, '0') AS "divisionCode",
            round(ST_X(ST_Centroid(ST_Collect(ST_PointOnSurface(g)))))::float8 AS x,
            round(ST_Y(ST_Centroid(ST_Collect(ST_PointOnSurface(g)))))::float8 AS y
     FROM parcel GROUP BY 1 ORDER BY 1`,
    [cutoff, prefix, asOf, options.digits],
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
