// The register's zoomed-out tiles (web app issue 5, item 6: large layers as vector tiles, the
// map smooth over 100,000 parcels) and what keeping their tally costs:
//
// 1. Zooms 5–7, every tile holding parcels, as the ministry sees them: the cells added up
//    from the tally (migration 0026, src/register/tiles/tally.store.ts) against the baseline
//    of the same cells computed from the parcels one by one (overview.store.ts, the SQL of
//    zooms 8–11). Server mode at the import size, embedded at its smaller size.
// 2. Inserting the parcels in one statement (as an import's final step does) with the tally's
//    triggers against the baseline of the same statement with them switched off: the price of
//    the tally for every write.
import { systemActor, type Actor } from '../../src/identity/domain/actor.ts';
import { asSystem, readInScope } from '../../src/identity/scoped-db.ts';
import type { Db } from '../../src/platform/db/db.ts';
import type { TileAddress } from '../../src/register/tiles/domain/tile-address.ts';
import { overviewCells } from '../../src/register/tiles/overview.store.ts';
import { tallyCells } from '../../src/register/tiles/tally.store.ts';
import type { TileFilter } from '../../src/register/tiles/tiles.store.ts';
import { loadDataset } from '../generate/write-database.ts';
import { ministryUser } from '../harness/actors.ts';
import type { Benchmark, Case, Comparison } from '../harness/bench.ts';
import { benchData, releaseBenchData } from '../harness/data.ts';

const zooms = [5, 6, 7];
const nationwide: TileFilter = { scopeLike: '%', publishedOnly: false };

/** Every tile of `zooms` holding a parcel's box centre. */
async function tilesWithParcels(db: Db): Promise<TileAddress[]> {
  const tiles: TileAddress[] = [];
  for (const z of zooms) {
    tiles.push(
      ...(await db.query<TileAddress>(
        `SELECT DISTINCT $1::int AS z,
                floor((ST_X(c) + 180) / 360 * 2 ^ $1)::int AS x,
                floor((1 - ln(tan(radians(ST_Y(c))) + 1 / cos(radians(ST_Y(c)))) / pi()) / 2 * 2 ^ $1)::int AS y
         FROM (SELECT ST_Centroid(ST_Envelope(geom)) AS c FROM temporary_land WHERE geom IS NOT NULL) p
         ORDER BY 2, 3`,
        [z],
      )),
    );
  }
  return tiles;
}

function tileCases(db: Db, tiles: TileAddress[], actor: Actor, mode: string): [Case, Case] {
  const all = (cells: typeof overviewCells) => async () => {
    let counted = 0;
    for (const address of tiles) {
      const found = await readInScope(db, actor, (tx) => cells(tx, address, nationwide));
      counted += found.reduce((sum, c) => sum + c.count, 0);
    }
    if (counted === 0) throw new Error(`no parcel counted in ${mode} mode`);
  };
  return [
    { name: `from the parcels, ${mode}`, run: all(overviewCells) },
    { name: `from the tally, ${mode}`, run: all(tallyCells) },
  ];
}

/** Moves the loaded parcels to `bench_parcel`, leaving the register and its tally empty. */
async function setAside(db: Db): Promise<void> {
  await db.exec(`
    CREATE TABLE bench_parcel AS SELECT * FROM temporary_land;
    ALTER TABLE temporary_land DISABLE TRIGGER USER;
    DELETE FROM temporary_land;
    ALTER TABLE temporary_land ENABLE TRIGGER USER;
    DELETE FROM temporary_land_tally`);
  await db.exec('VACUUM ANALYZE temporary_land, temporary_land_tally');
}

/** Off in both insert cases: history would grow by the parcels every repetition. */
const historyTrigger = 'temporary_land_version_created';
const tallyTrigger = 'temporary_land_inserted_tally';

export const benchmark: Benchmark = {
  name: 'tiles',
  description:
    'The register’s zoomed-out tiles (zooms 5–7) added up from its tally against the same cells computed ' +
    'from the parcels, and what keeping the tally costs an insert of the parcels in one statement.',
  async setup(options, databases) {
    const comparisons: Comparison[] = [];
    const teardowns: (() => Promise<void>)[] = [];
    const sizes: [('server' | 'embedded')[], number][] = [
      [['server'], options.serverParcels],
      [['embedded'], options.embeddedParcels],
    ];
    for (const [[mode], n] of sizes) {
      if (!mode || !options.modes.includes(mode)) continue;
      const data = await benchData(options, n);
      const fill = (db: Db) => loadDataset(db, data.dataset).then(() => undefined);
      // Two clones of one template: the tiles read one, the inserts empty and refill the other.
      const clone: () => Promise<Db> =
        mode === 'server'
          ? await (async () => {
              const template = await databases.serverTemplate('tiles', fill);
              return async () => {
                const c = await template.clone();
                teardowns.push(() => c.drop());
                return c.db;
              };
            })()
          : await (async () => {
              const template = await databases.embeddedTemplate(fill);
              return async () => {
                const c = await template.clone();
                teardowns.push(() => c.close());
                return c;
              };
            })();
      const db = await clone();
      releaseBenchData(options, n);
      await db.exec('VACUUM ANALYZE temporary_land, temporary_land_tally');
      const tiles = await tilesWithParcels(db);
      const [baseline, tally] = tileCases(db, tiles, ministryUser, mode);
      await baseline.run();
      await tally.run();
      comparisons.push({
        title: `zoomed-out tiles (zooms ${zooms.join(', ')}), ${n.toLocaleString('en')} parcels, ${mode}`,
        description: `Every tile holding parcels at those zooms (${tiles.length} tiles), one read-only transaction each, as the ministry.`,
        baseline,
        cases: [tally],
        repetitions: options.repetitions,
        units: { count: tiles.length, name: 'tiles' },
      });

      // The write side: a copy of the parcels inserted in one statement per repetition.
      const writer = await clone();
      await setAside(writer);
      // Both cases refuse to run on a register that is not empty (the after step failed).
      const empty = async () => {
        const [row] = await writer.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM temporary_land',
        );
        if (row?.n !== 0) throw new Error(`the register holds ${row?.n} parcels before an insert`);
      };
      const insert = (withTally: boolean): Case => ({
        name: withTally ? `with the tally, ${mode}` : `tally trigger off, ${mode}`,
        before: empty,
        run: () =>
          asSystem(
            writer,
            systemActor('bench tiles'),
            async (tx) => {
              const off = withTally ? [historyTrigger] : [historyTrigger, tallyTrigger];
              for (const trigger of off)
                await tx.query(`ALTER TABLE temporary_land DISABLE TRIGGER ${trigger}`);
              await tx.query(`INSERT INTO temporary_land SELECT * FROM bench_parcel`);
              for (const trigger of off)
                await tx.query(`ALTER TABLE temporary_land ENABLE TRIGGER ${trigger}`);
            },
            'bench: insert the parcels',
          ).then(() => undefined),
        after: () =>
          writer.exec(`
            ALTER TABLE temporary_land DISABLE TRIGGER USER;
            DELETE FROM temporary_land;
            ALTER TABLE temporary_land ENABLE TRIGGER USER;
            DELETE FROM temporary_land_tally`),
      });
      comparisons.push({
        title: `insert of ${n.toLocaleString('en')} parcels in one statement, ${mode}`,
        description:
          'INSERT … SELECT of the loaded parcels into the empty register (the area trigger and change notice run ' +
          'in both, history in neither), with and without the tally’s trigger; the register is emptied after ' +
          'each repetition.',
        baseline: insert(false),
        cases: [insert(true)],
        repetitions: options.repetitions,
        units: { count: n, name: 'parcels' },
      });
    }
    return {
      comparisons,
      teardown: async () => {
        for (const down of teardowns) await down();
      },
    };
  },
};
