// Generated data for benchmarks: the data set of a seed and size, its files written under the
// work folder (same seed and size → the same bytes, so a rerun overwrites them unchanged).
import { join } from 'node:path';
import { generateDataset, type Dataset } from '../generate/dataset.ts';
import { writeDatasetFiles, type Manifest } from '../generate/write-files.ts';
import type { BenchOptions } from './bench.ts';

export interface BenchData {
  dataset: Dataset;
  dir: string;
  manifest: Manifest;
  /** Absolute paths of the parcel files of one format. */
  files(format: 'geojson' | 'gpkg' | 'txt'): string[];
}

const cache = new Map<string, Promise<BenchData>>();

export function benchData(options: BenchOptions, parcels: number): Promise<BenchData> {
  const dir = join(options.workDir, `seed${options.seed}-${parcels}`);
  let data = cache.get(dir);
  if (!data) {
    data = (async () => {
      const started = Date.now();
      const dataset = generateDataset({ seed: options.seed, parcels });
      const manifest = await writeDatasetFiles(dataset, dir);
      options.log(
        `data: ${parcels} parcels generated and written to ${dir} in ${Date.now() - started} ms`,
      );
      return {
        dataset,
        dir,
        manifest,
        files: (format) =>
          manifest.files.filter((f) => f.format === format).map((f) => join(dir, f.path)),
      };
    })();
    cache.set(dir, data);
  }
  return data;
}

/**
 * Forgets the data set of a size (its files stay): a benchmark whose cases only read the files
 * calls it once set up, so that the generated parcels and layers (about 370 MB of small
 * objects at 100,000 parcels) are not in the heap while a case runs — every major garbage
 * collection of the process would mark them, which `reclaim import` never pays. A later
 * benchData of the same size generates the same data again.
 */
export function releaseBenchData(options: BenchOptions, parcels: number): void {
  cache.delete(join(options.workDir, `seed${options.seed}-${parcels}`));
}
