// Turns candidate shapes into CGCS2000 geographic MultiPolygons in PostGIS: each ring must be
// simple and must not cross another; holes and islands come from ST_BuildArea; the result is
// transformed to EPSG:4490 and checked (valid, inside China, bounded size). Every problem is
// located by file, feature, ring and vertex. Only when the caller asks (`repair`) is an invalid
// shape made valid by PostGIS, and the change is reported as a warning to be checked by eye.
import { type Queryable, withSavepoint } from '../../platform/db/db.ts';
import type { ErrorLocation, Problem } from '../../platform/errors.ts';
import { checkGeometry } from '../geometry.store.ts';
import type { ImportCandidate, RingInput } from './candidate.ts';

export interface BuiltGeometry {
  /** GeoJSON MultiPolygon, [lng, lat] in EPSG:4490. */
  geometry: unknown;
  areaM2: number;
}

export interface BuildOptions {
  /** Make self-intersecting or otherwise invalid shapes valid (ST_MakeValid) instead of refusing them. */
  repair?: boolean;
}

export interface BuildResult {
  built: BuiltGeometry | null;
  problems: Problem[];
  /** A GEOMETRY_REPAIRED warning saying what the repair changed, when one was made. */
  repaired?: Problem;
}

/** Problems a repair may fix; anything else (outside China, unreadable, too many vertices) stays an error. */
const repairable = new Set([
  'GEOMETRY_SELF_INTERSECTION',
  'GEOMETRY_RINGS_CROSS',
  'GEOMETRY_INVALID',
]);

interface Shape {
  parts: number;
  vertices: number;
}

function repairWarning(
  faults: readonly Problem[],
  before: Shape,
  after: Shape & { areaM2: number },
  where: ErrorLocation,
): Problem {
  const first = faults[0];
  const more =
    faults.length > 1
      ? { zh: ` 等 ${faults.length} 处`, en: ` and ${faults.length - 1} more` }
      : { zh: '', en: '' };
  return {
    code: 'GEOMETRY_REPAIRED',
    messageZh:
      `已按要求修复图形（${first?.messageZh ?? '图形无效'}${more.zh}）：` +
      `${before.parts} 个部分、${before.vertices} 个界址点 → ${after.parts} 个部分、${after.vertices} 个界址点，` +
      `面积 ${after.areaM2.toFixed(2)} 平方米；请核对修复结果`,
    messageEn:
      `geometry repaired as requested (${first?.messageEn ?? 'invalid geometry'}${more.en}): ` +
      `${before.parts} parts, ${before.vertices} vertices → ${after.parts} parts, ${after.vertices} vertices, ` +
      `area ${after.areaM2.toFixed(2)} m²; check the result`,
    location: first?.location ?? where,
  };
}

/** Parts and vertices of a GeoJSON geometry as PostGIS counts them (valid or not). */
async function shapeOf(q: Queryable, geojson: unknown): Promise<Shape> {
  const [row] = await q.query<Shape>(
    `SELECT ST_NumGeometries(ST_Multi(g)) AS parts, ST_NPoints(g) AS vertices
     FROM (SELECT ST_GeomFromGeoJSON($1) AS g) x`,
    [JSON.stringify(geojson)],
  );
  return row ?? { parts: 0, vertices: 0 };
}

/**
 * The valid form of an EPSG:4490 geometry: ST_MakeValid's "structure" method treats every
 * shell as area and every hole as a cut, so a bow-tie becomes two triangles and overlapping
 * parts merge; only the polygonal result is kept.
 */
async function madeValid(q: Queryable, geojson: unknown): Promise<unknown> {
  const [row] = await q.query<{ geometry: unknown }>(
    `SELECT ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490), 'method=structure'), 3)), 9, 0)::json AS geometry`,
    [JSON.stringify(geojson)],
  );
  return row?.geometry ?? null;
}

interface RingCheck {
  idx: number;
  simple: boolean;
  faultVertex: number | null;
  crossesRing: number | null;
}

function ringWkt(ring: RingInput): string {
  return `LINESTRING(${ring.points.map(([e, n]) => `${e} ${n}`).join(',')})`;
}

async function checkRings(
  q: Queryable,
  rings: readonly RingInput[],
  srid: number,
  where: ErrorLocation,
): Promise<Problem[]> {
  const rows = await q.query<RingCheck>(
    `WITH r AS (SELECT ord AS idx, ST_SetSRID(ST_GeomFromText(w), $2) AS line FROM unnest($1::text[]) WITH ORDINALITY AS t(w, ord))
     SELECT r.idx, ST_IsSimple(r.line) AS simple,
            CASE WHEN ST_IsSimple(r.line) THEN NULL ELSE (
              SELECT (d).path[1] FROM ST_DumpPoints(r.line) d
              ORDER BY ST_Distance((d).geom, coalesce(ST_SetSRID((ST_IsValidDetail(ST_MakePolygon(r.line))).location, $2), ST_StartPoint(r.line))) LIMIT 1)
            END AS "faultVertex",
            (SELECT min(o.idx) FROM r o WHERE o.idx > r.idx AND ST_Intersects(o.line, r.line)
               AND (ST_Dimension(ST_Intersection(o.line, r.line)) > 0 OR ST_NumGeometries(ST_Intersection(o.line, r.line)) > 1)) AS "crossesRing"
     FROM r ORDER BY r.idx`,
    [rings.map(ringWkt), srid],
  );
  const problems: Problem[] = [];
  for (const row of rows) {
    const ring = rings[row.idx - 1];
    if (!ring) continue;
    if (!row.simple) {
      const vertex = row.faultVertex ?? 1;
      problems.push({
        code: 'GEOMETRY_SELF_INTERSECTION',
        messageZh: `第 ${ring.ring} 圈自相交（第 ${vertex} 个界址点附近）`,
        messageEn: `ring ${ring.ring} intersects itself near vertex ${vertex}`,
        location: {
          ...where,
          ring: ring.ring,
          vertex,
          ...(ring.lines?.[vertex - 1] ? { line: ring.lines[vertex - 1] } : {}),
        },
      });
    }
    if (row.crossesRing !== null) {
      const other = rings[row.crossesRing - 1];
      problems.push({
        code: 'GEOMETRY_RINGS_CROSS',
        messageZh: `第 ${ring.ring} 圈与第 ${other?.ring ?? row.crossesRing} 圈相交或重叠`,
        messageEn: `ring ${ring.ring} crosses or overlaps ring ${other?.ring ?? row.crossesRing}`,
        location: { ...where, ring: ring.ring },
      });
    }
  }
  return problems;
}

/** Builds and checks one candidate's geometry; `problems` is empty when it can be stored. */
export async function buildGeometry(
  q: Queryable,
  candidate: ImportCandidate,
  file: string,
  options: BuildOptions = {},
): Promise<BuildResult> {
  const where: ErrorLocation = { file, feature: candidate.feature };
  const shape = candidate.shape;
  let geojson: unknown;
  /** Faults found before a requested repair, with the shape as given. */
  let repairOf: { faults: Problem[]; before: Shape } | undefined;
  if (shape.kind === 'rings') {
    const short = shape.rings.filter((r) => r.points.length < 4);
    if (short.length > 0) {
      return {
        built: null,
        problems: short.map((r) => ({
          code: 'GEOMETRY_RING_TOO_FEW',
          messageZh: `第 ${r.ring} 圈只有 ${r.points.length} 个点（闭合的圈至少 4 个点）`,
          messageEn: `ring ${r.ring} has ${r.points.length} points (a closed ring needs at least 4)`,
          location: { ...where, ring: r.ring },
        })),
      };
    }
    let row: { geometry: unknown; empty: boolean } | undefined;
    try {
      // PostGIS refuses some inputs outright (e.g. a point outside the projection's domain):
      // that becomes a located problem, and the savepoint keeps the transaction usable.
      const ringProblems = await withSavepoint(q, 'rings', () =>
        checkRings(q, shape.rings, shape.srid, where),
      );
      const repair =
        ringProblems.length > 0 &&
        options.repair === true &&
        ringProblems.every((p) => repairable.has(p.code));
      if (ringProblems.length > 0 && !repair) return { built: null, problems: ringProblems };
      if (repair) {
        repairOf = {
          faults: ringProblems,
          before: {
            parts: shape.rings.length,
            vertices: shape.rings.reduce((n, r) => n + r.points.length, 0),
          },
        };
      }
      // A repair nodes the rings where they cross (ST_UnaryUnion) before areas are built.
      const lines = repair
        ? 'ST_UnaryUnion(ST_Collect(ST_SetSRID(ST_GeomFromText(w), $2) ORDER BY ord))'
        : 'ST_Collect(ST_SetSRID(ST_GeomFromText(w), $2) ORDER BY ord)';
      [row] = await withSavepoint(q, 'build', () =>
        q.query<{ geometry: unknown; empty: boolean }>(
          `WITH area AS (SELECT ST_BuildArea(${lines}) AS g
                         FROM unnest($1::text[]) WITH ORDINALITY AS t(w, ord))
           SELECT ST_AsGeoJSON(ST_Multi(ST_Transform(g, 4490)), 9, 0)::json AS geometry, (g IS NULL OR ST_IsEmpty(g)) AS empty FROM area`,
          [shape.rings.map(ringWkt), shape.srid],
        ),
      );
    } catch (error) {
      return {
        built: null,
        problems: [
          {
            code: 'GEOMETRY_TRANSFORM',
            messageZh: `坐标无法在 EPSG:${shape.srid} 中处理（坐标系是否正确？）：${(error as Error).message}`,
            messageEn: `the coordinates cannot be handled in EPSG:${shape.srid} (is the coordinate system right?): ${(error as Error).message}`,
            location: where,
          },
        ],
      };
    }
    if (!row || row.empty) {
      return {
        built: null,
        problems: [
          {
            code: 'GEOMETRY_NO_AREA',
            messageZh: '界址点围不成面',
            messageEn: 'the rings enclose no area',
            location: where,
          },
        ],
      };
    }
    geojson = row.geometry;
  } else if (shape.kind === 'geojson') {
    // An unreadable geometry is left as it is: checkGeometry reports it with its location.
    const rows = await withSavepoint(q, 'transform', () =>
      q.query<{ geometry: unknown }>(
        `SELECT ST_AsGeoJSON(ST_Multi(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), $2), 4490)), 9, 0)::json AS geometry`,
        [JSON.stringify(shape.geometry), shape.srid],
      ),
    ).catch(() => []);
    geojson = rows[0]?.geometry ?? shape.geometry;
  } else {
    // WKT and WKB have no GeoJSON to fall back on: a parse error is reported here.
    const parse =
      shape.kind === 'wkt' ? 'ST_GeomFromText($1)' : `ST_GeomFromWKB(decode($1, 'hex'))`;
    const rows = await withSavepoint(q, 'transform', () =>
      q.query<{ geometry: unknown }>(
        `SELECT ST_AsGeoJSON(ST_Multi(ST_Transform(ST_SetSRID(ST_Force2D(${parse}), $2), 4490)), 9, 0)::json AS geometry`,
        [shape.kind === 'wkt' ? shape.wkt : shape.wkbHex, shape.srid],
      ),
    ).catch((error: unknown) => error as Error);
    if (rows instanceof Error || !rows[0]) {
      const reason = rows instanceof Error ? rows.message : 'no result';
      return {
        built: null,
        problems: [
          {
            code: 'GEOMETRY_UNREADABLE',
            messageZh: `图形无法解析：${reason}`,
            messageEn: `the geometry cannot be read: ${reason}`,
            location: where,
          },
        ],
      };
    }
    geojson = rows[0].geometry;
  }
  let checked = await checkGeometry(q, geojson, where);
  if (
    options.repair &&
    checked.problems.length > 0 &&
    checked.problems.every((p) => repairable.has(p.code))
  ) {
    repairOf ??= { faults: checked.problems, before: await shapeOf(q, geojson) };
    geojson = await madeValid(q, geojson);
    checked = await checkGeometry(q, geojson, where);
  }
  if (checked.problems.length > 0 || checked.areaM2 === null)
    return { built: null, problems: checked.problems };
  const built = { geometry: geojson, areaM2: checked.areaM2 };
  if (!repairOf) return { built, problems: [] };
  const after = { ...(await shapeOf(q, geojson)), areaM2: checked.areaM2 };
  return {
    built,
    problems: [],
    repaired: repairWarning(repairOf.faults, repairOf.before, after, where),
  };
}
