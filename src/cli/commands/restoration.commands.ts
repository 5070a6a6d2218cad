// `reclaim restoration list`: restoration projects (生态修复) of a division with their progress
// against target, from the latest measurement.
import { Option, type Command } from 'commander';
import { systemActor } from '../../identity/domain/actor.ts';
import { projectStates, type ProjectState } from '../../restoration/domain/project-lifecycle.ts';
import type { ProjectView } from '../../restoration/project-view.ts';
import { withServices, type CommonOptions } from '../cli-support.ts';

const percent = (n: number | null) => (n === null ? '—' : `${n}%`);

/** One line per project: state, division, overall progress and trend, cover, latest date, name. */
export function projectLine(p: ProjectView): string {
  const { overall, vegetationCover, latestMeasuredOn } = p.progress;
  return [
    p.id,
    p.state,
    p.divisionCode,
    `${(p.areaM2 / 10_000).toFixed(2)} ha`,
    `进度 progress ${percent(overall.percent)} (${overall.trend})`,
    `植被 cover ${percent(vegetationCover.latestPct)}/${percent(vegetationCover.targetPct)}`,
    latestMeasuredOn ?? '—',
    p.name,
  ].join('  ');
}

export function restorationCommands(program: Command): void {
  const restoration = program
    .command('restoration')
    .description('ecological restoration projects (生态修复): progress against target');

  restoration
    .command('list')
    .description('restoration projects of a division with progress from their latest measurement')
    .option('--division <code>', 'only this division and those inside it')
    .addOption(new Option('--state <state>', 'only projects in this state').choices(projectStates))
    .option('--json', 'print JSON')
    .option('-d, --data <dir>', 'embedded data directory')
    .action(
      (
        options: CommonOptions & {
          division?: string;
          /** One of projectStates: commander refuses any other choice. */
          state?: ProjectState;
          json?: boolean;
        },
      ) =>
        withServices(options, async (services) => {
          const page = await services.restorationProjects.list(
            systemActor('cli:restoration list'),
            {
              ...(options.division ? { divisionCode: options.division } : {}),
              ...(options.state ? { state: options.state } : {}),
              limit: 500,
              offset: 0,
            },
          );
          if (options.json) {
            process.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
            return;
          }
          for (const p of page.items) process.stdout.write(`${projectLine(p)}\n`);
          process.stdout.write(`${page.total} restoration projects\n`);
        }),
    );
}
