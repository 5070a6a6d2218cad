// The overlay (TL-REG-03, TL-SCOPE-01, TL-APPR-01, TL-PBF-01/02, TL-REUSE-01): a parcel cut by
// the current land-class layer and the permanent-basic-farmland layer, in PostGIS, with
// areas on the ellipsoid; and its overlaps with other registered parcels. Candidates come
// through the GiST index by the reclaim_*_in_box functions (migrations 0008 and 0013, the layers'
// with their partition key): under row-level security PostgreSQL will not use the index for
// PostGIS's && itself. The same statements
// serve one parcel given as GeoJSON and a batch of parcels staged by an import.
import type { Queryable } from '../platform/db/db.ts';
import type { AreaBreakdown, OverlayFacts } from './domain/record.ts';

type BreakdownRow = AreaBreakdown & { key: number; surveyedM2: number; parcelM2: number };

export type Overlap = OverlayFacts['overlaps'][number];

/**
 * How a statement finds the layer polygons (and registered parcels) near a parcel.
 * `scoped` — through the SECURITY DEFINER candidate functions (migrations 0008 and 0013),
 * which read the GiST index as the owner and return keys only; the outer query reads the
 * table by key as the caller, so row-level security still decides what is seen. It is needed
 * under row-level security: PostGIS's `&&` is not LEAKPROOF, so PostgreSQL would not use the
 * index before the policy check and would scan the whole table per parcel. It costs a
 * function call (with its own plan) per parcel. `owner` — the database owner (the system, as
 * `reclaim import` runs) sees every row anyway, so the statement joins the table on its GiST
 * index directly. Both give the same rows to the owner.
 */
export type LayerAccess = 'owner' | 'scoped';

/** The candidate function of each table (migrations 0008 and 0013) and how its rows join back. */
const candidates = {
  land_class_parcel: ['reclaim_land_class_parcel_keys_in_box', 'box', 'province_code, id'],
  farmland_parcel: ['reclaim_farmland_parcel_keys_in_box', 'box', 'province_code, id'],
  temporary_land: ['reclaim_temporary_land_in_box', 'box(id)', 'id'],
} as const;

/** FROM items giving the rows `alias` of `table` whose box meets that of `geom` (see LayerAccess). */
function near(
  table: keyof typeof candidates,
  alias: string,
  geom: string,
  access: LayerAccess,
): string {
  if (access === 'owner') return `${table} ${alias}`;
  const [fn, box, key] = candidates[table];
  const on = key
    .split(', ')
    .map((k) => `${alias}.${k} = box.${k}`)
    .join(' AND ');
  return `${fn}(ST_XMin(${geom}), ST_YMin(${geom}), ST_XMax(${geom}), ST_YMax(${geom})) AS ${box}
       JOIN ${table} ${alias} ON ${on}`;
}

/**
 * How the layer polygons near a parcel are read in the overlay: for the owner as a plain join
 * (the planner may spread it over parallel workers); through the candidate functions, which
 * PostgreSQL may not run in parallel anyway, a subquery per parcel behind an OFFSET 0 fence, so
 * that the planner calls the function once per parcel instead of joining its results to a
 * whole layer read under row-level security (a 200-parcel import as a county clerk took 30 s
 * instead of 1 s without it).
 */
const perParcel = (access: LayerAccess) => (access === 'scoped' ? 'OFFSET 0' : '');

/**
 * The breakdown of each parcel of `parcels` (a query with columns `key` and `geom`, EPSG:4490).
 * Each land-class piece of a parcel counts once: its part inside permanent basic farmland goes
 * to farmlandM2 whatever its class, the rest to its class group (cultivated 01xx, forest 03xx,
 * other agricultural, construction, unused). The groups sum to the surveyed area; the
 * remainder is unsurveyed.
 *
 * Per parcel (LATERAL, so each parcel's pieces meet only its own farmland): a layer polygon
 * that covers the whole parcel (ST_Covers, the common case for small parcels in 400 m cells)
 * gives the parcel itself as its piece, without ST_Intersection, and the parcel's area,
 * measured once; each other piece is cut and measured once. The farmland part of a parcel is
 * the union of its farmland pieces (no union for one piece; the parcel itself when a farmland
 * polygon covers it), and a piece's farmland share is cut only when neither covers the other.
 *
 * The farmland part comes first: each parcel with its farmland part (parcelsWithFarmland);
 * the pieces are then cut from the parcels so extended (piecesSql). Every costly value is a
 * function in FROM (`CROSS JOIN LATERAL ST_Covers(…) AS w(whole)`), which PostgreSQL evaluates
 * once per row however often the value is used; a cut that is not needed gets a NULL argument,
 * and the strict PostGIS function returns NULL without working. Unlike the OFFSET 0 fences and
 * the per-parcel aggregate this used before, both statements are plain joins the planner may
 * spread over parallel workers (see stagedBreakdowns).
 */
function parcelsWithFarmland(parcels: string, access: LayerAccess): string {
  // Grouped by the geometry as well as the key, which is unique: the geometry goes through.
  return `SELECT parcel.key, parcel.geom, bool_or(fw.whole) AS whole,
            CASE WHEN bool_or(fw.whole) OR count(f.geom) = 0 THEN NULL
                 WHEN count(f.geom) = 1 THEN ST_GeometryN(ST_Collect(fc.cut), 1)
                 ELSE ST_UnaryUnion(ST_Collect(fc.cut)) END AS g
     FROM (${parcels}) parcel
     LEFT JOIN LATERAL (
       SELECT f.geom FROM ${near('farmland_parcel', 'f', 'parcel.geom', access)}
       JOIN reference_layer_batch b ON b.id = f.batch_id AND b.status = 'current'
       WHERE f.geom && parcel.geom AND ST_Intersects(f.geom, parcel.geom) ${perParcel(access)}) f ON true
     LEFT JOIN LATERAL ST_Covers(f.geom, parcel.geom) AS fw(whole) ON true
     LEFT JOIN LATERAL ST_Intersection(f.geom, CASE WHEN fw.whole THEN NULL ELSE parcel.geom END) AS fc(cut) ON true
     GROUP BY parcel.key, parcel.geom`;
}

/**
 * The breakdown of each parcel of `parcels`, a FROM item with the columns of
 * parcelsWithFarmland: key, geom, and the farmland part (whole, g).
 */
function piecesSql(parcels: string, access: LayerAccess): string {
  return `SELECT parcel.key,
            coalesce(sum(m2 - farm_m2) FILTER (WHERE is_cultivated), 0) AS "cultivatedM2",
            coalesce(sum(farm_m2), 0) AS "farmlandM2",
            coalesce(sum(m2 - farm_m2) FILTER (WHERE code LIKE '03%'), 0) AS "forestM2",
            coalesce(sum(m2 - farm_m2) FILTER (WHERE category = 'agricultural' AND NOT is_cultivated AND code NOT LIKE '03%'), 0) AS "otherAgriculturalM2",
            coalesce(sum(m2 - farm_m2) FILTER (WHERE category = 'construction'), 0) AS "constructionM2",
            coalesce(sum(m2 - farm_m2) FILTER (WHERE category = 'unused' OR category IS NULL), 0) AS "unusedM2",
            coalesce(sum(m2), 0) AS "surveyedM2",
            parcel_area.area AS "parcelM2"
     FROM ${parcels} parcel
     CROSS JOIN LATERAL ST_Area(parcel.geom::geography) AS parcel_area(area)
     CROSS JOIN LATERAL ST_Area(parcel.g::geography) AS farm_area(area)
     LEFT JOIN LATERAL (
       SELECT lc.code, lc.category, lc.is_cultivated, coalesce(pa.cut_m2, parcel_area.area) AS m2,
              CASE WHEN parcel.whole THEN coalesce(pa.cut_m2, parcel_area.area) WHEN parcel.g IS NULL THEN 0
                   WHEN cw.whole THEN farm_area.area ELSE pf.farm_cut_m2 END AS farm_m2
       FROM (SELECT c.geom, c.land_class_code FROM ${near('land_class_parcel', 'c', 'parcel.geom', access)}
             JOIN reference_layer_batch b ON b.id = c.batch_id AND b.status = 'current'
             WHERE c.geom && parcel.geom AND ST_Intersects(c.geom, parcel.geom) ${perParcel(access)}) c
       JOIN land_class lc ON lc.code = c.land_class_code
       CROSS JOIN LATERAL ST_Covers(c.geom, parcel.geom) AS cw(whole)
       CROSS JOIN LATERAL ST_Intersection(c.geom, CASE WHEN cw.whole THEN NULL ELSE parcel.geom END) AS pc(cut)
       CROSS JOIN LATERAL ST_Area(pc.cut::geography) AS pa(cut_m2)
       CROSS JOIN LATERAL ST_Area(ST_Intersection(
           CASE WHEN parcel.whole OR parcel.g IS NULL OR cw.whole THEN NULL ELSE pc.cut END, parcel.g)::geography) AS pf(farm_cut_m2)
     ) piece ON true
     GROUP BY parcel.key, parcel_area.area`;
}

/**
 * Registered parcels (not written off, accepted or converted) that each parcel of `parcels`
 * (columns `key`, `id` — null for a parcel not stored — and `geom`) overlaps by more than
 * 0.01 m², largest first; `exclude` is a condition on the other record `o` and the parcel `p`.
 * The parcel's own record is left out before anything is cut, and each shared part is cut and
 * measured once.
 */
function overlapsSql(parcels: string, exclude: string, access: LayerAccess): string {
  return `SELECT key, "recordId", "systemNumber", "sharedM2" FROM (
       SELECT p.key, o.id AS "recordId", o.system_number AS "systemNumber",
              ST_Area(ST_Intersection(o.geom, p.geom)::geography) AS "sharedM2"
       FROM (${parcels}) p
       CROSS JOIN LATERAL (SELECT o.* FROM ${near('temporary_land', 'o', 'p.geom', access)}
                           WHERE o.geom && p.geom AND o.id IS DISTINCT FROM p.id) o
       WHERE ${exclude} AND o.state NOT IN ('written_off', 'accepted', 'converted')
         AND ST_Intersects(o.geom, p.geom)
       OFFSET 0) shared
     WHERE "sharedM2" > 0.01
     ORDER BY key, "sharedM2" DESC`;
}

function factsOf(row: BreakdownRow, overlaps: Overlap[]): OverlayFacts {
  const { key: _key, surveyedM2, parcelM2, ...breakdown } = row;
  return { breakdown, unsurveyedM2: Math.max(0, parcelM2 - surveyedM2), overlaps };
}

const byKey = <T extends { key: number }>(rows: readonly T[]): Map<number, Omit<T, 'key'>[]> => {
  const out = new Map<number, Omit<T, 'key'>[]>();
  for (const { key, ...rest } of rows) {
    const list = out.get(key);
    if (list) list.push(rest);
    else out.set(key, [rest]);
  }
  return out;
};

/** The overlay of one parcel (GeoJSON, EPSG:4490), with its overlaps except with `excludeRecordId`. */
export async function overlayFacts(
  q: Queryable,
  geometry: unknown,
  excludeRecordId: string | null,
): Promise<OverlayFacts> {
  const parcel = `SELECT 1 AS key, NULL::uuid AS id, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)) AS geom`;
  const geojson = JSON.stringify(geometry);
  const [row] = await q.query<BreakdownRow>(
    piecesSql(`(${parcelsWithFarmland(parcel, 'scoped')})`, 'scoped'),
    [geojson],
  );
  if (!row) throw new Error('overlay returned no row');
  const overlaps = await q.query<Overlap & { key: number }>(
    overlapsSql(parcel, 'o.id IS DISTINCT FROM $2::uuid', 'scoped'),
    [geojson, excludeRecordId],
  );
  return factsOf(
    row,
    overlaps.map(({ key: _key, ...o }) => o),
  );
}

/**
 * The overlays of many staged parcels at once, without their overlaps (see stagedOverlaps):
 * `stage` is a table with columns `seq` (the key), `id` and `geom`; `seqs` the parcels. Two
 * statements, each of which PostgreSQL may run with parallel workers: the parcels with their
 * farmland parts into a table of their own beside the stage (CREATE TABLE AS), then the pieces
 * cut from that table.
 *
 * The pieces read the batch's own table, not the stage: of a large stage (100,000 parcels) the
 * planner read a batch's 5,000 by its key index, which no parallel worker shares, and cut every
 * piece in one process (2.5 s a batch; 1.1–1.3 s from the batch's table). The table is
 * analysed first (its size and keys; the geometries' statistics would take twice as long and
 * change no plan): without statistics the planner sorted the parcels below the pieces, and the
 * process that sorted first kept most of them (one of three cut 75 % of the pieces).
 */
export async function stagedBreakdowns(
  q: Queryable,
  stage: string,
  seqs: readonly number[],
  access: LayerAccess,
): Promise<Map<number, OverlayFacts>> {
  for (const seq of seqs) if (!Number.isSafeInteger(seq)) throw new Error(`bad stage key ${seq}`);
  // CREATE TABLE AS takes no parameters: the keys, integers checked above, are written out.
  const parcels = `SELECT seq AS key, geom FROM ${stage} WHERE seq = ANY('{${seqs.join(',')}}'::int[])`;
  const batch = `${stage}_batch`;
  await q.exec(
    `CREATE UNLOGGED TABLE ${batch} AS ${parcelsWithFarmland(parcels, access)}; ANALYZE ${batch} (key)`,
  );
  const rows = await q.query<BreakdownRow>(piecesSql(batch, access));
  await q.exec(`DROP TABLE ${batch}`);
  return new Map(rows.map((row) => [row.key, factsOf(row, [])]));
}

/**
 * The overlaps of staged parcels (`stage` as for stagedBreakdowns) with the registered parcels
 * outside the stage and with the staged ones of a lower `seq` already stored, as if the
 * parcels had been registered one by one in `seq` order.
 */
export async function stagedOverlaps(
  q: Queryable,
  stage: string,
  seqs: readonly number[],
  access: LayerAccess,
): Promise<Map<number, Overlap[]>> {
  const parcels = `SELECT seq AS key, id, geom FROM ${stage} WHERE seq = ANY($1::int[])`;
  const rows = await q.query<Overlap & { key: number }>(
    overlapsSql(
      parcels,
      `NOT EXISTS (SELECT 1 FROM ${stage} e WHERE e.id = o.id AND e.seq >= p.key)`,
      access,
    ),
    [seqs],
  );
  return byKey(rows);
}

/** The stored form of an overlay result (the computed_breakdown column). */
export function storedBreakdown(facts: OverlayFacts): Record<string, unknown> {
  return {
    ...facts.breakdown,
    unsurveyedM2: facts.unsurveyedM2,
    computedAt: new Date().toISOString(),
  };
}
