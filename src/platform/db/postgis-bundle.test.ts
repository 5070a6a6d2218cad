// The slim PostGIS bundle keeps what `CREATE EXTENSION postgis` and PROJ need from the
// package's bundle and leaves raster, topology and the upgrade scripts out. (Every embedded
// test opens its database with it: they are the proof that PostGIS works from it.)
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { expect, it } from 'vitest';
import { extract } from 'tar-stream';
import { keptInBundle, makeSlimBundle, packageBundle } from './postgis-bundle.ts';

async function entries(): Promise<string[]> {
  const names: string[] = [];
  const from = extract();
  from.on('entry', (header, body, next) => {
    names.push(header.name.replace(/^\.\//, ''));
    body.on('end', next);
    body.resume();
  });
  await pipeline(createReadStream(packageBundle), createGunzip(), from);
  return names;
}

it('keeps PostGIS, its control file, its one creating script and PROJ, and nothing of raster or topology', async () => {
  const all = await entries();
  const kept = all.filter(keptInBundle);
  expect(kept).toContain('lib/postgresql/postgis-3.so');
  expect(kept).toContain('share/postgresql/extension/postgis.control');
  expect(kept).toContain('share/proj/proj.db');
  expect(kept.filter((n) => /extension\/postgis--[\d.]+\.sql$/.test(n))).toHaveLength(1);
  expect(kept.filter((n) => /raster|topology|tiger|--ANY|contrib\//.test(n))).toEqual([]);
  expect(all.filter((n) => /raster-3\.so|topology-3\.so/.test(n))).toHaveLength(2);
  expect(kept.length).toBeLessThan(all.length / 2);
});

it('fails, leaving nothing behind, where the cache cannot be written (the driver then loads the full bundle)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'reclaim-bundle-'));
  await writeFile(join(dir, 'not-a-folder'), '');
  await expect(makeSlimBundle(join(dir, 'not-a-folder', 'cache'))).rejects.toThrow(/ENOTDIR/);
  expect(await readdir(dir)).toEqual(['not-a-folder']);
});
