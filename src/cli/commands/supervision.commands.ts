// `reclaim evaluate`, `enforcement …` and `backfill import`: supervision's batch work.
import { InvalidArgumentError, type Command } from 'commander';
import { systemActor } from '../../identity/domain/actor.ts';
import { todayInShanghai } from '../../platform/time/iso-date.ts';
import { enforcementSummary } from '../enforcement-output.ts';
import { readEvidenceManifest } from '../evidence-manifest.ts';
import {
  printWarnings,
  progress,
  readInputFiles,
  withServices,
  type CommonOptions,
} from '../cli-support.ts';

/** The daily evaluation, enforcement batches and the stock back-fill. */
export function supervisionCommands(program: Command): void {
  program
    .command('evaluate')
    .description(
      'evaluate every rule and anomaly analysis as of a date and store the findings; re-running never duplicates (the server also runs it daily)',
    )
    .option('--as-of <date>', 'evaluate as of this date (YYYY-MM-DD, Asia/Shanghai); default today')
    .option('--division <code>', 'only this division (default: the whole country)', '000000')
    .option('-d, --data <dir>', 'embedded data directory')
    .action(async (options: CommonOptions & { asOf?: string; division: string }) => {
      await withServices(options, async (services) => {
        const s = await services.evaluations.evaluate(
          systemActor('cli:evaluate'),
          { asOf: options.asOf ?? todayInShanghai(), divisionCode: options.division },
          progress,
        );
        process.stdout.write(
          `evaluated ${s.records} records in ${s.divisionCode} as of ${s.asOf} (run ${s.runId}): ` +
            `${s.firing} findings hold; ${s.inserted} new, ${s.reopened} reopened, ${s.refreshed} changed, ${s.resolved} resolved\n` +
            `county brake (TL-SUP-06): ${s.brakesOn.length ? `on in ${s.brakesOn.join(', ')}` : 'on nowhere'} of ${s.counties} counties\n`,
        );
      });
    });

  const enforcement = program
    .command('enforcement')
    .description('the enforcement cross-check (卫片执法 and change-survey polygons, TL-ENF-01/02)');
  enforcement
    .command('import <files...>')
    .description(
      'import a batch of change polygons from any import format, all or nothing, and cross-check it against the register; the same batch again changes nothing',
    )
    .requiredOption(
      '--source <source>',
      'satellite-enforcement (卫片执法) or change-survey (变更调查)',
    )
    .requiredOption('--month <YYYY-MM>', 'the month the batch belongs to')
    .requiredOption('--batch <id>', "the deliverer's batch id (批次号)")
    .option('--division <code>', 'the division the batch covers (county or above)', '000000')
    .option('--replace', 'supersede the current batch of this id when the content differs')
    .option('--dry-run', 'validate and cross-check, store nothing')
    .option('--repair', 'make invalid geometries valid (ST_MakeValid), reporting each change')
    .option('--reason <text>', 'why (kept in history)', 'imported with reclaim enforcement import')
    .option('-d, --data <dir>', 'embedded data directory')
    .action(
      async (
        files: string[],
        options: CommonOptions & {
          source: string;
          month: string;
          batch: string;
          division: string;
          replace?: boolean;
          dryRun?: boolean;
          repair?: boolean;
          reason: string;
        },
      ) => {
        const source = options.source.replace(/-/g, '_');
        if (source !== 'satellite_enforcement' && source !== 'change_survey')
          throw new InvalidArgumentError('--source must be satellite-enforcement or change-survey');
        const inputs = await readInputFiles(files);
        await withServices(options, async (services) => {
          const result = await services.enforcement.import(
            systemActor('cli:enforcement import'),
            inputs,
            {
              source,
              month: options.month,
              batchId: options.batch,
              divisionCode: options.division,
              replace: options.replace ?? false,
              dryRun: options.dryRun ?? false,
              repair: options.repair ?? false,
              reason: options.reason,
            },
            progress,
          );
          printWarnings(result.warnings);
          process.stdout.write(`${enforcementSummary(result)}\n`);
        });
      },
    );
  enforcement
    .command('recompute <batch>')
    .description(
      "recompute a batch's coverage against the register as it is now and reconcile its findings",
    )
    .option(
      '--reason <text>',
      'why (kept in history)',
      'recomputed with reclaim enforcement recompute',
    )
    .option('-d, --data <dir>', 'embedded data directory')
    .action(async (batch: string, options: CommonOptions & { reason: string }) => {
      await withServices(options, async (services) => {
        const result = await services.enforcement.recompute(
          systemActor('cli:enforcement recompute'),
          batch,
          options.reason,
          progress,
        );
        process.stdout.write(`${enforcementSummary({ outcome: 'recomputed', ...result })}\n`);
      });
    });

  const backfill = program
    .command('backfill')
    .description('stock back-fill (存量补录, TL-STOCK-01) from the 2021 land-change survey');
  backfill
    .command('import <files...>')
    .description(
      "import a county's 2021 temporary-land polygons (any import format) as a back-fill batch, all or nothing: each polygon is classified a–d and back-filled, ordered to rectify or handed over as an illegal-land-use case; the same files again return the existing batch",
    )
    .requiredOption('--division <code>', 'the county the polygons lie in')
    .option('--as-of <date>', 'judge the polygons as of this date (YYYY-MM-DD); default today')
    .option('--survey-year <year>', 'the land-change survey year', (v) => {
      const year = Number(v);
      if (!Number.isInteger(year)) throw new InvalidArgumentError('a year such as 2021');
      return year;
    })
    .option(
      '-s, --source <text>',
      'where the polygons come from (kept with the batch)',
      '2021 年度国土变更调查临时用地图斑',
    )
    .option(
      '--rectification-days <days>',
      'days a rectification order gives (default: the province’s setting, 90)',
      (v) => {
        const days = Number(v);
        if (!Number.isInteger(days) || days < 1)
          throw new InvalidArgumentError('a whole number of days');
        return days;
      },
    )
    .option(
      '--evidence <manifest>',
      'a JSON list of photos, documents or flags per 图斑编号 (docs/backfill.md)',
    )
    .option('--dry-run', 'classify and check everything, store nothing')
    .option(
      '--reason <text>',
      'why (kept in history)',
      '存量临时用地信息补录 (reclaim backfill import)',
    )
    .option('-d, --data <dir>', 'embedded data directory')
    .action(
      async (
        files: string[],
        options: CommonOptions & {
          division: string;
          asOf?: string;
          surveyYear?: number;
          source: string;
          rectificationDays?: number;
          evidence?: string;
          dryRun?: boolean;
          reason: string;
        },
      ) => {
        const evidence = options.evidence ? await readEvidenceManifest(options.evidence) : [];
        const inputs = await readInputFiles(files);
        await withServices(options, async (services) => {
          const r = await services.backfill.import(
            systemActor('cli:backfill import'),
            inputs,
            {
              divisionCode: options.division,
              asOf: options.asOf ?? todayInShanghai(),
              ...(options.surveyYear ? { surveyYear: options.surveyYear } : {}),
              source: options.source,
              ...(options.rectificationDays
                ? { rectificationDays: options.rectificationDays }
                : {}),
              evidence,
              dryRun: options.dryRun ?? false,
              reason: options.reason,
            },
            progress,
          );
          for (const w of r.warnings) process.stderr.write(`warning ${w.code}: ${w.messageEn}\n`);
          const c = r.counts;
          const head = r.alreadyImported
            ? `already imported as batch ${r.batchId}: nothing changed`
            : r.dryRun
              ? 'dry run: nothing stored'
              : `back-fill batch ${r.batchId}`;
          process.stdout.write(
            `${head}\n` +
              `${c.polygons} polygons in ${r.divisionCode} as of ${r.asOf} (${r.surveyYear} survey): ` +
              `a reclaimed and accepted ${c.byClass.reclaimed_accepted}, b back-filled ${c.byClass.in_term}, ` +
              `c back-filled and ordered to rectify ${c.byClass.overdue}, d illegal land use ${c.byClass.permanent_structure}\n` +
              `records: ${c.recordsCreated} back-filled, ${c.recordsLinked} linked to registered ones; ` +
              `rectification orders ${c.openOrders} (deadline ${r.rectificationDays} days), illegal-land-use cases ${c.openCases}\n`,
          );
          const due = r.polygons.filter((p) => p.reviewDue);
          if (due.length > 0)
            process.stdout.write(
              `awaiting a supervisor's review (${due.length}): ${due.map((p) => p.surveyCode ?? `${p.file} #${p.feature}`).join(', ')}\n`,
            );
        });
      },
    );
}
