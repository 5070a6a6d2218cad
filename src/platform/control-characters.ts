// Characters a text field may not hold, and how user text is echoed safely in a message.
// A name that carries an escape sequence or a bidi override can rewrite a log line, a
// terminal or a rendered label: such fields are refused on reading and on writing.

/** Echoes user text inside a message: control characters escaped, at most 40 characters. */
export function shown(text: string): string {
  let safe = '';
  for (const c of text) safe += isControlCharacter(c) ? `\\u${hex(c)}` : c;
  return safe.length > 40 ? `${safe.slice(0, 40)}…` : safe;
}

const hex = (c: string) => (c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');

/**
 * Characters no text field may hold: C0/C1 controls except tab, DEL, line/paragraph separators
 * and bidi overrides. They let a name rewrite a log line, a terminal or a rendered label.
 */
function isControlCharacter(c: string): boolean {
  const n = c.codePointAt(0) ?? 0;
  return (
    (n < 0x20 && n !== 0x09) ||
    (n >= 0x7f && n <= 0x9f) ||
    n === 0x2028 ||
    n === 0x2029 ||
    (n >= 0x202a && n <= 0x202e) ||
    (n >= 0x2066 && n <= 0x2069)
  );
}

// The same characters as isControlCharacter, for a quick look at text that holds none.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const anyControlCharacter = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** The first control character in `text` as "U+001B", or undefined. */
export function firstControlCharacter(text: string): string | undefined {
  if (!anyControlCharacter.test(text)) return undefined;
  for (const c of text) if (isControlCharacter(c)) return `U+${hex(c)}`;
  return undefined;
}
