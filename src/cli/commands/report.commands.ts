// `reclaim report summary|ranking|bulletin`: supervision reports as of a date.
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { systemActor } from '../../identity/domain/actor.ts';
import { todayInShanghai } from '../../platform/time/iso-date.ts';
import {
  reportFile,
  reportFormats,
  type ReportFormat,
} from '../../supervision/reports/report-files.ts';
import { withServices, type CommonOptions } from '../cli-support.ts';

/** Summary, ranking and 通报 files. */
export function reportCommands(program: Command): void {
  const reportCommand = program
    .command('report')
    .description(
      'supervision reports of a division as of a date (rebuilt from the stored history)',
    );
  const reportKinds = {
    summary:
      'the summary: records, findings, county brake, enforcement, back-fill, orders, cases, write-offs',
    ranking: 'the ranking of the divisions inside it by live findings (TL-SUP-05)',
    bulletin: 'the 通报 as one printable HTML page (A4) with tables and a map',
  } as const;
  for (const [kind, description] of Object.entries(reportKinds) as [
    keyof typeof reportKinds,
    string,
  ][]) {
    const command = reportCommand
      .command(kind)
      .description(description)
      .option(
        '--as-of <date>',
        'as of the end of this day (YYYY-MM-DD, Asia/Shanghai); default today',
      )
      .option('--division <code>', 'the division reported on', '000000')
      .addOption(
        new Option('--lang <lang>', 'language of headers and names')
          .choices(['zh', 'en'])
          .default('zh'),
      )
      .requiredOption('-o, --out <path>', 'file to write')
      .option('-d, --data <dir>', 'embedded data directory');
    if (kind !== 'bulletin') {
      command.addOption(
        new Option('-f, --format <format>', 'file format').choices(reportFormats).default('csv'),
      );
    }
    if (kind === 'ranking') {
      command.addOption(
        new Option(
          '--level <level>',
          'rank divisions of this level (default: provinces for the nation, else counties)',
        ).choices(['province', 'city', 'county']),
      );
    }
    command.action(
      async (
        options: CommonOptions & {
          asOf?: string;
          division: string;
          /** One of zh, en: commander refuses any other choice (and so for format and level). */
          lang: 'zh' | 'en';
          out: string;
          format?: ReportFormat;
          level?: 'province' | 'city' | 'county';
        },
      ) => {
        await withServices(options, async (services) => {
          const actor = systemActor(`cli:report ${kind}`);
          const request = {
            asOf: options.asOf ?? todayInShanghai(),
            divisionCode: options.division,
          };
          const format = options.format ?? 'csv';
          const written =
            kind === 'bulletin'
              ? new TextEncoder().encode(
                  await services.reports.bulletin(actor, { ...request, lang: options.lang }),
                )
              : (
                  await reportFile(
                    kind === 'summary'
                      ? { kind, data: await services.reports.summary(actor, request) }
                      : {
                          kind,
                          data: await services.reports.ranking(actor, {
                            ...request,
                            ...(options.level ? { level: options.level } : {}),
                          }),
                        },
                    format,
                    options.lang,
                  )
                ).bytes;
          await writeFile(options.out, written);
          process.stdout.write(
            `wrote the ${kind} of ${options.division} as of ${request.asOf} to ${options.out}\n`,
          );
        });
      },
    );
  }
}
