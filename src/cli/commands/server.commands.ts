// `reclaim serve`, `migrate`, `demo` and `config`: running Reclaim and preparing its database.
import { describeConfig, loadConfig } from '../../platform/config/config.ts';
import { loadDemoNotices } from '../../demo/demo-notices.ts';
import { loadDemoReclamation } from '../../demo/demo-reclamation.ts';
import { loadDemoRecords } from '../../demo/demo-records.ts';
import { loadDemoRestoration } from '../../demo/demo-restoration.ts';
import { loadDemoSupervision } from '../../demo/demo-supervision.ts';
import { loadDemo } from '../../demo/load-demo.ts';
import { demoPassword, demoUsers } from '../../demo/demo-data.ts';
import { serve } from '../../server/serve.ts';
import type { Command } from 'commander';
import type { Services } from '../../server/services.ts';
import {
  configFrom,
  openPrepared,
  port,
  progress,
  withServices,
  type CommonOptions,
} from '../cli-support.ts';

/** Loads what of the demo data set is missing; the line to print, or null when nothing was. */
async function loadDemoData(services: Services): Promise<string | null> {
  const demo = await loadDemo(services.db, services.users, progress);
  const records = await loadDemoRecords(services.db, services.register, progress);
  const notices = await loadDemoNotices(services.db, services.calendar);
  const reclamation = await loadDemoReclamation(services.db, services);
  const restoration = await loadDemoRestoration(services.db, services);
  const supervision = await loadDemoSupervision(services.db, services);
  const loaded = demo.loaded || records > 0 || notices > 0 || reclamation > 0 || restoration > 0;
  return loaded || supervision.loaded
    ? `${demo.users} demo accounts, ${demo.landClassParcels} land-class and ${demo.farmlandParcels} farmland polygons, ${records} temporary-land records, ${notices} notices, ${reclamation} reclamation obligations, ${restoration} restoration projects, ${supervision.enforcementPolygons} enforcement and ${supervision.backfillPolygons} back-fill polygons, ${supervision.findings} findings`
    : null;
}

/** Run the server, migrate, load the demo, show the configuration. */
export function serverCommands(program: Command): void {
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
        const loaded = options.demo ? await loadDemoData(services) : null;
        if (loaded) process.stderr.write(`loaded demo data: ${loaded}\n`);
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
      await withServices(options, async (services) => {
        const loaded = await loadDemoData(services);
        process.stdout.write(loaded ? `loaded ${loaded}\n` : 'demo data is already loaded\n');
      });
    });

  program
    .command('config')
    .description('print the effective configuration (secrets masked)')
    .action(() => {
      process.stdout.write(`${JSON.stringify(describeConfig(loadConfig(process.env)), null, 2)}\n`);
    });
}
