// Acceptance criteria in the caller's scope: officials read the rows of their division and of
// those above it; the ministry, provinces and cities write their own division's rows (one at
// a time, or a whole (region, direction) set replaced at once); anyone with a division checks
// values against the set that applies there. Every write keeps history with a reason.
import type { Db, Queryable } from '../platform/db/db.ts';
import { AppError } from '../platform/errors.ts';
import { type Actor, scopeLikePattern, scopeOf } from '../identity/domain/actor.ts';
import { inScope } from '../identity/scoped-db.ts';
import { requireWithinScope } from '../identity/require-scope.ts';
import { levelOfCode } from '../reference/divisions/domain/division-code.ts';
import { findDivision } from '../reference/divisions/divisions.store.ts';
import { checkAcceptanceCriteria, type AcceptanceCheck } from './acceptance-check.ts';
import type { IndicatorValue } from './domain/criteria-check.ts';
import * as store from './criteria.store.ts';
import { divisionUnknown, invalid } from './restoration-errors.ts';

export type CriterionInput = Omit<
  store.CriterionFields,
  'indicatorZh' | 'thresholdHigh' | 'basis' | 'isDemo'
> & {
  indicatorZh?: string | null;
  thresholdHigh?: number | null;
  basis?: string | null;
  isDemo?: boolean;
};

/** Checks one row's shape beyond the schema: the bounds of 'between', finite numbers. */
function checkedRow(row: CriterionInput, index?: number): store.CriterionFields {
  const field = (name: string) => (index === undefined ? name : `rows[${index}].${name}`);
  const high = row.thresholdHigh ?? null;
  if (row.operator === 'between' && (high === null || high < row.threshold))
    throw invalid(
      'CRITERION_RANGE',
      `区间（between）需要上限 thresholdHigh，且不小于下限 ${row.threshold}`,
      `'between' needs thresholdHigh, at least the lower bound ${row.threshold}`,
      field('thresholdHigh'),
    );
  if (row.operator !== 'between' && high !== null)
    throw invalid(
      'CRITERION_RANGE',
      `只有区间（between）有上限 thresholdHigh；${row.operator} 只用 threshold`,
      `only 'between' has thresholdHigh; ${row.operator} uses threshold alone`,
      field('thresholdHigh'),
    );
  if (row.unit.normalize('NFKC').trim() === '')
    throw invalid('CRITERION_UNIT', '单位不能为空', 'the unit may not be blank', field('unit'));
  return {
    region: row.region,
    direction: row.direction,
    indicator: row.indicator,
    indicatorZh: row.indicatorZh ?? null,
    operator: row.operator,
    threshold: row.threshold,
    thresholdHigh: high,
    unit: row.unit.trim(),
    basis: row.basis ?? null,
    isDemo: row.isDemo ?? false,
  };
}

/** A bureau keeps criteria for its own division: the nation, a province or a city. */
async function checkedOwner(tx: Queryable, actor: Actor, divisionCode: string): Promise<void> {
  requireWithinScope(actor, divisionCode);
  if (levelOfCode(divisionCode) === 'county')
    throw invalid(
      'CRITERIA_DIVISION_LEVEL',
      '验收标准由部、省或市级自然资源主管部门维护；县级适用上级标准',
      'criteria are kept by the ministry, a province or a city; a county applies those above it',
      'divisionCode',
    );
  if (!(await findDivision(tx, divisionCode))) throw divisionUnknown(divisionCode);
}

export function createCriteriaService(db: Db) {
  const listIn = (
    tx: Queryable,
    actor: Actor,
    filter: Omit<store.CriterionFilter, 'scopeLike' | 'scope'>,
  ) =>
    store.listCriteria(tx, {
      ...filter,
      scopeLike: scopeLikePattern(actor),
      scope: scopeOf(actor),
    });

  return {
    list(actor: Actor, filter: Omit<store.CriterionFilter, 'scopeLike' | 'scope'>) {
      return inScope(db, actor, (tx) => listIn(tx, actor, filter));
    },

    /** Adds one row to a division's table; an active row with the same key is a conflict. */
    create(actor: Actor, divisionCode: string, input: CriterionInput, reason: string) {
      return inScope(
        db,
        actor,
        async (tx) => {
          await checkedOwner(tx, actor, divisionCode);
          const row = checkedRow(input);
          const same = (
            await listIn(tx, actor, { divisionCode, region: row.region, direction: row.direction })
          ).find((c) => c.indicator === row.indicator && c.operator === row.operator);
          if (same)
            throw new AppError('conflict', {
              code: 'CRITERION_EXISTS',
              messageZh: `${divisionCode} 已有 ${row.region}/${row.direction} 的 ${row.indicator} ${row.operator} 标准；请整套替换`,
              messageEn: `${divisionCode} already has ${row.indicator} ${row.operator} for ${row.region}/${row.direction}; replace the set instead`,
              location: { field: 'indicator' },
            });
          const id = await store.insertCriterion(tx, divisionCode, row);
          return (await listIn(tx, actor, { divisionCode })).find((c) => c.id === id)!;
        },
        reason,
      );
    },

    /**
     * Replaces a division's whole set for (region, direction): its active rows are superseded
     * (kept, with history) and the given rows become the set; no rows clears it.
     */
    replace(
      actor: Actor,
      input: {
        divisionCode: string;
        region: string;
        direction: string;
        rows: Omit<CriterionInput, 'region' | 'direction'>[];
      },
      reason: string,
    ) {
      return inScope(
        db,
        actor,
        async (tx) => {
          await checkedOwner(tx, actor, input.divisionCode);
          const rows = input.rows.map((r, i) =>
            checkedRow({ ...r, region: input.region, direction: input.direction }, i),
          );
          const keys = new Set<string>();
          rows.forEach((r, i) => {
            const key = `${r.indicator} ${r.operator}`;
            if (keys.has(key))
              throw invalid(
                'CRITERION_DUPLICATE',
                `第 ${i + 1} 行与前面的行重复：${key}`,
                `row ${i + 1} repeats an earlier row: ${key}`,
                `rows[${i}]`,
              );
            keys.add(key);
          });
          const superseded = await store.supersedeSet(
            tx,
            input.divisionCode,
            input.region,
            input.direction,
          );
          for (const row of rows) await store.insertCriterion(tx, input.divisionCode, row);
          const items = await listIn(tx, actor, {
            divisionCode: input.divisionCode,
            region: input.region,
            direction: input.direction,
          });
          return { superseded, items };
        },
        reason,
      );
    },

    /** Values checked against the set that applies in a division inside the caller's scope. */
    check(
      actor: Actor,
      input: { divisionCode: string; region: string; direction: string; values: IndicatorValue[] },
    ): Promise<AcceptanceCheck> {
      requireWithinScope(actor, input.divisionCode);
      return inScope(db, actor, (tx) => checkAcceptanceCriteria(tx, input));
    },
  };
}

export type CriteriaService = ReturnType<typeof createCriteriaService>;
