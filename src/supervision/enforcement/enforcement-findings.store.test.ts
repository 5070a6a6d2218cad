// The cross-check writes TL-ENF-01 messages in SQL; their figures must read as the domain's
// decimal() writes them (domain/coverage.ts). Both round half away from zero from the shortest
// decimal form of the number, checked here on decimal ties and on many generated areas, in both
// storage modes.
import { expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { squareMetresPerMu } from '../../register/domain/record.ts';
import { decimal } from './domain/coverage.ts';
import { decimalSql } from './enforcement-findings.store.ts';

/** Numbers whose shortest form ends in a 5 just past the kept digits, and their neighbours. */
const ties = [1.005, 2.675, 0.0625, 1.0005, 12.25, 12.35, 0.125, 99.95, 4.0355, 1e-7, 0, 1];

/** Areas in m² as the generator makes them (0.1–50 ha, skewed small), from a fixed seed. */
function areas(n: number): number[] {
  let seed = 7;
  const next = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  return Array.from({ length: n }, () => 1000 * Math.exp(next() * Math.log(500)) * next());
}

describeEachMode('TL-ENF-01 figures in SQL', (db) => {
  it('round as decimal() does, in 亩 (3 decimals) and percent (1 decimal)', async () => {
    const values = [...ties, ...areas(2000)];
    const rows = await db().transaction(async (tx) => {
      await tx.query(`SELECT set_config('extra_float_digits', '1', true)`);
      return tx.query<{ mu: string; percent: string; three: string; one: string }>(
        `SELECT ${decimalSql('x / $2::float8', 3)} AS mu, ${decimalSql('x / 100', 1)} AS percent,
                ${decimalSql('x', 3)} AS three, ${decimalSql('x', 1)} AS one
         FROM unnest($1::float8[]) WITH ORDINALITY AS v(x, i) ORDER BY i`,
        [values, squareMetresPerMu],
      );
    });
    expect(rows.map((r) => [r.mu, r.percent, r.three, r.one])).toEqual(
      values.map((x) => [
        decimal(x / squareMetresPerMu, 3),
        decimal(x / 100, 1),
        decimal(x, 3),
        decimal(x, 1),
      ]),
    );
  });
});
