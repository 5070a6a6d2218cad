// Errors a user can cause: a stable code, a Chinese and an English message, and where
// (file, feature, ring, vertex, field). The HTTP edge turns them into JSON, the CLI into text.

/** Where a problem is, as precisely as the input allows. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  feature?: number;
  /** Polygon of a MultiPolygon, 1-based (absent for a Polygon or separate rings). */
  part?: number;
  ring?: number;
  vertex?: number;
  field?: string;
}

export interface Problem {
  code: string;
  messageZh: string;
  messageEn: string;
  location?: ErrorLocation;
}

export type ErrorKind =
  | 'invalid' // 400: the input breaks a format or a rule
  | 'unauthenticated' // 401
  | 'forbidden' // 403: authenticated, but the role or scope does not allow it
  | 'not_found' // 404 (also for records outside the caller's scope: no existence leak)
  | 'conflict' // 409: stale version, duplicate
  | 'too_large' // 413
  | 'rate_limited' // 429
  | 'unavailable'; // 503

const httpStatus: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly messageZh: string;
  readonly problems: readonly Problem[];

  constructor(kind: ErrorKind, problem: Problem, more: readonly Problem[] = []) {
    super(problem.messageEn);
    this.name = 'AppError';
    this.kind = kind;
    this.code = problem.code;
    this.messageZh = problem.messageZh;
    this.problems = [problem, ...more];
  }

  get status(): number {
    return httpStatus[this.kind];
  }

  /** Several problems found in one pass (every problem is reported, not just the first). */
  static many(kind: ErrorKind, summary: Problem, problems: readonly Problem[]): AppError {
    return new AppError(kind, summary, problems);
  }
}

/** Formats a location for a one-line message: "file.txt, feature 2, ring 1, vertex 7". */
export function describeLocation(location: ErrorLocation | undefined): string {
  if (!location) return '';
  const parts: string[] = [];
  if (location.file) parts.push(location.file);
  if (location.line !== undefined) parts.push(`line ${location.line}`);
  if (location.feature !== undefined) parts.push(`feature ${location.feature}`);
  if (location.ring !== undefined) parts.push(`ring ${location.ring}`);
  if (location.vertex !== undefined) parts.push(`vertex ${location.vertex}`);
  if (location.field) parts.push(`field ${location.field}`);
  return parts.join(', ');
}
