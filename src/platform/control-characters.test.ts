// The quick look for control characters (a regular expression) and the character-by-character
// rule must agree on every code point, or a name could slip a bidi override past the readers.
import { describe, expect, it } from 'vitest';
import { firstControlCharacter, shown } from './control-characters.ts';

describe('control characters', () => {
  it('finds exactly the characters shown escaped, on every code point', () => {
    const disagreements: string[] = [];
    for (let n = 0; n <= 0x10ffff; n++) {
      if (n >= 0xd800 && n <= 0xdfff) continue; // lone surrogates are not characters
      const c = String.fromCodePoint(n);
      const found = firstControlCharacter(`name${c}`) !== undefined;
      const escaped = shown(c) !== c;
      if (found !== escaped) disagreements.push(n.toString(16));
    }
    expect(disagreements).toEqual([]);
  });

  it('names the first one, after ordinary text', () => {
    expect(firstControlCharacter('采煤塌陷区\u202e工程\u001b')).toBe('U+202E');
    expect(firstControlCharacter('J1\t')).toBeUndefined();
    expect(firstControlCharacter('')).toBeUndefined();
  });
});
