// Division boundaries in the reference tiles, in both storage modes: drawn at every zoom (the
// patch layers start at zoom 11), simplified by zoom so that a zoomed-out tile stays small
// while a zoomed-in one keeps the detail, in the viewer's division only. A schematic county
// square whose east edge zigzags by a couple of metres; never real boundary data.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../identity/domain/actor.ts';
import { clerkOf } from '../../../test/support/actors.ts';
import { decodeTile, tileContaining } from '../../../test/support/mvt.ts';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { referenceMinZoom } from './reference-tiles.service.ts';

const jiawang = clerkOf('320305');

/** Jiawang as a 0.3° square whose east edge zigzags 0.00002° (about 2 m) over 4000 steps. */
function zigzagCounty(): { type: 'Polygon'; coordinates: number[][][] } {
  const [west, south, east, north] = [117.4, 34.3, 117.7, 34.6];
  const steps = 4000;
  const edge = Array.from({ length: steps + 1 }, (_, i) => [
    east + (i % 2 === 0 ? 0 : 0.00002),
    south + ((north - south) * i) / steps,
  ]);
  return {
    type: 'Polygon',
    coordinates: [[[west, south], ...edge, [west, north], [west, south]]],
  };
}

const vertices = (bytes: Uint8Array) =>
  decodeTile(bytes)
    .features.flatMap((f) => f.polygons.flat())
    .reduce((n, ring) => n + ring.length, 0);

describeEachMode('division boundary tiles', (db) => {
  let t: TestApp;
  const tile = async (actor: Actor, z: number, lng: number, lat: number, layer = 'division') =>
    (await t.services.referenceTiles.tile(actor, layer as 'division', tileContaining(lng, lat, z)))
      .bytes;

  beforeAll(async () => {
    t = await createTestApp(db());
    const collection = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { XZQDM: '320305' }, geometry: zigzagCounty() }],
    };
    await t.services.surveyLayers.import(
      systemActor('test'),
      [{ name: 'xzq.geojson', bytes: new TextEncoder().encode(JSON.stringify(collection)) }],
      {
        layer: 'division',
        divisionCode: '320305',
        surveyYear: 2025,
        source: 'schematic',
        reason: 'test boundaries',
      },
    );
  }, 120_000);
  afterAll(() => t.close());

  it('draws the boundary zoomed out, where the patch layers draw nothing', async () => {
    for (const z of [4, 6, 8]) {
      const features = decodeTile(await tile(jiawang, z, 117.55, 34.45)).features;
      expect(features.map((f) => [f.properties.code, f.properties.name])).toEqual([
        ['320305', '贾汪区'],
      ]);
    }
    expect(referenceMinZoom).toBeGreaterThan(8);
    expect(await tile(jiawang, 8, 117.55, 34.45, 'land_class')).toHaveLength(0);
  });

  it('simplifies by zoom: a few vertices zoomed out, the zigzag zoomed in', async () => {
    const out = await tile(jiawang, 6, 117.55, 34.45);
    // The 4000-step edge is under a tile unit at zoom 6: the square's corners remain.
    expect(vertices(out)).toBeLessThanOrEqual(8);
    expect(out.length).toBeLessThan(200);
    // At zoom 17 a tile unit is some 7 cm: the zigzag on the east edge is drawn, a vertex for
    // each of its 8 m steps across the tile (some 250 m high, with its buffer).
    const close = await tile(jiawang, 17, 117.7, 34.45);
    expect(vertices(close)).toBeGreaterThan(25);
  });

  it('labels the boundary in one tile of all those it crosses', async () => {
    const from = tileContaining(117.4, 34.6, 11);
    const to = tileContaining(117.7, 34.3, 11);
    const labels: string[] = [];
    let crossed = 0;
    for (let x = from.x; x <= to.x; x++) {
      for (let y = from.y; y <= to.y; y++) {
        const features = decodeTile(
          (await t.services.referenceTiles.tile(jiawang, 'division', { z: 11, x, y })).bytes,
        ).features;
        crossed += features.length;
        labels.push(
          ...features.flatMap((f) => (f.properties.label ? [String(f.properties.label)] : [])),
        );
      }
    }
    expect(crossed).toBeGreaterThan(4);
    expect(labels).toEqual(['贾汪区']);
  });

  it('shows the boundary in the viewer’s division only', async () => {
    expect(await tile(clerkOf('320312'), 6, 117.55, 34.45)).toHaveLength(0);
    expect(decodeTile(await tile(clerkOf('320300'), 6, 117.55, 34.45)).features).toHaveLength(1);
  });
});
