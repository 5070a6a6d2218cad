// Fixture-driven: each folder in schedule-file.fixtures holds input.* and expected.json —
// either the parsed schedules, or {"errors": [...]} with every problem and its location.
// A new format quirk is a new folder, not new test code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { parseScheduleFile } from './schedule-file.ts';

const root = join(import.meta.dirname, 'schedule-file.fixtures');

for (const name of readdirSync(root)) {
  it(`schedule file: ${name}`, () => {
    const dir = join(root, name);
    const input = readdirSync(dir).find((f) => f.startsWith('input.'))!;
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as unknown;
    const text = readFileSync(join(dir, input), 'utf8');
    let actual: unknown;
    try {
      actual = parseScheduleFile(text, input);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      actual = {
        errors: error.problems.map((p) => ({
          code: p.code,
          location: p.location,
          messageEn: p.messageEn,
        })),
      };
    }
    expect(actual).toEqual(expected);
  });
}
