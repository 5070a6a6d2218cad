// Test support: loads the fixture cases in fixtures/ (used by read.test.ts and
// write.test.ts). Not part of the reader; the reader itself touches no file system.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { ReadOptions } from './read.ts';

export const fixturesDir = join(import.meta.dirname, 'fixtures');

/** case.json: how to turn input.txt into the bytes under test, and reader options. */
export interface FixtureCase {
  /** Encode the text as GB18030 (GBK) instead of UTF-8. */
  encoding?: 'utf-8' | 'gb18030';
  /** Convert line ends to CRLF. */
  crlf?: boolean;
  options?: ReadOptions;
  /** Also compare messageEn (for messages that must say particular figures). */
  messages?: boolean;
}

export interface Fixture {
  name: string;
  fileName: string;
  bytes: Uint8Array;
  config: FixtureCase;
}

export function loadFixture(name: string): Fixture {
  const dir = join(fixturesDir, name);
  const caseFile = join(dir, 'case.json');
  const config = existsSync(caseFile)
    ? (JSON.parse(readFileSync(caseFile, 'utf8')) as FixtureCase)
    : {};
  if (existsSync(join(dir, 'input.bin'))) {
    return { name, fileName: 'input.bin', bytes: readFileSync(join(dir, 'input.bin')), config };
  }
  const raw = readFileSync(join(dir, 'input.txt'));
  if (!config.crlf && config.encoding !== 'gb18030') {
    return { name, fileName: 'input.txt', bytes: raw, config };
  }
  let text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(raw);
  if (config.crlf) text = text.replace(/\r?\n/g, '\r\n');
  const bytes =
    config.encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : new TextEncoder().encode(text);
  return { name, fileName: 'input.txt', bytes, config };
}

export const fixtureNames = readdirSync(fixturesDir).sort();
