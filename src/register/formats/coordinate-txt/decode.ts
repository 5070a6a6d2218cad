// Bytes to lines. The format names no encoding: Windows tools write GBK, newer ones UTF-8
// (sometimes with a BOM). Strict UTF-8 rejects GBK text, so it is tried first and GB18030
// (a superset of GBK and GB2312) is the fallback.
import type { ProblemList } from './problems.ts';

export interface DecodedText {
  encoding: 'utf-8' | 'gb18030';
  /** The file's lines, untrimmed, split on CRLF, LF or a lone CR; lines[0] is line 1. */
  lines: string[];
}

const lineBreak = /\r\n|\r|\n/;

/** Decodes the file, or reports why it cannot be read as text and returns undefined. */
export function decodeText(
  bytes: Uint8Array,
  maxBytes: number,
  problems: ProblemList,
): DecodedText | undefined {
  if (bytes.length === 0) {
    problems.add('TXT_EMPTY', {});
    return undefined;
  }
  if (bytes.length > maxBytes) {
    problems.add('TXT_TOO_LARGE', {}, { bytes: bytes.length, maxBytes });
    return undefined;
  }
  // No text encoding we accept produces NUL; it means UTF-16 or a binary file, and decoding
  // either as GB18030 would only yield pages of noise.
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    problems.add('TXT_BINARY', { line: lineOfByte(bytes, nul) });
    return undefined;
  }

  let decoded: DecodedText;
  try {
    // fatal: any invalid sequence throws instead of becoming U+FFFD; the BOM is dropped.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    decoded = { encoding: 'utf-8', lines: text.split(lineBreak) };
  } catch {
    const text = new TextDecoder('gb18030').decode(bytes).replace(/^\uFEFF/, '');
    decoded = { encoding: 'gb18030', lines: text.split(lineBreak) };
    // GB18030 maps almost every byte sequence; what it cannot map becomes U+FFFD.
    decoded.lines.forEach((line, i) => {
      if (line.includes('\uFFFD')) problems.add('TXT_UNDECODABLE', { line: i + 1 });
    });
  }
  if (decoded.lines.every((line) => line.trim() === '')) {
    problems.add('TXT_EMPTY', {});
    return undefined;
  }
  return decoded;
}

function lineOfByte(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
