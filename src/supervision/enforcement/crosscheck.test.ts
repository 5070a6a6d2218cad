// The cross-check's findings and their history (crosscheck.ts): each firing polygon's finding
// is created once, in history with the caller's reason; recomputing after the register changed
// resolves and then reopens a stored finding, each transition in history with its reason — what
// an audit of a finding reads, and what a report for a past date is rebuilt from; two at once
// wait for each other. Both modes.
import { beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { systemActor } from '../../identity/domain/actor.ts';
import { asSystem } from '../../identity/scoped-db.ts';
import { findBatch, finishBatch, insertBatch, insertPolygons } from './batches.store.ts';
import { computeCoverage, reconcileFindings } from './crosscheck.ts';
import { observedUse } from './domain/observed-use.ts';
import { addJiawangRecords, boxPolygon, type Box } from './fixtures/jiawang-records.ts';

const system = systemActor('test');
/** Around a registered yard and an approval not registered: one covered, four firing. */
const polygons: [string, Box][] = [
  ['C1', [117.301, 34.301, 117.302, 34.302]], // inside the yard: covered
  ['C2', [117.3025, 34.301, 117.3035, 34.302]], // half over the yard
  ['C3', [117.311, 34.301, 117.312, 34.302]], // over the approval not registered
  ['C4', [117.33, 34.33, 117.331, 34.331]], // nowhere near an approval
  ['C5', [117.34, 34.34, 117.3405, 34.3405]], // nowhere either
];

describeEachMode('cross-check findings and their history', (db) => {
  let t: TestApp;
  let approvedId: string;

  beforeAll(async () => {
    t = await createTestApp(db());
    approvedId = (await addJiawangRecords(t, db())).unregisteredId;
  }, 120_000);

  /** A current batch of the five polygons (as the import stores them), not yet cross-checked. */
  const loadBatch = (externalId: string) =>
    asSystem(
      db(),
      system,
      async (tx) => {
        const id = await insertBatch(tx, {
          source: 'satellite_enforcement',
          externalId,
          month: '2026-05',
          divisionCode: '320305',
          files: [],
          filesSha256: externalId,
          contentSha256: externalId,
          supersedes: null,
        });
        await insertPolygons(
          tx,
          id,
          polygons.map(([code, box], i) => ({
            divisionCode: '320305',
            fileName: 'c.geojson',
            feature: i + 1,
            surveyCode: code,
            changeType: null,
            landClassCode: null,
            detectedOn: null,
            ...((u) => ({ observedUse: u.use, disallowedUses: u.disallowedUses }))(
              observedUse(null, null),
            ),
            attributes: { TBBH: code },
            geometry: boxPolygon(box),
          })),
        );
        await finishBatch(tx, id);
        return (await findBatch(tx, id, ''))!;
      },
      'test batch',
    );

  /** What recompute does once the scope is checked: the coverage, then the findings. */
  const check = (batch: Awaited<ReturnType<typeof loadBatch>>, asOf: string, why: string) =>
    asSystem(
      db(),
      system,
      async (tx) => ({
        polygons: await computeCoverage(tx, batch),
        findings: await reconcileFindings(tx, batch, asOf, why),
      }),
      why,
    );

  /** The batch's findings as users see them, by survey code, its own ids left out. */
  const findingsOf = (batchId: string) =>
    db().query<Record<string, unknown>>(
      `SELECT severity, message_zh, message_en, status, first_seen_on::text, resolved_on::text, version,
              evidence - '{polygonId,batchId,externalBatchId}'::text[] AS evidence
       FROM supervision_finding WHERE evidence ->> 'batchId' = $1 ORDER BY evidence ->> 'surveyCode'`,
      [batchId],
    );

  const historyOf = (batchId: string) =>
    db().query<{
      code: string;
      version: number;
      action: string;
      reason: string;
      status: string;
      same: boolean;
    }>(
      `SELECT f.evidence ->> 'surveyCode' AS code, v.version, v.action, v.reason, v.data ->> 'status' AS status,
              v.data -> 'evidence' = f.evidence AND v.data ->> 'message_zh' = f.message_zh AS same
       FROM record_version v JOIN supervision_finding f ON f.id = v.entity_id
       WHERE v.entity = 'supervision_finding' AND f.evidence ->> 'batchId' = $1
       ORDER BY 1, 2`,
      [batchId],
    );

  it("creates each firing polygon's finding once, in history with the reason", async () => {
    const batch = await loadBatch('first');
    expect(await check(batch, '2026-06-01', '卫片图斑核对')).toEqual({
      polygons: 5,
      findings: { firing: 4, inserted: 4, reopened: 0, refreshed: 0, resolved: 0 },
    });
    const stored = await findingsOf(batch.id);
    expect(stored.map((f) => (f.evidence as { surveyCode: string }).surveyCode)).toEqual([
      'C2',
      'C3',
      'C4',
      'C5',
    ]);
    expect(await historyOf(batch.id)).toEqual(
      ['C2', 'C3', 'C4', 'C5'].map((code) => ({
        code,
        version: 1,
        action: 'create',
        reason: '卫片图斑核对',
        status: 'open',
        same: true,
      })),
    );
  });

  /** The counts of a recompute that inserts nothing. */
  const stored = (counts: { firing: number; reopened?: number; resolved?: number }) => ({
    inserted: 0,
    reopened: 0,
    refreshed: 0,
    resolved: 0,
    ...counts,
  });

  it('resolves, then reopens, a stored finding as the register changes, with each reason in history', async () => {
    const batch = await loadBatch('lifecycle');
    await check(batch, '2026-06-01', 'first');
    const change = (sql: string, why: string) =>
      asSystem(db(), system, (tx) => tx.query(sql, [approvedId]), why);
    await change(
      `UPDATE temporary_land SET state = 'registered', registered_on = '2026-06-01' WHERE id = $1`,
      'registered late',
    );
    const resolved = await check(batch, '2026-06-02', 'after registering');
    expect(resolved.findings).toEqual(stored({ firing: 3, resolved: 1 }));
    await change(`UPDATE temporary_land SET state = 'written_off' WHERE id = $1`, 'written off');
    const reopened = await check(batch, '2026-06-03', 'after writing off');
    expect(reopened.findings).toEqual(stored({ firing: 4, reopened: 1 }));
    const c3 = (await historyOf(batch.id)).filter((h) => h.code === 'C3');
    expect(c3.map(({ version, action, status }) => ({ version, action, status }))).toEqual([
      { version: 1, action: 'create', status: 'open' },
      { version: 2, action: 'update', status: 'rectified' },
      { version: 3, action: 'update', status: 'open' },
    ]);
    expect(c3.map((h) => h.reason)).toEqual([
      'first',
      '覆盖核对不再发现未覆盖（2026-06-02）/ after registering',
      '覆盖核对再次发现未覆盖，重新打开（2026-06-03）/ after writing off',
    ]);
    // Reopened as outside any approval now (the record written off): the message says so.
    const [finding] = (await findingsOf(batch.id)).filter(
      (f) => (f.evidence as { surveyCode: string }).surveyCode === 'C3',
    );
    expect(finding).toMatchObject({ status: 'open', resolved_on: null, severity: 'error' });
    expect(finding?.message_en).toContain('outside any approval');
  });

  it('makes a second cross-check of a batch wait for an open one: each polygon stored and counted once', async () => {
    const batch = await loadBatch('twice at once');
    // The first has stored its coverage and tally and holds its transaction open a while.
    let stored!: () => void;
    const storedOnce = new Promise<void>((resolve) => (stored = resolve));
    const first = asSystem(
      db(),
      system,
      async (tx) => {
        const polygons = await computeCoverage(tx, batch);
        stored();
        await new Promise((resolve) => setTimeout(resolve, 500));
        return { polygons, findings: await reconcileFindings(tx, batch, '2026-06-01', 'one') };
      },
      'one',
    );
    await storedOnce;
    const [a, b] = await Promise.all([first, check(batch, '2026-06-01', 'other')]);
    expect([a.polygons, b.polygons]).toEqual([5, 5]);
    // The first inserted the four findings, the second found them stored.
    expect([a.findings.inserted, b.findings.inserted]).toEqual([4, 0]);
    const [counts] = await db().query<{ coverage: number; tallied: number; findings: number }>(
      `SELECT (SELECT count(*)::int FROM change_polygon_coverage WHERE batch_id = $1) AS coverage,
              (SELECT sum(polygons)::int FROM change_polygon_tally WHERE batch_id = $1) AS tallied,
              (SELECT count(*)::int FROM supervision_finding WHERE evidence ->> 'batchId' = $1::text) AS findings`,
      [batch.id],
    );
    expect(counts).toEqual({ coverage: 5, tallied: 5, findings: 4 });
  });
});
