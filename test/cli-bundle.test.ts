// The `reclaim` command runs its sources as one esbuild bundle (bin/cli-bundle.js): built on
// first use, rebuilt whenever a source it was built from changes or goes away, each source
// keeping its own location (`import.meta.url`). Shown on a checkout of three small sources.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliBundle } from '../bin/cli-bundle.js';

let root: string;
const source = (path: string) => join(root, 'src', path);
const run = (url: string) =>
  execFileSync(process.execPath, [fileURLToPath(url)], { encoding: 'utf8' });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'reclaim-bundle-'));
  await mkdir(source('cli'), { recursive: true });
  await writeFile(
    source('cli/main.ts'),
    `import { greeting } from '../greeting.ts';\nconst here: string = import.meta.url;\nconsole.log(greeting(), here);\n`,
  );
  await writeFile(source('greeting.ts'), `export const greeting = (): string => 'hello';\n`);
});
afterAll(() => rm(root, { recursive: true, force: true }));

it('builds the bundle once, each source keeping its own import.meta.url', async () => {
  const url = (await cliBundle(root))!;
  expect(url).toMatch(/node_modules\/\.cache\/reclaim\/cli\.mjs$/);
  expect(run(url).trim()).toBe(`hello file://${source('cli/main.ts')}`);
  const built = (await stat(fileURLToPath(url))).mtimeMs;
  expect(await cliBundle(root)).toBe(url);
  expect((await stat(fileURLToPath(url))).mtimeMs).toBe(built); // not built again
});

it('builds it again when a source changes, even keeping its size', async () => {
  await writeFile(source('greeting.ts'), `export const greeting = (): string => 'howdy';\n`);
  const later = new Date(Date.now() + 5_000);
  await utimes(source('greeting.ts'), later, later);
  expect(run((await cliBundle(root))!)).toMatch(/^howdy /);
});

it('builds it again when a source goes away, and gives null when it cannot be built', async () => {
  await rm(source('greeting.ts'));
  expect(await cliBundle(root)).toBeNull();
  await writeFile(source('greeting.ts'), `export const greeting = (): string => 'back';\n`);
  expect(run((await cliBundle(root))!)).toMatch(/^back /);
});
