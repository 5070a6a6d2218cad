// `reclaim user add`, `calendar import` and `layer import`: accounts and reference data.
import { InvalidArgumentError, type Command } from 'commander';
import { systemActor } from '../../identity/domain/actor.ts';
import { readPassword } from '../read-password.ts';
import { progress, readInputFiles, withServices, type CommonOptions } from '../cli-support.ts';

/** Accounts, the working-day calendar and the survey reference layers. */
export function referenceCommands(program: Command): void {
  const user = program.command('user').description('manage accounts');
  user
    .command('add')
    .description(
      'create an account (use this for the first administrator); the password is read from the terminal or stdin',
    )
    .requiredOption('-u, --username <name>', 'login name (lower case)')
    .requiredOption('-r, --role <role>', 'ministry | province | city | county | enterprise')
    .requiredOption('--division <code>', 'GB/T 2260 division code (000000 for the ministry)')
    .option('-n, --name <display name>', 'name shown in the app')
    .option('--organization <name>', 'bureau or enterprise')
    .option('--admin', 'may manage accounts in its division')
    .option('-d, --data <dir>', 'embedded data directory')
    .action(
      async (
        options: CommonOptions & {
          username: string;
          role: string;
          division: string;
          name?: string;
          organization?: string;
          admin?: boolean;
        },
      ) => {
        await withServices(options, async (services) => {
          const password = await readPassword(`password for ${options.username}: `);
          const created = await services.users.create(
            systemActor('cli:user add'),
            {
              username: options.username,
              displayName: options.name ?? options.username,
              role: options.role,
              divisionCode: options.division,
              organization: options.organization ?? null,
              isAdmin: options.admin ?? false,
              password,
            },
            'created with reclaim user add',
          );
          process.stdout.write(
            `created ${created.role} account ${created.username} (${created.divisionCode})${created.isAdmin ? ' with administrator rights' : ''}\n`,
          );
        });
      },
    );

  const calendar = program.command('calendar').description('the working-day calendar');
  calendar
    .command('import <file>')
    .description(
      "load an official holiday schedule (Reclaim JSON, chinese-days JSON, or CSV date,kind,name_zh,name_en); replaces that year's",
    )
    .option('-s, --source <text>', 'the document it comes from, e.g. 国办发明电〔2026〕N号')
    .option(
      '--reason <text>',
      'why (kept in history)',
      'official schedule imported with reclaim calendar import',
    )
    .option('-d, --data <dir>', 'embedded data directory')
    .action(async (file: string, options: CommonOptions & { source?: string; reason: string }) => {
      await withServices(options, async (services) => {
        const outcomes = await services.calendar.importFile(
          systemActor('cli:calendar import'),
          file,
          options.source,
          options.reason,
        );
        for (const o of outcomes) {
          process.stdout.write(
            `${o.year}: ${o.action} (${o.holidays} holidays, ${o.workdays} make-up working days)\n`,
          );
        }
      });
    });

  const layer = program
    .command('layer')
    .description(
      'survey reference layers (land-class patches, permanent basic farmland, division boundaries)',
    );
  layer
    .command('import <files...>')
    .description(
      "load a county's survey layer from any import format, all or nothing; supersedes its current batch and (patch layers) recomputes the overlay of the county's live records; division boundaries may come as one file of several counties (a batch per county)",
    )
    .requiredOption(
      '--layer <layer>',
      'land-class (地类图斑, needs DLBM), farmland (永久基本农田) or division (行政区 XZQ, needs XZQDM)',
    )
    .requiredOption(
      '--division <code>',
      'the county the layer covers (division boundaries: or the city or province whose counties the file holds)',
    )
    .requiredOption('--year <year>', 'survey year, e.g. 2025', (v) => {
      const year = Number(v);
      if (!Number.isInteger(year)) throw new InvalidArgumentError('a year such as 2025');
      return year;
    })
    .requiredOption('-s, --source <text>', 'where it comes from, e.g. 2025 年度国土变更调查')
    .option('--dry-run', 'validate everything, store nothing')
    .option('--reason <text>', 'why (kept in history)', 'loaded with reclaim layer import')
    .option('-d, --data <dir>', 'embedded data directory')
    .action(
      async (
        files: string[],
        options: CommonOptions & {
          layer: string;
          division: string;
          year: number;
          source: string;
          dryRun?: boolean;
          reason: string;
        },
      ) => {
        const layers = {
          'land-class': 'land_class',
          farmland: 'farmland',
          division: 'division',
        } as const;
        const chosen = layers[options.layer as keyof typeof layers] as
          (typeof layers)[keyof typeof layers] | undefined;
        if (!chosen)
          throw new InvalidArgumentError('--layer must be land-class, farmland or division');
        const inputs = await readInputFiles(files);
        await withServices(options, async (services) => {
          const result = await services.surveyLayers.import(
            systemActor('cli:layer import'),
            inputs,
            {
              layer: chosen,
              divisionCode: options.division,
              surveyYear: options.year,
              source: options.source,
              dryRun: options.dryRun ?? false,
              reason: options.reason,
            },
            progress,
          );
          for (const w of result.warnings)
            process.stderr.write(`warning ${w.code}: ${w.messageEn}\n`);
          const overlay =
            chosen === 'division'
              ? ''
              : `; overlay recomputed for ${result.reoverlay.checked} records, ${result.reoverlay.changed.length} changed`;
          const loaded =
            result.batches.length > 1
              ? `loaded ${result.batches.length} batches (${result.batches.map((b) => `${b.divisionCode} ${b.batchId}`).join(', ')}):`
              : `loaded batch ${result.batchId}:`;
          process.stdout.write(
            `${result.dryRun ? 'dry run: would load' : loaded} ${result.features} ${chosen === 'division' ? 'boundaries' : 'patches'}, ${(result.areaM2 / 10_000).toFixed(2)} ha` +
              `${result.supersededBatches.length ? `; superseded ${result.supersededBatches.join(', ')}` : ''}${overlay}\n`,
          );
        });
      },
    );
}
