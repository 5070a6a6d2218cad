// `npm run bench:generate -- --seed 1 --parcels 100000 --out DIR [--database URL | --embedded DIR]`:
// writes the synthetic data set's files and, when given a database, loads it there too
// (migrating the database first, as `reclaim migrate` would).
import { Command, InvalidArgumentError } from 'commander';
import { openPg } from '../../src/platform/db/pg-driver.ts';
import { openPglite } from '../../src/platform/db/pglite-driver.ts';
import { prepareDatabase } from '../../src/startup/prepare-database.ts';
import { generateDataset } from './dataset.ts';
import { loadDataset } from './write-database.ts';
import { fileFormats, writeDatasetFiles, type FileFormat } from './write-files.ts';

const integer = (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('a non-negative integer');
  return n;
};

const program = new Command('bench-generate')
  .description(
    'deterministic synthetic temporary-land data around coal-mining areas (bench/README.md)',
  )
  .option('--seed <n>', 'random seed', integer, 1)
  .option('--parcels <n>', 'approved parcels', integer, 100_000)
  .option('--out <dir>', 'folder for the GeoJSON, GeoPackage and coordinate txt files')
  .option('--formats <list>', `file formats (${fileFormats.join(',')})`, fileFormats.join(','))
  .option('--chunk <n>', 'parcels per file at most', integer, 10_000)
  .option('--database <url>', 'load into this PostgreSQL + PostGIS server database')
  .option('--embedded <dir>', 'load into the embedded database of this Reclaim data directory')
  .option('--layers-only', 'load only the land-class and farmland layers, not the approvals')
  .action(
    async (opts: {
      seed: number;
      parcels: number;
      out?: string;
      formats: string;
      chunk: number;
      database?: string;
      embedded?: string;
      layersOnly?: boolean;
    }) => {
      if (!opts.out && !opts.database && !opts.embedded)
        throw new InvalidArgumentError('nothing to do: give --out, --database or --embedded');
      const started = Date.now();
      const dataset = generateDataset({ seed: opts.seed, parcels: opts.parcels });
      process.stderr.write(
        `generated ${dataset.parcels.length} parcels in ${dataset.clusters.length} clusters, ` +
          `${dataset.landClass.flat().length} land-class and ${dataset.farmland.flat().length} farmland polygons, ` +
          `${dataset.changes.length} change polygons (${Date.now() - started} ms)\n`,
      );
      if (opts.out) {
        const formats = opts.formats.split(',').map((f) => f.trim()) as FileFormat[];
        for (const f of formats)
          if (!fileFormats.includes(f)) throw new InvalidArgumentError(`unknown format ${f}`);
        const manifest = await writeDatasetFiles(dataset, opts.out, {
          chunkSize: opts.chunk,
          formats,
        });
        process.stderr.write(`wrote ${manifest.files.length} files to ${opts.out}\n`);
      }
      if (opts.database || opts.embedded) {
        const db = opts.database
          ? await openPg({ url: opts.database, poolMax: 2 })
          : await openPglite({ dataDir: opts.embedded! });
        try {
          await prepareDatabase(db);
          const counts = await loadDataset(db, dataset, {
            parcels: !opts.layersOnly,
            onProgress: (what, done, total) => process.stderr.write(`  ${what} ${done}/${total}\r`),
          });
          process.stderr.write(`\nloaded ${JSON.stringify(counts)} into ${db.description}\n`);
        } finally {
          await db.close();
        }
      }
    },
  );

await program.parseAsync();
