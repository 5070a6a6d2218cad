// The coverage fixtures (fixtures/coverage/*): every cause, the priority partition, the
// tolerance edge and the lawful window, computed by PostGIS in both storage modes from one
// imported batch, compared with expected.json; the five areas always add up to the polygon, and
// the stored TL-ENF-01 finding is the one unexplainedOccupationFinding specifies.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { systemActor } from '../../identity/domain/actor.ts';
import { asSystem } from '../../identity/scoped-db.ts';
import { coverageCauses, findingKeyOf, unexplainedOccupationFinding } from './domain/coverage.ts';

interface RecordInput {
  name: string;
  box: [number, number, number, number];
  state?: string;
  useType?: string;
  approvalDate?: string;
  termEnd?: string;
  divisionCode?: string;
  extensions?: unknown[];
  reclamationExtension?: unknown;
}

interface Case {
  name: string;
  input: {
    records: RecordInput[];
    polygon: { box: [number, number, number, number]; properties?: Record<string, unknown> };
  };
  expected: {
    status: string;
    primaryCause: string | null;
    shares: Record<string, number>;
    records: Record<string, string[]>;
    finding: 'error' | 'warning' | null;
    uncoveredM2?: [number, number];
  };
}

const folder = join(import.meta.dirname, 'fixtures', 'coverage');
const cases: Case[] = readdirSync(folder, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => ({
    name: d.name,
    input: JSON.parse(readFileSync(join(folder, d.name, 'input.json'), 'utf8')) as Case['input'],
    expected: JSON.parse(
      readFileSync(join(folder, d.name, 'expected.json'), 'utf8'),
    ) as Case['expected'],
  }));

const system = systemActor('test');
const unit = 1e-4;
/** Each case at its own spot, 0.01° apart, so no case sees another's records. */
const origin = (i: number): [number, number] => [117.2 + 0.01 * i, 34.3];
const polygonOf = (i: number, [w, s, e, n]: [number, number, number, number]) => {
  const [lng, lat] = origin(i);
  const ring = [
    [lng + w * unit, lat + s * unit],
    [lng + e * unit, lat + s * unit],
    [lng + e * unit, lat + n * unit],
    [lng + w * unit, lat + n * unit],
    [lng + w * unit, lat + s * unit],
  ];
  return { type: 'Polygon', coordinates: [ring] };
};

describeEachMode('coverage fixtures', (db) => {
  let t: TestApp;
  const recordIds = new Map<string, string>();
  const polygonOfCase = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp(db());
    for (const [i, c] of cases.entries()) {
      for (const r of c.input.records) {
        const record = await t.services.register.create(
          system,
          {
            divisionCode: r.divisionCode ?? '320305',
            projectName: `${c.name}/${r.name}`,
            projectClass: 'transport',
            useType: r.useType ?? 'material_yard',
            approvalDate: r.approvalDate ?? '2026-01-05',
            termEnd: r.termEnd ?? '2028-01-04',
            geometry: polygonOf(i, r.box),
          },
          'fixture',
        );
        recordIds.set(record.id, r.name);
        await asSystem(
          db(),
          system,
          (tx) =>
            tx.query(
              `UPDATE temporary_land SET state = $2, extensions = $3::jsonb, reclamation_extension = $4::jsonb,
                 registered_on = CASE WHEN $2 = 'approved' THEN NULL ELSE approval_date END
               WHERE id = $1`,
              [
                record.id,
                r.state ?? 'registered',
                JSON.stringify(r.extensions ?? []),
                r.reclamationExtension ? JSON.stringify(r.reclamationExtension) : null,
              ],
            ),
          'fixture state',
        );
      }
    }
    const features = cases.map((c, i) => ({
      type: 'Feature',
      properties: { TBBH: c.name, ...c.input.polygon.properties },
      geometry: polygonOf(i, c.input.polygon.box),
    }));
    const file = {
      name: 'fixtures.geojson',
      bytes: new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features })),
    };
    const result = await t.services.enforcement.import(system, [file], {
      source: 'satellite_enforcement',
      month: '2026-05',
      batchId: 'coverage-fixtures',
      divisionCode: '320300',
      reason: 'fixtures',
    });
    const polygons = await db().query<{ id: string; code: string }>(
      'SELECT id, survey_code AS code FROM change_polygon WHERE batch_id = $1',
      [result.batch.id],
    );
    for (const p of polygons) polygonOfCase.set(p.code, p.id);
  }, 180_000);

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const polygon = await t.services.enforcementRead.polygon(system, polygonOfCase.get(c.name)!);
    const coverage = polygon.coverage!;
    const e = c.expected;
    expect(coverage.status).toBe(e.status);
    expect(coverage.primaryCause).toBe(e.primaryCause);
    const areas: Record<string, number> = {
      covered: coverage.coveredM2,
      ...Object.fromEntries(coverageCauses.map((k) => [k, coverage.causes[k].areaM2])),
    };
    for (const [k, area] of Object.entries(areas))
      expect(area / coverage.areaM2, k).toBeCloseTo(e.shares[k] ?? 0, 3);
    // A partition: every square metre counted once.
    const sum = Object.values(areas).reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - coverage.areaM2)).toBeLessThan(1e-6 * coverage.areaM2);
    const named = (ids: string[]) => ids.map((id) => recordIds.get(id)).sort();
    expect(named(coverage.coveredRecords)).toEqual(e.records.covered ?? []);
    for (const k of coverageCauses)
      expect(named(coverage.causes[k].records), k).toEqual(e.records[k] ?? []);
    expect(polygon.finding?.severity ?? null).toBe(e.finding);
    // The finding the cross-check wrote in SQL is the one the domain function specifies.
    const spec = unexplainedOccupationFinding(
      {
        polygonId: polygon.id,
        batchId: polygon.batchId,
        externalBatchId: polygon.externalBatchId,
        source: polygon.source,
        month: polygon.month,
        surveyCode: polygon.surveyCode,
        divisionCode: polygon.divisionCode,
      },
      coverage,
    );
    const stored = await db().query(
      `SELECT severity, message_zh AS "messageZh", message_en AS "messageEn", evidence
       FROM supervision_finding WHERE finding_key = $1`,
      [findingKeyOf(polygon.id, polygon.month)],
    );
    expect(stored).toEqual(
      spec
        ? [
            {
              severity: spec.severity,
              messageZh: spec.messageZh,
              messageEn: spec.messageEn,
              evidence: spec.evidence,
            },
          ]
        : [],
    );
    if (e.uncoveredM2) {
      const uncovered = coverage.areaM2 - coverage.coveredM2;
      expect(uncovered).toBeGreaterThan(e.uncoveredM2[0]);
      expect(uncovered).toBeLessThan(e.uncoveredM2[1]);
    }
  });
});
