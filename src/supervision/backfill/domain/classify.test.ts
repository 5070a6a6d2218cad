// The classifier as data: each folder in cases/ holds a polygon's attributes (with evidence,
// a linked record or partial overlaps when the case needs them) and the decision expected.
// A new case is a new folder. RECLAIM_UPDATE_BACKFILL_CASES=1 writes expected.json from the
// classifier — review the diff before committing it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { nationalSettings } from '../../../register/domain/settings.ts';
import { classifyPolygon } from './classify.ts';
import { polygonFacts } from './polygon-facts.ts';
import type { EvidenceItem, LinkedRecordFacts, Signal } from './signals.ts';

interface CaseInput {
  note: string;
  asOf: string;
  surveyYear?: number;
  attributes: Record<string, unknown>;
  evidence?: EvidenceItem[];
  linked?: LinkedRecordFacts;
  partialOverlaps?: { recordId: string; systemNumber: string | null; share: number }[];
}

const describeSignal = (s: Signal) => {
  const src = s.source;
  const where =
    src.kind === 'evidence'
      ? src.evidenceId
      : src.kind === 'register'
        ? src.recordId
        : src.kind === 'text'
          ? `${src.field}~${src.keyword}`
          : src.field;
  return `${src.kind}:${where}:${s.shows}`;
};

const dir = join(import.meta.dirname, 'cases');
const cases = readdirSync(dir).sort();

it('has a case for every class', () => {
  const letters = new Set(
    cases.map(
      (c) =>
        (JSON.parse(readFileSync(join(dir, c, 'expected.json'), 'utf8')) as { letter: string })
          .letter,
    ),
  );
  expect([...letters].sort()).toEqual(['a', 'b', 'c', 'd']);
});

for (const name of cases) {
  it(name, () => {
    const input = JSON.parse(readFileSync(join(dir, name, 'input.json'), 'utf8')) as CaseInput;
    const { facts, problems } = polygonFacts(input.attributes, { file: 'case', feature: 1 });
    expect(problems).toEqual([]);
    const decision = classifyPolygon({
      facts,
      evidence: input.evidence ?? [],
      linked: input.linked ?? null,
      partialOverlaps: input.partialOverlaps ?? [],
      asOf: input.asOf,
      surveyYear: input.surveyYear ?? 2021,
      settings: nationalSettings,
    });
    const actual = {
      class: decision.class,
      letter: decision.letter,
      grounds: decision.grounds,
      recordState: decision.recordState,
      orderGrounds: decision.orderGrounds,
      dates: decision.dates,
      basis: decision.basis.map(describeSignal),
      contrary: decision.contrary.map(describeSignal),
      review: decision.review.map((r) => r.code),
    };
    const file = join(dir, name, 'expected.json');
    if (process.env.RECLAIM_UPDATE_BACKFILL_CASES)
      writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    expect(decision.messageZh.length).toBeGreaterThan(0);
    expect(decision.messageEn.length).toBeGreaterThan(0);
  });
}
