// A finding: what a rule found, citing its RULES.md code, in Chinese and English, with the
// figures it rests on.

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** RULES.md code, e.g. TL-REG-01. */
  code: string;
  severity: Severity;
  messageZh: string;
  messageEn: string;
  /** The facts the verdict rests on (dates, areas, thresholds), for a supervisor to check. */
  evidence: Record<string, unknown>;
}

export const fmtM2 = (m2: number) => `${m2.toFixed(2)} m²`;
export const fmtMu = (m2: number) => `${(m2 / (10_000 / 15)).toFixed(3)} 亩`;
