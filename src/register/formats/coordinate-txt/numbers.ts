// Numbers as the coordinate file writes them: plain decimals. Parsing is strict (Number()
// would accept "", "0x10" and "Infinity"); formatting is lossless and never uses exponents,
// which other readers of the format do not understand.

const decimal = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** 'nan' when the text is not a decimal number, 'infinite' when it overflows a double. */
export function parseDecimal(text: string): number | 'nan' | 'infinite' {
  if (!decimal.test(text)) return 'nan';
  const value = Number(text);
  return Number.isFinite(value) ? value : 'infinite';
}

/** Whether `text` is a whole number written with digits only ("12", not "12.0" or "+12"). */
export function parseCount(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/**
 * The shortest decimal that reads back to exactly `value`, without exponent notation
 * (1e-7 → "0.0000001", 1.5e21 → "1500000000000000000000"). -0 stays "-0" so that it
 * round-trips too. Throws on NaN and ±Infinity: callers check finiteness first.
 */
export function formatDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  if (Object.is(value, -0)) return '-0';
  // String() already gives the shortest round-tripping digits; only the exponent form
  // (below 1e-6 and from 1e21) needs spelling out.
  const text = String(value);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const sign = text.startsWith('-') ? '-' : '';
  const mantissa = text.slice(sign.length, e);
  const exponent = Number(text.slice(e + 1));
  const point = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const pointAt = (point < 0 ? mantissa.length : point) + exponent;
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${sign}${digits}${'0'.repeat(pointAt - digits.length)}`;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}
