// The `reclaim` command line: serve, migrate, user add, calendar import, imports, exports,
// evaluation, enforcement, back-fill, notices (notices-command.ts), demo.
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { checkJson, checkText, problemJson } from './check-output.ts';
import { systemActor } from '../identity/domain/actor.ts';
import { loadConfig, describeConfig, type Config } from '../platform/config/config.ts';
import { openDb } from '../platform/db/open-db.ts';
import { AppError, describeLocation, type Problem } from '../platform/errors.ts';
import { todayInShanghai } from '../platform/time/iso-date.ts';
import { loadDemoNotices } from '../demo/demo-notices.ts';
import { loadDemoRecords } from '../demo/demo-records.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { demoPassword, demoUsers } from '../demo/demo-data.ts';
import { createServices } from '../server/services.ts';
import { exportFormats, type ExportFormat } from '../register/export/export.service.ts';
import { serve } from '../server/serve.ts';
import { prepareDatabase } from '../startup/prepare-database.ts';
import {
  reportFile,
  reportFormats,
  type ReportFormat,
} from '../supervision/reports/report-files.ts';
import { enforcementSummary } from './enforcement-output.ts';
import { addNoticeCommands } from './notices-command.ts';
import { readEvidenceManifest } from './evidence-manifest.ts';
import { terminalProgress } from './progress-display.ts';
import { readPassword } from './read-password.ts';

const progress = terminalProgress();

/** Files named on the command line, read whole, named by their base name in reports. */
function readInputFiles(files: readonly string[]) {
  return Promise.all(
    files.map(async (f) => ({ name: basename(f), bytes: new Uint8Array(await readFile(f)) })),
  );
}

function port(value: string): string {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  }
  return String(n);
}

interface CommonOptions {
  data?: string;
}

function configFrom(options: CommonOptions & { port?: string }): Config {
  return loadConfig({
    ...process.env,
    ...(options.data ? { RECLAIM_DATA_DIR: options.data } : {}),
    ...(options.port !== undefined ? { RECLAIM_PORT: options.port } : {}),
  });
}

async function openPrepared(config: Config) {
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

const program = new Command('reclaim')
  .description('Reclaim — 临时用地与复垦监管平台 / temporary land and reclamation supervision')
  .showHelpAfterError();

program
  .command('serve')
  .description('run the server (the web app and the API)')
  .option('-p, --port <port>', 'HTTP port (overrides RECLAIM_PORT)', port)
  .option('-d, --data <dir>', 'embedded data directory (overrides RECLAIM_DATA_DIR)')
  .option('--demo', 'load the demo data set on first start')
  .action(async (options: CommonOptions & { port?: string; demo?: boolean }) => {
    const config = configFrom(options);
    const services = await openPrepared(config);
    let running: Awaited<ReturnType<typeof serve>>;
    try {
      if (options.demo) {
        const demo = await loadDemo(services.db, services.users, progress);
        const records = await loadDemoRecords(services.db, services.register, progress);
        const notices = await loadDemoNotices(services.db, services.calendar);
        if (demo.loaded || records > 0 || notices > 0) {
          process.stderr.write(
            `loaded demo data: ${demo.users} accounts, ${demo.landClassParcels} land-class and ${demo.farmlandParcels} farmland polygons, ${records} temporary-land records, ${notices} notices\n`,
          );
        }
      }
      running = await serve(services);
    } catch (error) {
      await services.db.close();
      throw error;
    }
    const lines = [
      '',
      `Reclaim is running at ${running.url}`,
      `  API documentation: ${running.url}/docs`,
      ...(options.demo
        ? [
            `  demo accounts: ${demoUsers.map((u) => u.username).join(', ')} (password ${demoPassword})`,
          ]
        : []),
      '  stop with Ctrl+C',
      '',
    ];
    process.stdout.write(lines.join('\n'));
  });

program
  .command('migrate')
  .description('apply database migrations and load reference data, then exit')
  .option('-d, --data <dir>', 'embedded data directory')
  .action(async (options: CommonOptions) => {
    const services = await openPrepared(configFrom(options));
    await services.db.close();
    process.stdout.write('database is up to date\n');
  });

program
  .command('demo')
  .description('load the demo data set (Xuzhou, Jiawang district) if it is not loaded yet')
  .option('-d, --data <dir>', 'embedded data directory')
  .action(async (options: CommonOptions) => {
    const services = await openPrepared(configFrom(options));
    try {
      const demo = await loadDemo(services.db, services.users, progress);
      const records = await loadDemoRecords(services.db, services.register, progress);
      const notices = await loadDemoNotices(services.db, services.calendar);
      process.stdout.write(
        demo.loaded || records > 0 || notices > 0
          ? `loaded ${demo.users} demo accounts, ${demo.landClassParcels} land-class and ${demo.farmlandParcels} farmland polygons, ${records} temporary-land records, ${notices} notices\n`
          : 'demo data is already loaded\n',
      );
    } finally {
      await services.db.close();
    }
  });

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
      const services = await openPrepared(configFrom(options));
      try {
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
      } finally {
        await services.db.close();
      }
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
    const services = await openPrepared(configFrom(options));
    try {
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
    } finally {
      await services.db.close();
    }
  });

program
  .command('evaluate')
  .description(
    'evaluate every rule and anomaly analysis as of a date and store the findings; re-running never duplicates (the server also runs it daily)',
  )
  .option('--as-of <date>', 'evaluate as of this date (YYYY-MM-DD, Asia/Shanghai); default today')
  .option('--division <code>', 'only this division (default: the whole country)', '000000')
  .option('-d, --data <dir>', 'embedded data directory')
  .action(async (options: CommonOptions & { asOf?: string; division: string }) => {
    const services = await openPrepared(configFrom(options));
    try {
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
    } finally {
      await services.db.close();
    }
  });

const layer = program
  .command('layer')
  .description('survey reference layers (land-class patches, permanent basic farmland)');
layer
  .command('import <files...>')
  .description(
    "load a county's survey layer from any import format, all or nothing; supersedes its current batch and recomputes the overlay of the county's live records",
  )
  .requiredOption('--layer <layer>', 'land-class (地类图斑, needs DLBM) or farmland (永久基本农田)')
  .requiredOption('--division <code>', 'the county the layer covers')
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
      const layers = { 'land-class': 'land_class', farmland: 'farmland' } as const;
      const chosen = layers[options.layer as keyof typeof layers] as
        (typeof layers)[keyof typeof layers] | undefined;
      if (!chosen) throw new InvalidArgumentError('--layer must be land-class or farmland');
      const services = await openPrepared(configFrom(options));
      try {
        const inputs = await readInputFiles(files);
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
        process.stdout.write(
          `${result.dryRun ? 'dry run: would load' : `loaded batch ${result.batchId}:`} ${result.features} patches, ${(result.areaM2 / 10_000).toFixed(2)} ha` +
            `${result.supersededBatches.length ? `; superseded ${result.supersededBatches.join(', ')}` : ''}` +
            `; overlay recomputed for ${result.reoverlay.checked} records, ${result.reoverlay.changed.length} changed\n`,
        );
      } finally {
        await services.db.close();
      }
    },
  );

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
      const services = await openPrepared(configFrom(options));
      try {
        const inputs = await readInputFiles(files);
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
      } finally {
        await services.db.close();
      }
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
    const services = await openPrepared(configFrom(options));
    try {
      const result = await services.enforcement.recompute(
        systemActor('cli:enforcement recompute'),
        batch,
        options.reason,
        progress,
      );
      process.stdout.write(`${enforcementSummary({ outcome: 'recomputed', ...result })}\n`);
    } finally {
      await services.db.close();
    }
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
      const services = await openPrepared(configFrom(options));
      try {
        const inputs = await readInputFiles(files);
        const r = await services.backfill.import(
          systemActor('cli:backfill import'),
          inputs,
          {
            divisionCode: options.division,
            asOf: options.asOf ?? todayInShanghai(),
            ...(options.surveyYear ? { surveyYear: options.surveyYear } : {}),
            source: options.source,
            ...(options.rectificationDays ? { rectificationDays: options.rectificationDays } : {}),
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
      } finally {
        await services.db.close();
      }
    },
  );

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
      const services = await openPrepared(configFrom(options));
      try {
        const inputs = await readInputFiles(files);
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
      } finally {
        await services.db.close();
      }
    },
  );

program
  .command('export')
  .description(
    'write the register (in scope) to a file: GeoJSON, zipped Shapefile, GeoPackage, KML, CSV with WKT or the ministry coordinate txt (docs/exchange-formats.md)',
  )
  .addOption(
    new Option('-f, --format <format>', 'file format').choices(exportFormats).makeOptionMandatory(),
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
      const services = await openPrepared(configFrom(options));
      try {
        const file = await services.exports.export(systemActor('cli:export'), options.format, {
          ...(options.division ? { divisionCode: options.division } : {}),
          ...(options.state ? { state: options.state } : {}),
          includeWrittenOff: options.includeWrittenOff ?? false,
        });
        await writeFile(options.out, file.bytes);
        process.stdout.write(`wrote ${file.features} records to ${options.out}\n`);
      } finally {
        await services.db.close();
      }
    },
  );

const reportCommand = program
  .command('report')
  .description('supervision reports of a division as of a date (rebuilt from the stored history)');
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
      const services = await openPrepared(configFrom(options));
      try {
        const actor = systemActor(`cli:report ${kind}`);
        const request = { asOf: options.asOf ?? todayInShanghai(), divisionCode: options.division };
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
      } finally {
        await services.db.close();
      }
    },
  );
}

addNoticeCommands(program, (options) => openPrepared(configFrom(options)));

program
  .command('config')
  .description('print the effective configuration (secrets masked)')
  .action(() => {
    process.stdout.write(`${JSON.stringify(describeConfig(loadConfig(process.env)), null, 2)}\n`);
  });

function printWarnings(warnings: readonly Problem[]): void {
  for (const w of warnings)
    process.stderr.write(`warning ${w.code} (${describeLocation(w.location)}): ${w.messageEn}\n`);
}

function report(error: unknown): void {
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

program.parseAsync(process.argv).catch(report);
