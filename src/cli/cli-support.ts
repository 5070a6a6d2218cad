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

/**
 * Files named on the command line, read whole, named by their base name in reports; a file
 * that cannot be read is a FILE_UNREADABLE error naming it and why (read before the database
 * is opened, so a mistyped name fails at once).
 */
export function readInputFiles(files: readonly string[]) {
  return Promise.all(
    files.map(async (f) => {
      try {
        return { name: basename(f), bytes: new Uint8Array(await readFile(f)) };
      } catch (error) {
        const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        const reason =
          why === 'ENOENT'
            ? ['no such file', '文件不存在']
            : why === 'EISDIR'
              ? ['it is a folder', '这是文件夹']
              : why === 'EACCES'
                ? ['permission denied', '没有读取权限']
                : [why, why];
        throw new AppError('invalid', {
          code: 'FILE_UNREADABLE',
          messageEn: `cannot read ${f}: ${reason[0]}`,
          messageZh: `无法读取文件 ${f}：${reason[1]}`,
          location: { file: basename(f) },
        });
      }
    }),
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
