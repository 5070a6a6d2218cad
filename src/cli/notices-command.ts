// `reclaim notices …`: the notice board from the command line (PN-01/PN-02) — the notices of
// a division with their windows as of today, the kinds as a province has them, and the
// objections waiting for an answer. Kept out of main.ts, which opens the database for it.
import { type Command, Option } from 'commander';
import { systemActor } from '../identity/domain/actor.ts';
import { noticeStates, type NoticeState } from '../notices/domain/notice-lifecycle.ts';
import type { NoticeView } from '../notices/notice-view.ts';
import type { Services } from '../server/services.ts';

interface CommonOptions {
  data?: string;
}

/** Opens the prepared database for a command, as main.ts does for every command. */
export type OpenServices = (options: CommonOptions) => Promise<Services>;

const unitZh = { working_days: '个工作日', calendar_days: '日' } as const;

/** One line per notice: state, window (end and days left in its unit), objections, title. */
export function noticeLine(n: NoticeView): string {
  const window = n.window
    ? `${n.window.publishedOn}→${n.window.endsOn} (${n.window.length}${unitZh[n.window.unit]}${
        n.window.open
          ? `, ${n.window.lastDay ? '今日截止 last day' : `余 ${n.window.daysRemaining}${unitZh[n.window.unit]} left`}`
          : ''
      }${n.window.provisional ? ', provisional' : ''})`
    : '—';
  const objections = n.objections
    ? `异议 ${n.objections.total} (待答复 ${n.objections.awaitingAnswer}, 逾期 ${n.objections.overdue})`
    : '';
  return [n.id, n.state, n.kind.code, n.divisionCode, window, objections, n.title.zh].join('  ');
}

async function withServices(
  open: OpenServices,
  options: CommonOptions,
  run: (services: Services) => Promise<void>,
): Promise<void> {
  const services = await open(options);
  try {
    await run(services);
  } finally {
    await services.db.close();
  }
}

/**
 * The list's filter from the command's options: without `--open`, every notice (open=false
 * would list only those not taking objections).
 */
export function listFilter(options: {
  division?: string;
  state?: NoticeState;
  kind?: string;
  open?: boolean;
}) {
  return {
    ...(options.division ? { divisionCode: options.division } : {}),
    ...(options.state ? { state: options.state } : {}),
    ...(options.kind ? { kindCode: options.kind } : {}),
    ...(options.open ? { open: true } : {}),
  };
}

export function addNoticeCommands(program: Command, open: OpenServices): void {
  const notices = program
    .command('notices')
    .description('the notice board (公示, PN-01/PN-02): notices, kinds, objections');

  notices
    .command('list')
    .description('notices of a division, newest first, with their windows counted as of today')
    .option('--division <code>', 'only this division and those inside it')
    .addOption(new Option('--state <state>', 'only notices in this state').choices(noticeStates))
    .option('--kind <code>', 'only this kind')
    .option('--open', 'only notices taking objections today')
    .option('--json', 'print JSON')
    .option('-d, --data <dir>', 'embedded data directory')
    .action(
      (
        options: CommonOptions & {
          division?: string;
          /** One of noticeStates: commander refuses any other choice. */
          state?: NoticeState;
          kind?: string;
          open?: boolean;
          json?: boolean;
        },
      ) =>
        withServices(open, options, async (services) => {
          const page = await services.notices.list(systemActor('cli:notices list'), {
            ...listFilter(options),
            limit: 500,
            offset: 0,
          });
          if (options.json) {
            process.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
            return;
          }
          for (const n of page.items) process.stdout.write(`${noticeLine(n)}\n`);
          process.stdout.write(`${page.total} notices\n`);
        }),
    );

  notices
    .command('kinds')
    .description('notice kinds as a province has them: window, answer period, basis (PN-02)')
    .option(
      '--division <code>',
      'a division in the province (default: national defaults)',
      '000000',
    )
    .option('-d, --data <dir>', 'embedded data directory')
    .action((options: CommonOptions & { division: string }) =>
      withServices(open, options, async (services) => {
        const kinds = await services.noticeKinds.list(
          systemActor('cli:notices kinds'),
          options.division,
        );
        for (const k of kinds)
          process.stdout.write(
            `${k.code}  ${k.name.zh} / ${k.name.en}  window ${k.window.length} ${k.window.unit}, answer ${k.answer.length} ${k.answer.unit}  [${k.setBy}; ${k.ruleCodes.join(', ')}; ${k.source}]\n`,
          );
      }),
    );

  notices
    .command('objections')
    .description('objections on every notice, earliest answer deadline first')
    .option('--overdue', 'only those past their answer deadline without an answer')
    .option('-d, --data <dir>', 'embedded data directory')
    .action((options: CommonOptions & { overdue?: boolean }) =>
      withServices(open, options, async (services) => {
        const page = await services.objections.list(systemActor('cli:notices objections'), {
          overdue: options.overdue ?? false,
          limit: 500,
          offset: 0,
        });
        for (const o of page.items)
          process.stdout.write(
            `${o.id}  ${o.receiptHint}  ${o.status}  due ${o.answerDeadline.dueOn}${o.answerDeadline.overdue ? ` OVERDUE ${o.answerDeadline.daysOverdue}` : ''}  ${o.noticeTitleZh}\n`,
          );
        process.stdout.write(`${page.total} objections\n`);
      }),
    );
}
