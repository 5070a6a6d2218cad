// Numbers in the coordinate file: strict parsing, and the shortest exact plain decimal.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { formatDecimal, parseCount, parseDecimal } from './numbers.ts';

it.each([
  [3812345.678, '3812345.678'],
  [39512345, '39512345'],
  [0.045, '0.045'],
  [0.1 + 0.2, '0.30000000000000004'],
  [1e-7, '0.0000001'],
  [-1.25e-10, '-0.000000000125'],
  [1.5e21, '1500000000000000000000'],
  [1.2345e25, '12345000000000000000000000'],
  [-0, '-0'],
])('formats %s as %s', (value, text) => {
  expect(formatDecimal(value)).toBe(text);
  expect(parseDecimal(text)).toBe(value);
});

it.each([
  ['', 'nan'],
  ['0x10', 'nan'],
  ['Infinity', 'nan'],
  ['1,5', 'nan'],
  ['3789000.OOO', 'nan'],
  ['1e400', 'infinite'],
  ['.5', 0.5],
  ['+12.', 12],
  ['1E3', 1000],
])('parses %j as %s', (text, expected) => {
  expect(parseDecimal(text)).toBe(expected);
});

it.each([
  ['12', 12],
  ['012', 12],
  ['12.0', undefined],
  ['-1', undefined],
  ['99999999999999999999', undefined],
])('reads the count %j as %s', (text, expected) => {
  expect(parseCount(text)).toBe(expected);
});

it('writes every finite double without exponent and reads it back exactly', () => {
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
      const text = formatDecimal(value);
      expect(text).toMatch(/^-?\d+(\.\d+)?$/);
      expect(parseDecimal(text)).toBe(value);
    }),
    { numRuns: 2000 },
  );
});

it('refuses to format what is not finite', () => {
  expect(() => formatDecimal(Number.NaN)).toThrow(RangeError);
  expect(() => formatDecimal(Number.POSITIVE_INFINITY)).toThrow(RangeError);
});
