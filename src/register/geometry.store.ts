// Geometry checks done by PostGIS before anything is stored: parse, polygonal, valid (with
// the location of the fault), inside China, bounded vertex count. Returns every problem.
import { type Queryable, withSavepoint } from '../platform/db/db.ts';
import type { ErrorLocation, Problem } from '../platform/errors.ts';

export const maxVerticesPerParcel = 100_000;

interface CheckRow {
  parsed: boolean;
  polygonal: boolean;
  valid: boolean;
  reason: string | null;
  faultLng: number | null;
  faultLat: number | null;
  /** ST_DumpPoints path of the vertex nearest the fault: [ring, vertex] or [polygon, ring, vertex]. */
  faultPath: number[] | null;
  inChina: boolean;
  empty: boolean;
  vertices: number;
  areaM2: number | null;
}

/**
 * Checks a GeoJSON Polygon or MultiPolygon in EPSG:4490 ([lng, lat]). Call inside a transaction.
 * @param where where the geometry came from (file, feature), prefixed to every location
 */
export async function checkGeometry(
  q: Queryable,
  geojson: unknown,
  where: ErrorLocation = {},
): Promise<{ problems: Problem[]; areaM2: number | null }> {
  const text = JSON.stringify(geojson);
  let row: CheckRow | undefined;
  try {
    // A savepoint keeps a parse error from aborting the caller's transaction.
    [row] = await withSavepoint(q, 'geometry_check', () =>
      q.query<CheckRow>(
        `WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4490) AS g)
         SELECT true AS parsed,
                GeometryType(g) IN ('POLYGON', 'MULTIPOLYGON') AS polygonal,
                ST_IsValid(g) AS valid,
                CASE WHEN ST_IsValid(g) THEN NULL ELSE ST_IsValidReason(g) END AS reason,
                ST_X((ST_IsValidDetail(g)).location) AS "faultLng",
                ST_Y((ST_IsValidDetail(g)).location) AS "faultLat",
                CASE WHEN ST_IsValid(g) THEN NULL ELSE (
                  SELECT (d).path FROM ST_DumpPoints(g) d
                  ORDER BY ST_Distance((d).geom, ST_SetSRID((ST_IsValidDetail(g)).location, 4490)) LIMIT 1) END AS "faultPath",
                ST_Within(g, ST_MakeEnvelope(73, 3, 136, 54, 4490)) AS "inChina",
                ST_NPoints(g) AS vertices,
                ST_IsEmpty(g) AS empty,
                CASE WHEN ST_IsValid(g) THEN ST_Area(g::geography) END AS "areaM2"
         FROM g`,
        [text],
      ),
    );
  } catch (error) {
    return {
      problems: [
        {
          code: 'GEOMETRY_UNREADABLE',
          messageZh: `图形无法解析：${(error as Error).message}`,
          messageEn: `the geometry cannot be read: ${(error as Error).message}`,
          location: where,
        },
      ],
      areaM2: null,
    };
  }
  if (!row) {
    // The embedded engine answers some malformed input (an unclosed GeoJSON ring) with no row.
    return {
      problems: [
        {
          code: 'GEOMETRY_UNREADABLE',
          messageZh: '图形无法解析（环是否闭合？）',
          messageEn: 'the geometry cannot be read (are its rings closed?)',
          location: where,
        },
      ],
      areaM2: null,
    };
  }
  const problems: Problem[] = [];
  if (row.empty) {
    return {
      problems: [
        {
          code: 'GEOMETRY_EMPTY',
          messageZh: '图形为空（没有任何坐标）',
          messageEn: 'the geometry is empty (it has no coordinates)',
          location: where,
        },
      ],
      areaM2: null,
    };
  }
  if (!row.polygonal) {
    problems.push({
      code: 'GEOMETRY_NOT_POLYGON',
      messageZh: '图形应为面（Polygon 或 MultiPolygon）',
      messageEn: 'the geometry must be a Polygon or MultiPolygon',
      location: where,
    });
  }
  if (row.vertices > maxVerticesPerParcel) {
    problems.push({
      code: 'GEOMETRY_TOO_MANY_VERTICES',
      messageZh: `界址点过多：${row.vertices} 个（上限 ${maxVerticesPerParcel}）`,
      messageEn: `too many vertices: ${row.vertices} (at most ${maxVerticesPerParcel})`,
      location: where,
    });
  }
  if (!row.inChina) {
    problems.push({
      code: 'GEOMETRY_OUTSIDE_CHINA',
      messageZh: '坐标超出中国范围（经度 73–136°，纬度 3–54°）；请检查坐标系或 X/Y 是否颠倒',
      messageEn:
        'coordinates lie outside China (longitude 73–136°, latitude 3–54°); check the coordinate system and whether X and Y are swapped',
      location: where,
    });
  }
  if (!row.valid) {
    const at =
      row.faultLng !== null && row.faultLat !== null
        ? ` (${row.faultLng.toFixed(7)}, ${row.faultLat.toFixed(7)})`
        : '';
    // ST_DumpPoints paths: [ring, vertex] for a Polygon, [part, ring, vertex] for a MultiPolygon.
    const path = row.faultPath ?? [];
    const [ring, vertex] = path.length === 3 ? [path[1], path[2]] : [path[0], path[1]];
    const near = ring
      ? {
          zh: `（${path.length === 3 ? `第 ${path[0]} 部分` : ''}第 ${ring} 圈第 ${vertex} 点附近）`,
          en: ` near vertex ${vertex} of ring ${ring}${path.length === 3 ? ` in part ${path[0]}` : ''}`,
        }
      : { zh: '', en: '' };
    problems.push({
      code: 'GEOMETRY_INVALID',
      messageZh: `图形无效：${row.reason ?? ''}${at}${near.zh}`,
      messageEn: `invalid geometry: ${row.reason ?? ''}${at}${near.en}`,
      location: {
        ...where,
        ...(ring ? { ring, vertex } : {}),
        ...(ring && path.length === 3 ? { part: path[0] } : {}),
      },
    });
  }
  return { problems, areaM2: row.areaM2 };
}
