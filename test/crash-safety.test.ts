// Crash safety (the scale issue): the process that runs a 100,000-parcel import is killed with
// SIGKILL while it is writing records, and the database then holds none of that import and
// every earlier record exactly as it was — in embedded mode the killed process held PGlite
// itself, so this is PGlite's recovery from a crash; in server mode PostgreSQL's rollback of a
// transaction whose client vanished. Afterwards the same data directory or database takes a
// new import.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../bench/generate/dataset.ts';
import { writeDatasetFiles } from '../bench/generate/write-files.ts';
import type { Db, StorageMode } from '../src/platform/db/db.ts';
import { openPg } from '../src/platform/db/pg-driver.ts';
import { openPglite } from '../src/platform/db/pglite-driver.ts';
import { testModes } from './support/modes.ts';
import { killStragglers, reclaim, startReclaim } from './support/reclaim-process.ts';
import { openTestTarget } from './support/test-db.ts';

const bigImport = 100_000;

interface Snapshot {
  records: number;
  /** Every record's id, version and geometry, hashed in id order. */
  fingerprint: string;
  versions: number;
}

async function snapshot(db: Db): Promise<Snapshot> {
  const [row] = await db.query<Snapshot>(
    `SELECT (SELECT count(*)::int FROM temporary_land) AS records,
            (SELECT coalesce(md5(string_agg(id::text || ':' || version || ':' || md5(ST_AsBinary(geom)), ',' ORDER BY id)), '')
             FROM temporary_land) AS fingerprint,
            (SELECT count(*)::int FROM record_version) AS versions`,
  );
  return row!;
}

/** Opens the target's database in this process, as the killed one had it. */
function openTarget(mode: StorageMode, target: { env: Record<string, string>; args: string[] }) {
  return mode === 'embedded'
    ? openPglite({ dataDir: target.args[1]! })
    : openPg({ url: target.env.DATABASE_URL!, poolMax: 1 });
}

describe('crash safety: SIGKILL in the middle of a 100,000-parcel import', () => {
  let dir: string;
  let big: string[];
  let earlier: string;
  let later: string;
  afterEach(killStragglers);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reclaim-crash-'));
    // Ten files of 10,000 parcels (a file may hold 50 MB at most), imported as one.
    const manifest = await writeDatasetFiles(
      generateDataset({ seed: 7, parcels: bigImport }),
      join(dir, 'big'),
      { chunkSize: 10_000, formats: ['geojson'] },
    );
    const parcels = manifest.files.filter((f) => f.format === 'geojson');
    expect(parcels.reduce((n, f) => n + f.features, 0)).toBe(bigImport);
    big = parcels.map((f) => join(dir, 'big', f.path));
    const small = async (seed: number, name: string) => {
      const m = await writeDatasetFiles(generateDataset({ seed, parcels: 40 }), join(dir, name), {
        formats: ['geojson'],
      });
      return join(dir, name, m.files.find((f) => f.format === 'geojson')!.path);
    };
    earlier = await small(11, 'earlier');
    later = await small(12, 'later');
  }, 600_000);

  afterAll(() => rm(dir, { recursive: true, force: true }));

  for (const mode of testModes()) {
    it(`keeps all earlier records and none of the killed import [${mode}]`, async () => {
      const target = await openTestTarget(mode);
      try {
        const first = await reclaim(['import', earlier, ...target.args], target.env);
        expect(first.code, first.stderr).toBe(0);

        const before = await (async () => {
          const db = await openTarget(mode, target);
          try {
            return await snapshot(db);
          } finally {
            await db.close();
          }
        })();
        expect(before.records).toBe(40);

        // Kill it as soon as it reports a batch of records written: the transaction then holds
        // thousands of inserted records and their history rows, uncommitted.
        let writtenAtKill = 0;
        const { done } = startReclaim(['import', ...big, ...target.args], target.env, {
          watch(stderr, child) {
            const written = [...stderr.matchAll(/records: (\d+)\/(\d+)/g)].at(-1);
            if (written && writtenAtKill === 0 && Number(written[1]) > 0) {
              writtenAtKill = Number(written[1]);
              child.kill('SIGKILL');
            }
          },
        });
        const killed = await done;
        expect(killed.signal, killed.stderr.slice(-2000)).toBe('SIGKILL');
        expect(writtenAtKill).toBeGreaterThan(0);
        expect(writtenAtKill).toBeLessThan(bigImport);

        const db = await openTarget(mode, target);
        try {
          expect(await snapshot(db)).toEqual(before);
        } finally {
          await db.close();
        }

        // The data directory (embedded: its stale lock taken over) or database works on.
        const again = await reclaim(['import', later, ...target.args], target.env);
        expect(again.code, again.stderr).toBe(0);
        const after = await openTarget(mode, target);
        try {
          expect((await snapshot(after)).records).toBe(80);
        } finally {
          await after.close();
        }
      } finally {
        await target.cleanup();
      }
    }, 1_800_000);
  }
});
