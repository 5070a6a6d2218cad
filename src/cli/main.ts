// The `reclaim` command line: serve, migrate, demo, accounts and reference data, the
// register's files, supervision's batch work, reports, the notice board and reclamation. Each group lives
// in commands/ (the notices in notices-command.ts).
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { configFrom, openPrepared, report } from './cli-support.ts';
import { addNoticeCommands } from './notices-command.ts';
import { reclamationCommands } from './commands/reclamation.commands.ts';
import { referenceCommands } from './commands/reference.commands.ts';
import { registerCommands } from './commands/register.commands.ts';
import { reportCommands } from './commands/report.commands.ts';
import { restorationCommands } from './commands/restoration.commands.ts';
import { serverCommands } from './commands/server.commands.ts';
import { supervisionCommands } from './commands/supervision.commands.ts';

const { version } = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { version: string };

const program = new Command('reclaim')
  .description('Reclaim — 临时用地与复垦监管平台 / temporary land and reclamation supervision')
  .version(version, '-V, --version', 'print the version')
  .showHelpAfterError();

for (const add of [
  serverCommands,
  referenceCommands,
  supervisionCommands,
  registerCommands,
  reportCommands,
  reclamationCommands,
  restorationCommands,
]) {
  add(program);
}
addNoticeCommands(program, (options) => openPrepared(configFrom(options)));

program.parseAsync(process.argv).catch(report);
