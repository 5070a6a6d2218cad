// Shows job progress: a bar on a terminal, plain lines otherwise (logs, CI, pipes).
import cliProgress from 'cli-progress';
import type { Progress, ProgressTask } from '../platform/progress.ts';

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  return {
    start(name: string, total: number): ProgressTask {
      if (total === 0)
        return { tick: () => undefined, grow: () => undefined, done: () => undefined };
      if (stream.isTTY) {
        const bar = new cliProgress.SingleBar(
          {
            format: `${name.padEnd(16)} [{bar}] {value}/{total} {label}`,
            stream,
            hideCursor: true,
            clearOnComplete: false,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { label: '' });
        return {
          tick: (label = '', units = 1) => bar.increment(units, { label }),
          grow: (units) => bar.setTotal(bar.getTotal() + units),
          done: () => bar.stop(),
        };
      }
      let done = 0;
      let all = total;
      let lastPercent = -1;
      return {
        tick(label = '', units = 1) {
          done += units;
          const percent = Math.floor((done / all) * 100);
          // At most one line per percent, so a long job does not flood a log.
          if (percent !== lastPercent) {
            lastPercent = percent;
            stream.write(`${name}: ${done}/${all} (${percent}%) ${label}\n`);
          }
        },
        grow(units) {
          all += units;
        },
        done: () => undefined,
      };
    },
  };
}
