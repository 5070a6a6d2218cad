// PGlite's PostGIS extension as Reclaim loads it. The package's bundle holds three libraries —
// PostGIS, raster and topology, 48 MB of WebAssembly — with every upgrade script since 2.0,
// and a process unpacks and compiles all of it each time it opens a database. Reclaim creates
// only `postgis` (migration 0001), so it loads a copy of the bundle without raster, topology,
// contrib and upgrade scripts: opening an embedded database took 4.3 s and takes 2.6 s
// (measured on the reference machine, 2026-12-07). The copy is made once from the package's
// own bundle, under node_modules/.cache/reclaim, named for that bundle's size and time so that
// a new package version makes a new copy; if it cannot be made, the package's bundle is used.
import { createRequire } from 'node:module';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { createGunzip, createGzip } from 'node:zlib';
import type { Extension } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { extract, pack } from 'tar-stream';

/** Whether a file of the package's bundle is one Reclaim's databases use. */
export function keptInBundle(path: string): boolean {
  const name = path.replace(/^\.\//, '');
  if (name.startsWith('lib/postgresql/')) return name.endsWith('/postgis-3.so');
  if (name.startsWith('share/postgresql/contrib/')) return false;
  if (name.startsWith('share/postgresql/extension/'))
    // The control file and the script that creates the current version (no upgrade paths).
    return /\/postgis\.control$/.test(name) || /\/postgis--\d+(\.\d+)*\.sql$/.test(name);
  return true; // PROJ's database and the rest
}

/** The package's own bundle (gzipped tar). */
export const packageBundle = join(
  dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite-postgis')),
  'postgis.tar.gz',
);

let slimmed: Promise<URL | null> | null = null;

/**
 * The slim bundle's URL, made on first use; null when it could not be made (a read-only
 * node_modules, a full disk), said once on stderr: every start is then about 1.5 s slower.
 */
function slimBundle(): Promise<URL | null> {
  slimmed ??= makeSlimBundle().catch((error: unknown) => {
    process.emitWarning(
      `the slim PostGIS bundle could not be made (${error instanceof Error ? error.message : String(error)}); ` +
        'loading the full one, which starts more slowly',
      { code: 'RECLAIM_POSTGIS_BUNDLE' },
    );
    return null;
  });
  return slimmed;
}

/** node_modules/.cache/reclaim, beside the package's bundle in node_modules. */
const defaultCache = join(dirname(packageBundle), '..', '..', '..', '.cache', 'reclaim');

/** Makes the slim bundle in `cache` unless it is there; its URL. */
export async function makeSlimBundle(cache = defaultCache): Promise<URL> {
  const source = await stat(packageBundle);
  const target = join(cache, `postgis-${source.size}-${Math.round(source.mtimeMs)}.tar.gz`);
  const made = await stat(target).catch(() => null);
  if (!made) {
    await mkdir(dirname(target), { recursive: true });
    // Written beside it and renamed: processes starting at once never read half a file.
    const partial = `${target}.${process.pid}.${Date.now()}.partial`;
    const from = extract();
    const to = pack();
    from.on('entry', (header, body, next) => {
      if (!keptInBundle(header.name)) {
        body.on('end', next);
        body.resume();
        return;
      }
      body.pipe(to.entry(header, (error) => next(error)));
    });
    from.on('finish', () => to.finalize());
    try {
      await Promise.all([
        pipeline(createReadStream(packageBundle), createGunzip(), from),
        pipeline(to, createGzip({ level: 1 }), createWriteStream(partial)),
      ]);
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }
  return pathToFileURL(target);
}

/** PostGIS for PGlite, from the slim bundle when it can be made. */
export const slimPostgis: Extension = {
  name: 'postgis',
  async setup(pg, emscriptenOpts) {
    const result = await postgis.setup(pg, emscriptenOpts);
    const slim = await slimBundle();
    return slim ? { ...result, bundlePath: slim } : result;
  },
};
