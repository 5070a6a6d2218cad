// Objection receipts (回执编号): what a member of the public keeps to look up the handling and
// answer of an objection without an account. "PN" + the Shanghai date received (yymmdd) for
// people to read, then 12 random Crockford base-32 characters (60 bits) in groups of four,
// e.g. PN261204-7K3M-QX9T-2B4H. Look-ups forgive case, spaces and the letters Crockford
// reads as digits (O → 0, I and L → 1). Pure: the caller supplies the random bytes.

/** Crockford's base 32: digits and letters without I, L, O and U. */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const receiptRandomBytes = 12;
const canonicalPattern =
  /^PN\d{6}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/**
 * A receipt for an objection received on `receivedOn` (YYYY-MM-DD, Asia/Shanghai).
 * @param random at least 12 random bytes; the low 5 bits of each of the first 12 are used
 */
export function makeReceipt(receivedOn: string, random: Uint8Array): string {
  if (random.length < receiptRandomBytes) throw new RangeError('a receipt needs 12 random bytes');
  const chars = Array.from(random.subarray(0, receiptRandomBytes), (b) => alphabet[b & 31]).join(
    '',
  );
  const date = receivedOn.slice(2).replaceAll('-', '');
  return `PN${date}-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** The receipt as issued, from what a person typed; undefined when it cannot be one. */
export function normaliseReceipt(typed: string): string | undefined {
  const plain = typed
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  // "PN" itself holds no ambiguous letter; the digit map above left it intact.
  if (plain.length !== 20 || !plain.startsWith('PN')) return undefined;
  const receipt = `${plain.slice(0, 8)}-${plain.slice(8, 12)}-${plain.slice(12, 16)}-${plain.slice(16)}`;
  return canonicalPattern.test(receipt) ? receipt : undefined;
}

/** What officials see of a receipt: its date part and its last group (PN261204-…-2B4H). */
export function receiptHint(receipt: string): string {
  return `${receipt.slice(0, 8)}-…-${receipt.slice(-4)}`;
}
