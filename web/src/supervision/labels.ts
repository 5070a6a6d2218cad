// Names and colours of the supervision screens: the server's own bilingual names (rules,
// causes, classes, statuses, verdicts) and the map's colours for coverage by cause.
import {
  causeNames,
  classNames,
  findingStatusNames,
  groundsNames,
  nameOf,
  orderStatusNames,
  ruleName,
  severityNames,
  type Lang,
} from '../../../src/supervision/reports/domain/report-labels.ts';
import {
  stateNames as verificationStateNames,
  verdictNames,
  verdicts,
} from '../../../src/supervision/enforcement/domain/verification.ts';
import { coverageCauses } from '../../../src/supervision/enforcement/domain/coverage.ts';
import {
  backfillClasses,
  classLetters,
} from '../../../src/supervision/backfill/domain/classify.ts';

export { backfillClasses, classLetters, coverageCauses, ruleName, verdicts, type Lang };

export const causeLabel = (cause: string, lang: Lang) => nameOf(causeNames, cause, lang);
export const classLabel = (c: string, lang: Lang) => nameOf(classNames, c, lang);
export const groundsLabel = (g: string, lang: Lang) => nameOf(groundsNames, g, lang);
export const orderStatusLabel = (s: string, lang: Lang) => nameOf(orderStatusNames, s, lang);
export const findingStatusLabel = (s: string, lang: Lang) => nameOf(findingStatusNames, s, lang);
export const severityLabel = (s: string, lang: Lang) => nameOf(severityNames, s, lang);
export const verdictLabel = (v: string, lang: Lang) => nameOf(verdictNames, v, lang);
export const verificationLabel = (s: string, lang: Lang) => nameOf(verificationStateNames, s, lang);

/** Map colours: covered green, each cause of an uncovered remainder its own colour. */
export const coverageColours: Record<string, string> = {
  covered: '#2e7d32',
  use_differs: '#8e24aa',
  not_registered: '#f9a825',
  expired: '#ef6c00',
  outside: '#c62828',
};

/** A polygon's colour: green when covered, else the colour of its main cause. */
export function coverageColour(status: string | null, primaryCause: string | null): string {
  if (status === 'covered' || !primaryCause) return coverageColours.covered ?? '#2e7d32';
  return coverageColours[primaryCause] ?? '#c62828';
}

/** Back-fill classes on the map: (a) reclaimed green, (b) in term blue, (c) overdue orange, (d) built red. */
export const classColours: Record<string, string> = {
  reclaimed_accepted: '#2e7d32',
  in_term: '#1e88e5',
  overdue: '#ef6c00',
  permanent_structure: '#c62828',
};

export const verificationColours: Record<string, string> = {
  pending: '#9e9e9e',
  assigned: '#1e88e5',
  verified: '#6a1b9a',
  closed: '#2e7d32',
};

/** Square metres as 亩 with two decimals. */
export const mu = (m2: number) => m2 / (10_000 / 15);
