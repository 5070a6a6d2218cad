// Loads the shipped reference data (divisions, holiday schedules) into the database.
// Each data set is fingerprinted; unchanged data is skipped, so this runs on every start.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Db, Queryable } from '../platform/db/db.ts';
import type { Progress } from '../platform/progress.ts';
import { systemActor } from '../identity/domain/actor.ts';
import { asSystem } from '../identity/scoped-db.ts';
import { divisionFileUrl, toRow, type DivisionFile } from './divisions/division-file.ts';
import { upsertDivisions } from './divisions/divisions.store.ts';
import { seedShippedSchedules, shippedSchedules } from './calendar/calendar.service.ts';

const checksum = (text: string) => createHash('sha256').update(text).digest('hex');

async function loadedChecksum(q: Queryable, dataset: string): Promise<string | undefined> {
  const [row] = await q.query<{ checksum: string }>(
    'SELECT checksum FROM reference_data_version WHERE dataset = $1',
    [dataset],
  );
  return row?.checksum;
}

async function recordChecksum(
  q: Queryable,
  dataset: string,
  sum: string,
  rows: number,
): Promise<void> {
  await q.query(
    `INSERT INTO reference_data_version (dataset, checksum, rows) VALUES ($1, $2, $3)
     ON CONFLICT (dataset) DO UPDATE SET checksum = EXCLUDED.checksum, rows = EXCLUDED.rows, loaded_at = now()`,
    [dataset, sum, rows],
  );
}

/** Brings reference data up to date; returns the names of the data sets it (re)loaded. */
export async function seedReferenceData(db: Db, progress?: Progress): Promise<string[]> {
  const loaded: string[] = [];
  const divisionsText = await readFile(divisionFileUrl, 'utf8');
  const { schedules, text: calendarText } = await shippedSchedules();
  const task = progress?.start('reference data', 2);

  await asSystem(
    db,
    systemActor('reference-seed'),
    async (tx) => {
      const divisionsSum = checksum(divisionsText);
      if ((await loadedChecksum(tx, 'divisions')) !== divisionsSum) {
        const file = JSON.parse(divisionsText) as DivisionFile;
        await upsertDivisions(tx, file.rows.map(toRow), file.sources);
        await recordChecksum(tx, 'divisions', divisionsSum, file.rows.length);
        loaded.push('divisions');
      }
      task?.tick('divisions');
      const calendarSum = checksum(calendarText);
      if ((await loadedChecksum(tx, 'calendar')) !== calendarSum) {
        await seedShippedSchedules(tx, schedules);
        await recordChecksum(tx, 'calendar', calendarSum, schedules.length);
        loaded.push('calendar');
      }
      task?.tick('calendar');
    },
    'shipped reference data (divisions GB/T 2260, holiday schedules from chinese-days)',
  );
  task?.done();
  return loaded;
}
