// The check every per-county load (survey layers, back-fill batches) makes on the county its
// caller names: a county code, one that exists, inside the caller's division.
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
