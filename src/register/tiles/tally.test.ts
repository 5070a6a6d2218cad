// The register's tally (migration 0026) against the parcels themselves, in both storage modes:
// the overview of zooms 0–7 added up from the tally equals the overview computed parcel by
// parcel (overview.store.ts, the independent path of zooms 8–11) for every viewer, after
// inserts, state changes, publication, moves across cells, write-offs, deletions and updates
// that change nothing; a key's rows fold into one; and (server mode) a writer never waits for
// another transaction holding the same key.
import { expect, it } from 'vitest';
import {
  publicActor,
  scopeLikePattern,
  systemActor,
  type Actor,
} from '../../identity/domain/actor.ts';
import { asSystem, inScope, readInScope } from '../../identity/scoped-db.ts';
import type { Db } from '../../platform/db/db.ts';
import { random } from '../../demo/demo-data.ts';
import { official } from '../../../test/support/actors.ts';
import { square } from '../../../test/support/shapes.ts';
import { tileContaining } from '../../../test/support/mvt.ts';
import { anotherConnection, describeEachMode } from '../../../test/support/test-db.ts';
import type { TileAddress } from './domain/tile-address.ts';
import { tallyMaxZoom } from './domain/tile-layer.ts';
import { overviewCells } from './overview.store.ts';
import { tallyCells } from './tally.store.ts';

const system = systemActor('tally test');

const viewers: Record<string, Actor> = {
  public: publicActor,
  ministry: official('ministry', '000000'),
  xuzhou: official('city', '320300'),
  jiawang: official('county', '320305'),
};

/** Clusters of parcels ([lng, lat] south-west corner, county): two Xuzhou counties and Datong. */
const clusters: [number, number, string][] = [
  [117.43, 34.38, '320305'],
  [117.2, 34.25, '320312'],
  [113.3, 40.05, '140212'],
];

const states = ['approved', 'registered', 'in_use', 'expired', 'reclaiming', 'accepted'];

interface Seed {
  name: string;
  division: string;
  state: string;
  published: boolean;
  geometry: string;
}

/** 240 parcels, 80 per cluster, spread over ~0.5°: many zoom-11 cells, some shared. */
function seeds(): Seed[] {
  const next = random(2026);
  return Array.from({ length: 240 }, (_, i) => {
    const [lng, lat, division] = clusters[i % clusters.length]!;
    return {
      name: `t${i}`,
      division,
      state: states[Math.floor(next() * states.length)]!,
      published: next() < 0.6,
      geometry: JSON.stringify(
        square(lng + next() * 0.5, lat + next() * 0.4, 0.001 + next() * 0.004),
      ),
    };
  });
}

async function insert(db: Db, rows: Seed[]): Promise<void> {
  await asSystem(
    db,
    system,
    (tx) =>
      tx.query(
        `INSERT INTO temporary_land (province_code, division_code, state, project_name, project_class, use_type,
           disclosure_published_on, geom)
         SELECT left(s.division, 2), s.division, s.state, s.name, 'transport', 'material_yard',
                CASE WHEN s.published THEN DATE '2026-03-05' END,
                ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(s.geometry), 4490))
         FROM jsonb_to_recordset($1::jsonb) AS s(name text, division text, state text, published boolean,
                geometry text)`,
        [JSON.stringify(rows)],
      ),
    'tally seed',
  );
}

/**
 * Every tile of zooms 0–7 holding a cluster's parcels, moved ones included: the corners of
 * 0.9° × 0.6° from each cluster's corner (at zoom 7 a tile is 2.8° wide, so no tile lies
 * between corners).
 */
function tiles(): TileAddress[] {
  const seen = new Map<string, TileAddress>();
  for (let z = 0; z <= tallyMaxZoom; z++) {
    for (const [lng, lat] of clusters) {
      for (const [dx, dy] of [
        [0, 0],
        [0.9, 0],
        [0, 0.6],
        [0.9, 0.6],
      ] as const) {
        const { x, y } = tileContaining(lng + dx, lat + dy, z);
        seen.set(`${z}/${x}/${y}`, { z, x, y });
      }
    }
  }
  return [...seen.values()];
}

/**
 * For every viewer and tile of zooms 0–7: the tally's cells against the parcels' cells (the
 * positions, means of the same points computed two ways, within a tile unit). Returns the
 * parcels each viewer's tiles counted over all zooms, so callers see it compared something.
 */
async function expectSameCells(db: Db): Promise<Record<string, number>> {
  const counted: Record<string, number> = {};
  for (const [who, viewer] of Object.entries(viewers)) {
    counted[who] = 0;
    const filter = {
      scopeLike: scopeLikePattern(viewer),
      publishedOnly: viewer.role === 'public',
    };
    for (const address of tiles()) {
      const { fromTally, fromParcels } = await readInScope(db, viewer, async (tx) => ({
        fromTally: await tallyCells(tx, address, filter),
        fromParcels: await overviewCells(tx, address, filter),
      }));
      const where = `${who} ${address.z}/${address.x}/${address.y}`;
      expect(
        fromTally.every((c) => c.firstLiveTermEnd === null),
        where,
      ).toBe(true);
      for (const cell of fromTally) counted[who] += cell.count;
      // Over China, tiles of zooms 0–2 reach the pole or the antimeridian, where the parcels'
      // path, which looks for candidates in the buffered tile turned into degrees, finds none
      // with the server's PROJ: the totals checked by the callers cover those zooms.
      if (address.z < 3) continue;
      expect(fromTally.length, where).toBe(fromParcels.length);
      for (const [i, cell] of fromTally.entries()) {
        const other = fromParcels[i]!;
        expect({ ...cell, x: 0, y: 0, firstLiveTermEnd: null }, where).toEqual({
          ...other,
          x: 0,
          y: 0,
          firstLiveTermEnd: null,
        });
        expect(Math.abs(cell.x - other.x), where).toBeLessThanOrEqual(1);
        expect(Math.abs(cell.y - other.y), where).toBeLessThanOrEqual(1);
      }
    }
  }
  return counted;
}

/** The parcels a map draws for the ministry (the owner counts them), times the zooms 0–7. */
async function drawnOverZooms(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM temporary_land WHERE geom IS NOT NULL AND state <> 'written_off'`,
  );
  return (row?.n ?? NaN) * (tallyMaxZoom + 1);
}

/** Rows per key of the tally (the table as its owner sees it). */
async function rowsPerKey(db: Db): Promise<number[]> {
  const rows = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM temporary_land_tally
     GROUP BY division_code, state, published, gx, gy ORDER BY n DESC`,
  );
  return rows.map((r) => r.n);
}

async function change(db: Db, sql: string, params: unknown[] = []): Promise<void> {
  await asSystem(db, system, (tx) => tx.query(sql, params), 'tally test change');
}

describeEachMode('register tally (zooms 0–7)', (db, mode) => {
  it('adds up to the overview of the parcels themselves, for every viewer and zoom', async () => {
    const all = seeds();
    await insert(db(), all);
    // Each zoom counts every parcel its viewer may see once.
    const zooms = tallyMaxZoom + 1;
    const published = all.filter((s) => s.published);
    expect(await expectSameCells(db())).toEqual({
      public: published.length * zooms,
      ministry: all.length * zooms,
      xuzhou: all.filter((s) => s.division.startsWith('3203')).length * zooms,
      jiawang: all.filter((s) => s.division === '320305').length * zooms,
    });
    expect(await rowsPerKey(db())).not.toContain(2);
  }, 120_000);

  it('follows every kind of change, each key kept in one row', async () => {
    const steps: [string, string][] = [
      [
        'state changes',
        `UPDATE temporary_land SET state = 'accepted' WHERE project_name IN ('t1', 't2', 't3', 't40')`,
      ],
      [
        'publication',
        `UPDATE temporary_land SET disclosure_published_on = DATE '2026-06-01' WHERE disclosure_published_on IS NULL AND project_name LIKE 't1%'`,
      ],
      [
        'moves across cells and counties',
        `UPDATE temporary_land SET geom = ST_Translate(geom, 0.3, 0.1) WHERE project_name LIKE 't2%'`,
      ],
      [
        'write-offs',
        `UPDATE temporary_land SET state = 'written_off' WHERE project_name LIKE 't3%'`,
      ],
      ['names only', `UPDATE temporary_land SET project_name = project_name || '′'`],
    ];
    for (const [what, sql] of steps) {
      await change(db(), sql);
      expect((await expectSameCells(db())).ministry, what).toBe(await drawnOverZooms(db()));
    }
    // Records are never deleted (migration 0001 refuses it); the owner may, with the guard off.
    await db().exec(
      `BEGIN;
       ALTER TABLE temporary_land DISABLE TRIGGER temporary_land_no_delete;
       DELETE FROM temporary_land WHERE project_name LIKE 't4%';
       ALTER TABLE temporary_land ENABLE TRIGGER temporary_land_no_delete;
       COMMIT`,
    );
    expect((await expectSameCells(db())).ministry).toBe(await drawnOverZooms(db()));
    expect(await rowsPerKey(db())).not.toContain(2);
    // A key whose parcels all left keeps no row.
    const empty = await db().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM temporary_land_tally WHERE parcels = 0 AND abs(area_m2) < 1`,
    );
    expect(empty).toEqual([{ n: 0 }]);
  }, 240_000);

  it('cannot be written by the application role', async () => {
    await expect(
      inScope(db(), viewers.ministry!, (tx) =>
        tx.query(
          `INSERT INTO temporary_land_tally VALUES ('320305', 'approved', true, 1, 1, 1, 1, 1, 1)`,
        ),
      ),
    ).rejects.toThrow(/permission denied/);
  }, 120_000);

  if (mode === 'server') {
    it('never makes a writer wait for another transaction writing the same key', async () => {
      const [one] = seeds();
      const other = await anotherConnection(db());
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let inserted = () => {};
      const open = new Promise<void>((resolve) => (inserted = resolve));
      try {
        // Another connection writes the key and keeps its transaction open…
        const holding = asSystem(
          other,
          system,
          async (tx) => {
            await tx.query(
              `INSERT INTO temporary_land (province_code, division_code, state, project_name, project_class,
                 use_type, disclosure_published_on, geom)
               VALUES ('32', $1, $2, 'held', 'transport', 'material_yard', DATE '2026-03-05',
                       ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($3), 4490)))`,
              [one!.division, one!.state, one!.geometry],
            );
            inserted();
            await held;
          },
          'held open',
        );
        await open;
        // …while this one writes the same key twice and commits without waiting.
        const alone = insert(db(), [{ ...one!, name: 'beside', published: true }]).then(() =>
          insert(db(), [{ ...one!, name: 'beside again', published: true }]),
        );
        const waited = await Promise.race([
          alone.then(() => false),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 10_000)),
        ]);
        expect(waited).toBe(false);
        release();
        await holding;
      } finally {
        release();
        await other.close();
      }
      expect((await expectSameCells(db())).ministry).toBe(await drawnOverZooms(db()));
      // The held transaction's row stays beside the key's until the key changes again.
      expect(Math.max(...(await rowsPerKey(db())))).toBe(2);
      await insert(db(), [{ ...one!, name: 'folds', published: true }]);
      expect(await rowsPerKey(db())).not.toContain(2);
      expect((await expectSameCells(db())).ministry).toBe(await drawnOverZooms(db()));
    }, 120_000);
  }
});
