// @ts-check
// The `reclaim` command's sources as one ES module, built by esbuild (already installed as
// tsx's compiler) and kept under node_modules/.cache/reclaim: loading it takes a third of the
// time that compiling and resolving some 300 TypeScript modules one by one through tsx does
// (≈ 0.8 s against 2.4 s before a command starts its work). A manifest beside it lists every
// source it was built from with its size and modification time; when any of them changed or
// went away, the bundle is built again (≈ 0.5 s), so an edited checkout never runs stale code.
// Packages stay outside the bundle and load from node_modules as usual.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The checkout this file belongs to. */
const checkout = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** @param {string} root */
function pathsOf(root) {
  const cache = join(root, 'node_modules/.cache/reclaim');
  return {
    root,
    entry: join(root, 'src/cli/main.ts'),
    cache,
    bundle: join(cache, 'cli.mjs'),
    manifest: join(cache, 'cli.manifest.json'),
  };
}

/** @typedef {ReturnType<typeof pathsOf>} Paths */

/** @param {string} path */
const stamp = (path) => {
  const s = statSync(path);
  return `${s.size}:${Math.round(s.mtimeMs)}`;
};

/**
 * Whether the bundle was built from the sources as they are now.
 * @param {Paths} paths
 */
function fresh({ root, entry, bundle, manifest }) {
  try {
    /** @type {{ entry: string, inputs: Record<string, string> }} */
    const built = JSON.parse(readFileSync(manifest, 'utf8'));
    if (built.entry !== entry) return false;
    statSync(bundle);
    return Object.entries(built.inputs).every(([path, was]) => stamp(join(root, path)) === was);
  } catch {
    return false; // never built, or a source is gone
  }
}

/**
 * `import.meta.url` and `import.meta.dirname` of each source, as written in the source: the
 * sources find their neighbours (migrations, divisions.json, web/dist) from where they are.
 * @type {import('esbuild').Plugin}
 */
const sourceLocations = {
  name: 'reclaim-source-locations',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8')
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)));
      return { contents: text, loader: 'ts' };
    });
  },
};

/** @param {Paths} paths */
async function build({ root, entry, cache, bundle, manifest }) {
  const { build: esbuild } = await import('esbuild');
  mkdirSync(cache, { recursive: true });
  // Written beside and renamed: commands starting at once never read half a bundle.
  const partial = `${bundle}.${process.pid}.partial.mjs`;
  const result = await esbuild({
    entryPoints: [entry],
    outfile: partial,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
    plugins: [sourceLocations],
  });
  const inputs = Object.fromEntries(
    Object.keys(result.metafile.inputs).map((path) => {
      const file = relative(root, resolve(path));
      return [file, stamp(join(root, file))];
    }),
  );
  renameSync(`${partial}.map`, `${bundle}.map`);
  // The map keeps its name; the bundle's comment must name it.
  const code = readFileSync(partial, 'utf8').replace(
    /\/\/# sourceMappingURL=\S+\s*$/,
    '//# sourceMappingURL=cli.mjs.map\n',
  );
  writeFileSync(partial, code);
  renameSync(partial, bundle);
  writeFileSync(`${manifest}.${process.pid}`, JSON.stringify({ entry, inputs }));
  renameSync(`${manifest}.${process.pid}`, manifest);
}

/**
 * The URL of a bundle built from the current sources of `root` (this checkout), built first if
 * need be; null when it cannot be built (the caller then runs the sources through tsx, which
 * reports any fault).
 * @returns {Promise<string | null>}
 */
export async function cliBundle(root = checkout) {
  if (process.env.RECLAIM_CLI_BUNDLE === 'off') return null;
  const paths = pathsOf(root);
  if (fresh(paths)) return pathToFileURL(paths.bundle).href;
  try {
    await build(paths);
    return pathToFileURL(paths.bundle).href;
  } catch {
    return null;
  }
}
