// Reading vector tiles back the way MapLibre does (@mapbox/vector-tile), and comparing two
// tiles feature by feature, with PostGIS judging the geometries: same ids and attributes,
// valid polygons wound the MVT way, within a tile unit of each other, the same area.
import { classifyRings, VectorTile } from '@mapbox/vector-tile';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PbfReader } from 'pbf';
import type { Queryable } from '../../src/platform/db/db.ts';

export interface DecodedFeature {
  /** The layer the feature is in. */
  layer: string;
  id: number | undefined;
  type: number;
  properties: Record<string, string | number | boolean>;
  /** Polygons as MapLibre groups the rings: [exterior, ...holes], points [x, y] in tile units. */
  polygons: [number, number][][][];
  /** A point feature's points ([x, y] in tile units); empty for other types. */
  points: [number, number][];
}

export interface DecodedTile {
  /** name → { version, extent } of every layer. */
  layers: Record<string, { version: number; extent: number }>;
  features: DecodedFeature[];
}

/** Decodes a tile; an empty buffer is a tile with no layers. */
export function decodeTile(bytes: Uint8Array): DecodedTile {
  const tile = new VectorTile(new PbfReader(bytes));
  const layers: DecodedTile['layers'] = {};
  const features: DecodedFeature[] = [];
  for (const [name, layer] of Object.entries(tile.layers)) {
    layers[name] = { version: layer.version, extent: layer.extent };
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      const geometry = f.loadGeometry();
      const isPoint = f.type === 1;
      features.push({
        layer: name,
        id: f.id,
        type: f.type,
        properties: { ...f.properties },
        polygons: isPoint
          ? []
          : classifyRings(geometry).map((polygon) =>
              polygon.map((ring) => ring.map((p): [number, number] => [p.x, p.y])),
            ),
        points: isPoint ? geometry.flat().map((p): [number, number] => [p.x, p.y]) : [],
      });
    }
  }
  return { layers, features };
}

export interface Tolerance {
  /** Largest Hausdorff distance between the two boundaries, in tile units. */
  units: number;
  /** Largest area difference, as a fraction of the expected area … */
  areaRatio: number;
  /** … or in square tile units, whichever is larger (tiny parcels snap by whole units). */
  areaUnits2: number;
}

export const tileTolerance: Tolerance = { units: 1, areaRatio: 0.01, areaUnits2: 8 };

interface GeometryCheck {
  i: number;
  actualValid: boolean;
  actualMvtWinding: boolean;
  hausdorff: number | null;
  actualArea: number;
  expectedArea: number;
}

/**
 * Every difference between two decoded tiles, as readable lines (none when they agree).
 * Features are matched by id; PostGIS checks validity, winding (exterior rings counter-clockwise
 * in y-down tile numbers, the MVT spec's clockwise on screen), distance and area.
 */
export async function tileDifferences(
  q: Queryable,
  actual: DecodedTile,
  expected: DecodedTile,
  tolerance: Tolerance = tileTolerance,
): Promise<string[]> {
  const out: string[] = [];
  const layerNames = (t: DecodedTile) => JSON.stringify(t.layers);
  if (layerNames(actual) !== layerNames(expected)) {
    out.push(`layers ${layerNames(actual)} ≠ expected ${layerNames(expected)}`);
  }
  const byId = new Map(expected.features.map((f) => [f.id, f]));
  const ids = (t: DecodedTile) => t.features.map((f) => f.id ?? -1).sort((a, b) => a - b);
  if (JSON.stringify(ids(actual)) !== JSON.stringify(ids(expected))) {
    out.push(
      `feature ids ${JSON.stringify(ids(actual))} ≠ expected ${JSON.stringify(ids(expected))}`,
    );
  }
  const pairs: { i: number; actual: string; expected: string }[] = [];
  actual.features.forEach((f, i) => {
    const e = byId.get(f.id);
    if (!e) return;
    if (f.type !== e.type) out.push(`feature ${f.id}: type ${f.type} ≠ expected ${e.type}`);
    else if (f.type === 1) out.push(...pointDifferences(f, e, tolerance.units));
    else if (f.type !== 3) out.push(`feature ${f.id}: type ${f.type}, not polygon or point`);
    if (JSON.stringify(sorted(f.properties)) !== JSON.stringify(sorted(e.properties))) {
      out.push(
        `feature ${f.id}: properties ${JSON.stringify(sorted(f.properties))} ≠ ${JSON.stringify(sorted(e.properties))}`,
      );
    }
    const asJson = (d: DecodedFeature) =>
      JSON.stringify({ type: 'MultiPolygon', coordinates: d.polygons });
    if (f.type === 3) pairs.push({ i, actual: asJson(f), expected: asJson(e) });
  });
  if (pairs.length === 0) return out;
  const checks = await q.query<GeometryCheck>(
    `SELECT p.i, (ST_IsValidDetail(a)).valid AS "actualValid", ST_IsPolygonCCW(a) AS "actualMvtWinding",
            CASE WHEN (ST_IsValidDetail(a)).valid AND (ST_IsValidDetail(b)).valid
                 THEN ST_HausdorffDistance(a, b) END AS hausdorff,
            ST_Area(a) AS "actualArea", ST_Area(b) AS "expectedArea"
     FROM jsonb_to_recordset($1::jsonb) AS p(i int, actual text, expected text),
          LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(p.actual), 0) AS a,
                          ST_SetSRID(ST_GeomFromGeoJSON(p.expected), 0) AS b) g
     ORDER BY p.i`,
    [JSON.stringify(pairs)],
  );
  for (const c of checks) {
    const id = actual.features[c.i]?.id;
    if (!c.actualValid) out.push(`feature ${id}: invalid polygon`);
    if (!c.actualMvtWinding) out.push(`feature ${id}: rings not wound as MVT requires`);
    if (c.hausdorff === null || c.hausdorff > tolerance.units) {
      out.push(
        `feature ${id}: boundary ${c.hausdorff ?? '?'} units from expected (> ${tolerance.units})`,
      );
    }
    const allowed = Math.max(tolerance.areaRatio * c.expectedArea, tolerance.areaUnits2);
    if (Math.abs(c.actualArea - c.expectedArea) > allowed) {
      out.push(`feature ${id}: area ${c.actualArea} ≠ expected ${c.expectedArea} (± ${allowed})`);
    }
  }
  return out;
}

/** Points of the same feature further apart than `units` on either axis, as readable lines. */
function pointDifferences(
  actual: DecodedFeature,
  expected: DecodedFeature,
  units: number,
): string[] {
  if (actual.points.length !== expected.points.length) {
    return [`feature ${actual.id}: ${actual.points.length} points ≠ ${expected.points.length}`];
  }
  return actual.points.flatMap(([x, y], k) => {
    const [ex = NaN, ey = NaN] = expected.points[k] ?? [];
    return Math.abs(x - ex) <= units && Math.abs(y - ey) <= units
      ? []
      : [`feature ${actual.id}: point [${x}, ${y}] ≠ expected [${ex}, ${ey}] (± ${units})`];
  });
}

function sorted(o: Record<string, unknown>): [string, unknown][] {
  return Object.entries(o).sort(([a], [b]) => a.localeCompare(b));
}

/** The XYZ tile at zoom `z` holding a point ([lng, lat] in degrees). */
export function tileContaining(
  lng: number,
  lat: number,
  z: number,
): { z: number; x: number; y: number } {
  const size = 2 ** z;
  const latRad = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lng + 180) / 360) * size),
    y: Math.floor(((1 - Math.asinh(Math.tan(latRad)) / Math.PI) / 2) * size),
  };
}

/** The URL of the temporary-land tile at zoom `z` holding a point. */
export function tileUrlAt(lng: number, lat: number, z: number): string {
  const { x, y } = tileContaining(lng, lat, z);
  return `/tiles/temporary-land/${z}/${x}/${y}.mvt`;
}

/** A folder of a tile-equivalence suite: its input, the tiles to check and what they hold. */
export interface TileCase<I> {
  name: string;
  description: string;
  tiles: string[];
  input: I;
  /** Tile key → the decoded tile (empty while `updating`, when it is being made anew). */
  expected: Record<string, DecodedTile>;
}

/** Every folder of `dir`: case.json, input.geojson and (unless `updating`) expected.json. */
export function readTileCases<I>(dir: string, updating: boolean): TileCase<I>[] {
  return readdirSync(dir).map((name) => {
    const read = (file: string): unknown => JSON.parse(readFileSync(join(dir, name, file), 'utf8'));
    const { description, tiles } = read('case.json') as { description: string; tiles: string[] };
    return {
      name,
      description,
      tiles,
      input: read('input.geojson') as I,
      expected: updating ? {} : (read('expected.json') as Record<string, DecodedTile>),
    };
  });
}
