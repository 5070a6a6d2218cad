// What every `reclaim` command shares: the configuration from options and environment, the
// prepared database and services, input files, progress on the terminal and error reports.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { loadConfig, type Config } from '../platform/config/config.ts';
import { openDb } from '../platform/db/open-db.ts';
import { AppError, describeLocation, type Problem } from '../platform/errors.ts';
import { createServices, type Services } from '../server/services.ts';
import { prepareDatabase } from '../startup/prepare-database.ts';
import { terminalProgress } from './progress-display.ts';

export const progress = terminalProgress();

/** Files named on the command line, read whole, named by their base name in reports. */
export function readInputFiles(files: readonly string[]) {
  return Promise.all(
    files.map(async (f) => ({ name: basename(f), bytes: new Uint8Array(await readFile(f)) })),
  );
}

export function port(value: string): string {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  }
  return String(n);
}

export interface CommonOptions {
  data?: string;
}

export function configFrom(options: CommonOptions & { port?: string }): Config {
  return loadConfig({
    ...process.env,
    ...(options.data ? { RECLAIM_DATA_DIR: options.data } : {}),
    ...(options.port !== undefined ? { RECLAIM_PORT: options.port } : {}),
  });
}

export async function openPrepared(config: Config) {
  const db = await openDb(config);
  try {
    process.stderr.write(`database: ${db.description}\n`);
    if (db.mode === 'embedded') {
      process.stderr.write('preparing the embedded database (the first start takes about 20 s)…\n');
    }
    const outcome = await prepareDatabase(db, progress);
    if (outcome.migrations.length) {
      process.stderr.write(`applied migrations: ${outcome.migrations.join(', ')}\n`);
    }
    if (outcome.referenceData.length) {
      process.stderr.write(`loaded reference data: ${outcome.referenceData.join(', ')}\n`);
    }
    return createServices(db, config);
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** Opens the prepared services for one command and closes the database however it ends. */
export async function withServices<T>(
  options: CommonOptions,
  use: (services: Services) => Promise<T>,
): Promise<T> {
  const services = await openPrepared(configFrom(options));
  try {
    return await use(services);
  } finally {
    await services.db.close();
  }
}

export function printWarnings(warnings: readonly Problem[]): void {
  for (const w of warnings)
    process.stderr.write(`warning ${w.code} (${describeLocation(w.location)}): ${w.messageEn}\n`);
}

export function report(error: unknown): void {
  if (error instanceof AppError) {
    for (const p of error.problems) {
      const where = describeLocation(p.location);
      process.stderr.write(
        `error ${p.code}${where ? ` (${where})` : ''}: ${p.messageEn}\n  ${p.messageZh}\n`,
      );
    }
  } else {
    process.stderr.write(`error: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exitCode = 1;
}
