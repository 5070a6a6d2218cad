// `reclaim reclamation list`: reclamation obligations from the command line — each with its
// deadline (TL-RECL-01/03) as of today, money held against the plan's cost (TL-RECL-06) and
// status; --overdue for those past their deadline, --json for the full summaries.
import { type Command, Option } from 'commander';
import { systemActor } from '../../identity/domain/actor.ts';
import type { ObligationSummary } from '../../reclamation/obligation-view.ts';
import { withServices, type CommonOptions } from '../cli-support.ts';

const statuses = ['open', 'accepted', 'converted'] as const;

/** One line per obligation: status, division, deadline (overdue or days left), money, project. */
export function obligationLine(o: ObligationSummary): string {
  const deadline = o.deadline
    ? `${o.deadline.deadline}${o.deadline.overdue ? ` 逾期 ${-o.deadline.daysLeft} 天 overdue` : o.status === 'open' ? ` 余 ${o.deadline.daysLeft} 天 left` : ''}`
    : '—';
  const money = `${o.heldYuan.toFixed(2)}/${o.requiredYuan.toFixed(2)} 元`;
  const errors = o.findings.filter((f) => f.severity === 'error').map((f) => f.code);
  return [
    o.id,
    o.status,
    o.divisionCode,
    o.systemNumber ?? '—',
    deadline,
    money,
    errors.length ? `方案问题 ${errors.join(',')}` : '',
    o.projectName,
  ]
    .filter((part) => part !== '')
    .join('  ');
}

export function reclamationCommands(program: Command): void {
  const reclamation = program
    .command('reclamation')
    .description('reclamation obligations, deposits and acceptance (复垦, TL-RECL-01…06)');

  reclamation
    .command('list')
    .description(
      'reclamation obligations with their deadline as of today and money held against the plan',
    )
    .option('--division <code>', 'only this division and those inside it')
    .addOption(new Option('--status <status>', 'only obligations in this status').choices(statuses))
    .option('--overdue', 'only obligations past their reclamation deadline')
    .option('--json', 'print JSON')
    .option('-d, --data <dir>', 'embedded data directory')
    .action(
      (
        options: CommonOptions & {
          division?: string;
          status?: (typeof statuses)[number];
          overdue?: boolean;
          json?: boolean;
        },
      ) =>
        withServices(options, async (services) => {
          const page = await services.obligations.list(systemActor('cli:reclamation list'), {
            ...(options.division ? { divisionCode: options.division } : {}),
            ...(options.status ? { status: options.status } : {}),
            ...(options.overdue ? { overdue: true } : {}),
            limit: 100_000,
            offset: 0,
          });
          if (options.json) {
            process.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
            return;
          }
          for (const o of page.items) process.stdout.write(`${obligationLine(o)}\n`);
          process.stdout.write(`${page.total} obligations\n`);
        }),
    );
}
