// `reclaim check`, `import` and `export`: the temporary-land register's files.
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { systemActor } from '../../identity/domain/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { exportFormats, type ExportFormat } from '../../register/export/export.service.ts';
import { checkJson, checkText, problemJson } from '../check-output.ts';
import {
  configFrom,
  openPrepared,
  printWarnings,
  progress,
  readInputFiles,
  report,
  withServices,
  type CommonOptions,
} from '../cli-support.ts';

/** Check, import and export register files. */
export function registerCommands(program: Command): void {
  program
    .command('check <file>')
    .description(
      'read a file (any format of docs/exchange-formats.md) and evaluate every rule without storing it; exit 0 when read, 2 when unreadable',
    )
    .option('--as-of <date>', 'evaluate as of this date (YYYY-MM-DD, Asia/Shanghai); default today')
    .option('--division <code>', 'division whose provincial rule pack applies', '000000')
    .option('--repair', 'make invalid geometries valid and report what changed')
    .option('--json', 'print the report as JSON')
    .option('-d, --data <dir>', 'embedded data directory')
    .action(
      async (
        file: string,
        options: CommonOptions & {
          asOf?: string;
          division: string;
          json?: boolean;
          repair?: boolean;
        },
      ) => {
        const services = await openPrepared(configFrom(options));
        try {
          const bytes = new Uint8Array(await readFile(file));
          const report = await services.imports.check(
            systemActor('cli:check'),
            bytes,
            basename(file),
            options.asOf,
            options.division,
            { repair: options.repair ?? false },
          );
          process.stdout.write(
            options.json ? `${JSON.stringify(checkJson(report), null, 2)}\n` : checkText(report),
          );
        } catch (error) {
          process.exitCode = 2;
          if (options.json && error instanceof AppError) {
            process.stdout.write(
              `${JSON.stringify({ features: [], errors: error.problems.map(problemJson) }, null, 2)}\n`,
            );
          } else if (options.json) {
            process.stdout.write(
              `${JSON.stringify({ features: [], errors: [{ code: 'FILE_UNREADABLE', message_zh: '文件无法读取', message_en: (error as Error).message }] }, null, 2)}\n`,
            );
          } else {
            report(error);
            process.exitCode = 2;
          }
        } finally {
          await services.db.close();
        }
      },
    );

  program
    .command('import <files...>')
    .description(
      'import files as temporary-land records, all or nothing (any format of docs/exchange-formats.md)',
    )
    .option('--division <code>', 'division for features whose file does not name one')
    .option('--dry-run', 'validate everything, store nothing')
    .option(
      '--repair',
      'make invalid geometries valid (ST_MakeValid) instead of refusing them; each change is reported',
    )
    .option('--reason <text>', 'why (kept in history)', 'imported with reclaim import')
    .option('-d, --data <dir>', 'embedded data directory')
    .action(
      async (
        files: string[],
        options: CommonOptions & {
          division?: string;
          dryRun?: boolean;
          repair?: boolean;
          reason: string;
        },
      ) => {
        const inputs = await readInputFiles(files);
        await withServices(options, async (services) => {
          const result = await services.imports.import(
            systemActor('cli:import'),
            inputs,
            {
              ...(options.division ? { divisionCode: options.division } : {}),
              dryRun: options.dryRun ?? false,
              repair: options.repair ?? false,
              reason: options.reason,
            },
            progress,
          );
          printWarnings(result.warnings);
          for (const r of result.records)
            process.stdout.write(
              `${r.file} #${r.feature}: ${result.dryRun ? 'valid' : `record ${r.id}`}, ${(r.areaM2 ?? 0).toFixed(2)} m², ${r.findings} findings\n`,
            );
          process.stdout.write(
            result.dryRun
              ? `dry run: ${result.records.length} records would be imported; nothing stored\n`
              : `imported ${result.records.length} records\n`,
          );
        });
      },
    );

  program
    .command('export')
    .description(
      'write the register (in scope) to a file: GeoJSON, zipped Shapefile, GeoPackage, KML, CSV with WKT or the ministry coordinate txt (docs/exchange-formats.md)',
    )
    .addOption(
      new Option('-f, --format <format>', 'file format')
        .choices(exportFormats)
        .makeOptionMandatory(),
    )
    .requiredOption('-o, --out <path>', 'file to write')
    .option('--division <code>', 'only records in this division')
    .option('--state <state>', 'only records in this state')
    .option('--include-written-off', 'include written-off records')
    .option('-d, --data <dir>', 'embedded data directory')
    .action(
      async (
        options: CommonOptions & {
          /** One of exportFormats: commander refuses any other choice. */
          format: ExportFormat;
          out: string;
          division?: string;
          state?: string;
          includeWrittenOff?: boolean;
        },
      ) => {
        await withServices(options, async (services) => {
          const file = await services.exports.export(systemActor('cli:export'), options.format, {
            ...(options.division ? { divisionCode: options.division } : {}),
            ...(options.state ? { state: options.state } : {}),
            includeWrittenOff: options.includeWrittenOff ?? false,
          });
          await writeFile(options.out, file.bytes);
          process.stdout.write(`wrote ${file.features} records to ${options.out}\n`);
        });
      },
    );
}
