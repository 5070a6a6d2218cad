// The hostile-input corpus: every folder of cases/ is a malformed or hostile import file and the
// problem it must give. Each runs through the import service in both storage modes; a case
// passes when the import is refused with an AppError naming the expected code (and location),
// nothing else is thrown, and no record was written.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/identity/domain/actor.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import type { ErrorLocation } from '../../src/platform/errors.ts';
import { AppError } from '../../src/platform/errors.ts';
import { createServices, type Services } from '../../src/server/services.ts';
import { describeEachMode } from '../support/test-db.ts';

interface Expected {
  code: string;
  location?: Partial<ErrorLocation>;
  /** `null` imports without a division; absent uses the corpus default. */
  divisionCode?: string | null;
}

interface Case {
  name: string;
  dir: string;
  expected: Expected;
}

/** What a make.ts exports: the file name to import under and the bytes. */
interface Maker {
  fileName: string;
  make(): Uint8Array | Promise<Uint8Array>;
}

const casesDir = fileURLToPath(new URL('./cases', import.meta.url));
const cases: Case[] = readdirSync(casesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort()
  .map((name) => {
    const dir = join(casesDir, name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    return { name, dir, expected };
  });

async function fileOf(c: Case): Promise<{ name: string; bytes: Uint8Array }> {
  const maker = join(c.dir, 'make.ts');
  if (existsSync(maker)) {
    const m = (await import(pathToFileURL(maker).href)) as Maker;
    return { name: m.fileName, bytes: await m.make() };
  }
  const input = readdirSync(c.dir).find((f) => f.startsWith('input.'));
  if (!input) throw new Error(`${c.name}: neither make.ts nor input.*`);
  // `.raw` keeps Prettier off inputs it would rewrite (JSON); the file is imported without it.
  return {
    name: input.replace(/\.raw$/, ''),
    bytes: new Uint8Array(readFileSync(join(c.dir, input))),
  };
}

const describeError = (error: unknown) =>
  error instanceof AppError
    ? `AppError ${error.problems
        .slice(0, 5)
        .map((p) => `${p.code} ${JSON.stringify(p.location ?? {})}`)
        .join('; ')}${error.problems.length > 5 ? ` … (${error.problems.length} problems)` : ''}`
    : error instanceof Error
      ? `${error.name}: ${error.message}`
      : `non-error thrown: ${String(error)}`;

/** Cases per `it`: a few blocks, not one database per case. */
const batchSize = 50;
const batches: Case[][] = [];
for (let i = 0; i < cases.length; i += batchSize) batches.push(cases.slice(i, i + batchSize));

describeEachMode('hostile import files', (db) => {
  let services: Services;
  const system = systemActor('test');
  const stored = async () => {
    const [row] = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM temporary_land');
    return row!.n;
  };

  beforeAll(() => {
    services = createServices(db(), loadConfig({}));
  });

  it('has a corpus of at least 100 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  for (const batch of batches) {
    it(`refuses ${batch[0]!.name} … ${batch.at(-1)!.name} with the expected problem`, async () => {
      const failures: string[] = [];
      for (const c of batch) {
        const file = await fileOf(c);
        const before = await stored();
        const divisionCode =
          c.expected.divisionCode === undefined ? '320305' : c.expected.divisionCode;
        const outcome = await services.imports
          .import(system, [file], { ...(divisionCode ? { divisionCode } : {}), reason: 'corpus' })
          .then(
            (result) => ({ ok: true as const, result }),
            (error: unknown) => ({ ok: false as const, error }),
          );
        const after = await stored();
        if (after !== before) failures.push(`${c.name}: temporary_land ${before} → ${after}`);
        if (outcome.ok) {
          failures.push(`${c.name}: imported ${outcome.result.records.length} record(s)`);
          continue;
        }
        const { error } = outcome;
        if (!(error instanceof AppError)) {
          failures.push(`${c.name}: threw ${describeError(error)}`);
          continue;
        }
        const want = { file: file.name, ...c.expected.location };
        const found = error.problems.some(
          (p) =>
            p.code === c.expected.code &&
            Object.entries(want).every(([k, v]) => p.location?.[k as keyof ErrorLocation] === v),
        );
        if (!found)
          failures.push(
            `${c.name}: wanted ${c.expected.code} ${JSON.stringify(want)}, got ${describeError(error)}`,
          );
      }
      expect(failures, failures.join('\n')).toEqual([]);
    }, 600_000);
  }
});
