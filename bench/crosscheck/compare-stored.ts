// Compares what two versions of Reclaim's cross-check store, on the same generated data: this
// checkout's recompute and another checkout's (RECLAIM_BENCH_CROSSCHECK_OTHER, e.g. main in a
// second worktree with its own node_modules and the same migrations) each run on its own clone
// of one loaded template, three times with the same register changes in between (approvals
// registered, records written off, then those written off too), so that findings are inserted,
// refreshed, resolved and reopened. After every run it compares the coverage rows, the
// findings and their history (ids and times aside) and the summaries, and exits 1 on any
// difference.
//
//   RECLAIM_BENCH_CROSSCHECK_OTHER=/tmp/reclaim-main node --import tsx bench/crosscheck/compare-stored.ts 100000
import { isDeepStrictEqual } from 'node:util';
import { systemActor } from '../../src/identity/domain/actor.ts';
import { asSystem } from '../../src/identity/scoped-db.ts';
import type { Db } from '../../src/platform/db/db.ts';
import { createEnforcementImportService } from '../../src/supervision/enforcement/enforcement-import.service.ts';
import { ministryUser } from '../harness/actors.ts';
import { benchDatabases } from '../harness/databases.ts';
import { crosscheckData } from './dataset.ts';
import { otherRecompute, type Recompute } from './other-checkout.ts';

const parcels = Number(process.argv[2] ?? 100_000);
const other = await otherRecompute();
if (!other) throw new Error('RECLAIM_BENCH_CROSSCHECK_OTHER: the other checkout to compare with');

/** The same register changes on both clones, by record id (the clones share every id). */
const changes: { reason: string; sql: string }[] = [
  {
    reason: 'compare: approvals registered, records written off',
    sql: `UPDATE temporary_land SET state = 'registered'
          WHERE id IN (SELECT id FROM temporary_land WHERE state = 'approved' ORDER BY id LIMIT 3000);
          UPDATE temporary_land SET state = 'written_off'
          WHERE id IN (SELECT id FROM temporary_land WHERE state IN ('registered', 'in_use') ORDER BY id DESC LIMIT 3000)`,
  },
  {
    reason: 'compare: the newly registered written off',
    sql: `UPDATE temporary_land SET state = 'written_off'
          WHERE id IN (SELECT entity_id FROM record_version
                       WHERE entity = 'temporary_land' AND reason = 'compare: approvals registered, records written off'
                         AND data ->> 'state' = 'registered')`,
  },
];

/** What a run stored, without ids and times (history keyed by the finding's key). */
async function stored(db: Db) {
  const coverage = await db.query(
    `SELECT polygon_id, batch_id, province_code, division_code, area_m2, covered_m2, use_differs_m2,
            not_registered_m2, expired_m2, outside_m2, covered_records, use_differs_records,
            not_registered_records, expired_records, tolerance_m2, status, primary_cause
     FROM change_polygon_coverage ORDER BY polygon_id`,
  );
  const findings = await db.query(
    `SELECT finding_key, province_code, division_code, rule_code, subject_kind, record_id, period, severity,
            message_zh, message_en, evidence, status, first_seen_on::text, resolved_on::text, version
     FROM supervision_finding ORDER BY finding_key`,
  );
  const history = await db.query(
    `SELECT f.finding_key, v.version, v.action, v.division_code, v.changed_by, v.reason,
            v.data - '{id,created_at,updated_at}'::text[] AS data
     FROM record_version v JOIN supervision_finding f ON f.id = v.entity_id
     WHERE v.entity = 'supervision_finding' ORDER BY f.finding_key, v.version`,
  );
  return { coverage, findings, history };
}

function compare(run: number, a: Record<string, unknown[]>, b: Record<string, unknown[]>): boolean {
  let same = true;
  for (const table of Object.keys(a)) {
    const x = a[table]!;
    const y = b[table]!;
    const first = x.findIndex((row, i) => !isDeepStrictEqual(row, y[i]));
    const equal = x.length === y.length && first < 0;
    same &&= equal;
    console.log(
      `run ${run}: ${table} ${x.length.toLocaleString('en')} rows / ${y.length.toLocaleString('en')}: ` +
        (equal ? 'identical' : `DIFFERENT (first at ${first})`),
    );
    if (!equal && first >= 0) console.log(JSON.stringify({ this: x[first], other: y[first] }));
  }
  return same;
}

const databases = benchDatabases();
try {
  const { fill } = crosscheckData(1, parcels, (line) => console.log(line));
  const template = await databases.serverTemplate('compare', fill);
  const mine = await template.clone();
  const theirs = await template.clone();
  try {
    const sides: [Db, Recompute][] = [
      [mine.db, (...args) => createEnforcementImportService(mine.db).recompute(...args)],
      [theirs.db, other.recompute(theirs.db)],
    ];
    const [{ id: batchId }] = (await mine.db.query<{ id: string }>(
      `SELECT id FROM enforcement_batch WHERE external_id = 'bench'`,
    )) as [{ id: string }];
    let same = true;
    for (let run = 1; run <= 3; run++) {
      const summaries: unknown[] = [];
      for (const [, recompute] of sides) {
        const t0 = Date.now();
        const { crosscheck } = await recompute(ministryUser, batchId, `compare run ${run}`);
        summaries.push(crosscheck);
        console.log(`run ${run}: ${Date.now() - t0} ms ${JSON.stringify(crosscheck)}`);
      }
      same &&= compare(run, { summary: [summaries[0]] }, { summary: [summaries[1]] });
      same &&= compare(run, await stored(mine.db), await stored(theirs.db));
      const change = changes[run - 1];
      if (change) {
        for (const [db] of sides)
          await asSystem(db, systemActor('compare'), (tx) => tx.exec(change.sql), change.reason);
      }
    }
    console.log(same ? 'SAME on every run' : 'DIFFERENCES found');
    process.exitCode = same ? 0 : 1;
  } finally {
    await mine.drop();
    await theirs.drop();
  }
} finally {
  await databases.close();
}
