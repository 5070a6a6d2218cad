// Which storage modes the suite runs. Both by default; RECLAIM_TEST_MODES=embedded narrows a
// local run, and is refused under CI so that no mode is silently skipped there.
import type { StorageMode } from '../../src/platform/db/db.ts';

export const templateDatabase = 'reclaim_template';

export function testModes(): StorageMode[] {
  const raw = process.env.RECLAIM_TEST_MODES;
  if (!raw) return ['embedded', 'server'];
  if (process.env.CI) {
    throw new Error('RECLAIM_TEST_MODES may not narrow the storage modes under CI');
  }
  const modes = raw.split(',').map((m) => m.trim());
  for (const m of modes) {
    if (m !== 'embedded' && m !== 'server') {
      throw new Error(`RECLAIM_TEST_MODES: unknown mode ${m}`);
    }
  }
  return modes as StorageMode[];
}
