// Fixture-driven: each folder in fixtures/ holds input.txt (UTF-8 text) or input.bin (raw
// bytes), an optional case.json and expected.json — either the parsed file, or
// {"errors": [...]} with every problem's code and location. A new format quirk is a new
// folder, not new test code. RECLAIM_UPDATE_FIXTURES=1 rewrites expected.json on purpose;
// review the diff before committing it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { AppError, type Problem } from '../../../platform/errors.ts';
import { txtCodes } from './messages.ts';
import { readCoordinateTxt } from './read.ts';
import { fixtureNames, fixturesDir, loadFixture, type Fixture } from './test-fixtures.ts';

function shape(problems: readonly Problem[], messages: boolean) {
  return problems.map((p) => ({
    code: p.code,
    location: p.location,
    ...(messages ? { messageEn: p.messageEn } : {}),
  }));
}

function run(fixture: Fixture): unknown {
  const messages = fixture.config.messages ?? false;
  try {
    const file = readCoordinateTxt(fixture.bytes, fixture.fileName, fixture.config.options);
    return { ...file, warnings: shape(file.warnings, messages) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const [summary, ...problems] = error.problems;
    expect(error.kind).toBe('invalid');
    expect(summary?.code).toBe('TXT_INVALID');
    for (const p of error.problems) {
      expect(p.messageZh).not.toBe('');
      expect(p.messageEn).not.toBe('');
    }
    return { errors: shape(problems, messages) };
  }
}

for (const name of fixtureNames) {
  it(`coordinate txt: ${name}`, () => {
    const actual = run(loadFixture(name));
    const expectedFile = join(fixturesDir, name, 'expected.json');
    if (process.env.RECLAIM_UPDATE_FIXTURES === '1') {
      writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    }
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  });
}

it('lists every problem, not just the first, in the error message summary', () => {
  const fixture = loadFixture('error-three-parcels-three-errors');
  const error = (() => {
    try {
      readCoordinateTxt(fixture.bytes, 'three.txt');
    } catch (e) {
      return e;
    }
  })();
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.status).toBe(400);
  expect(appError.code).toBe('TXT_INVALID');
  expect(appError.message).toBe('three.txt: 3 problem(s) found; nothing was imported');
  expect(appError.problems.slice(1).every((p) => p.location?.file === 'three.txt')).toBe(true);
});

it('documents every code in the README and shows every reader code in a fixture', () => {
  const readme = readFileSync(join(import.meta.dirname, 'README.md'), 'utf8');
  const fixtureText = fixtureNames
    .map((name) => readFileSync(join(fixturesDir, name, 'expected.json'), 'utf8'))
    .join('\n');
  for (const code of txtCodes) {
    expect(readme, code).toContain(`\`${code}\``);
    if (code === 'TXT_INVALID' || code.startsWith('TXT_WRITE_')) continue;
    expect(fixtureText, code).toContain(`"${code}"`);
  }
});
