// The checks a load makes on the division its caller names: a county code, one that exists,
// inside the caller's division (per-county loads: survey patches, back-fill batches), or any
// existing division inside it (a load that may span counties: division boundaries).
import type { Queryable } from '../platform/db/db.ts';
import { AppError } from '../platform/errors.ts';
import { isDivisionCode, levelOfCode } from '../reference/divisions/domain/division-code.ts';
import { findDivision } from '../reference/divisions/divisions.store.ts';
import type { Actor } from './domain/actor.ts';
import { requireWithinScope } from './require-scope.ts';

/**
 * Throws 400 `levelCode` (with `what` saying what is loaded per county) unless `code` is a
 * county, 400 DIVISION_UNKNOWN unless it exists, 403 OUT_OF_SCOPE unless the actor reaches it.
 */
export async function requireCountyInScope(
  q: Queryable,
  actor: Actor,
  code: string,
  levelCode: string,
  what: { zh: string; en: string },
): Promise<void> {
  const invalid = (problemCode: string, zh: string, en: string) =>
    new AppError('invalid', {
      code: problemCode,
      messageZh: zh,
      messageEn: en,
      location: { field: 'divisionCode' },
    });
  if (!isDivisionCode(code) || levelOfCode(code) !== 'county') {
    throw invalid(
      levelCode,
      `${what.zh}按县级行政区导入，${code} 不是县级代码`,
      `${what.en} are loaded per county; ${code} is not a county code`,
    );
  }
  if (!(await findDivision(q, code))) {
    throw invalid(
      'DIVISION_UNKNOWN',
      `行政区代码 ${code} 不存在`,
      `division ${code} does not exist`,
    );
  }
  requireWithinScope(actor, code);
}

/**
 * Throws 400 DIVISION_UNKNOWN unless `code` is an existing division (of any level), 403
 * OUT_OF_SCOPE unless the actor reaches it: the check of a load that may span counties.
 */
export async function requireDivisionInScope(
  q: Queryable,
  actor: Actor,
  code: string,
): Promise<void> {
  if (!isDivisionCode(code) || !(await findDivision(q, code))) {
    throw new AppError('invalid', {
      code: 'DIVISION_UNKNOWN',
      messageZh: `行政区代码 ${code} 不存在`,
      messageEn: `division ${code} does not exist`,
      location: { field: 'divisionCode' },
    });
  }
  requireWithinScope(actor, code);
}
