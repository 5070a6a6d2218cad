// The cross-check's data: generated parcels (without the survey layers, which it never reads)
// and their change polygons as one enforcement batch, for a template database.
import type { Db } from '../../src/platform/db/db.ts';
import { generateDataset } from '../generate/dataset.ts';
import { loadDataset } from '../generate/write-database.ts';
import { loadChanges } from './load-changes.ts';

/** Change polygons per parcel (0.2: 200,000 for 1,000,000). */
export const changesPerParcel = 0.2;

/** Generates `parcels` parcels; returns how to load them into a database and how many polygons. */
export function crosscheckData(
  seed: number,
  parcels: number,
  log: (line: string) => void,
): { fill: (db: Db) => Promise<void>; changes: number } {
  const started = Date.now();
  const dataset = generateDataset({ seed, parcels, changesPerParcel });
  const light = {
    ...dataset,
    landClass: dataset.landClass.map(() => []),
    farmland: dataset.farmland.map(() => []),
  };
  log(`crosscheck: ${parcels} parcels generated in ${Date.now() - started} ms`);
  const fill = async (db: Db) => {
    const t0 = Date.now();
    await loadDataset(db, light, {
      onProgress: (_w, done, total) => {
        if (done % 20 === 0 || done === total) log(`  loaded cluster ${done}/${total}`);
      },
    });
    await loadChanges(db, dataset.changes);
    log(`crosscheck: loaded in ${Date.now() - t0} ms`);
  };
  return { fill, changes: dataset.changes.length };
}
