// Shows job progress: a bar on a terminal, plain lines otherwise (logs, CI, pipes).
import cliProgress from 'cli-progress';
import type { Progress, ProgressTask } from '../platform/progress.ts';

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  return {
    start(name: string, total: number): ProgressTask {
      if (total === 0) return { tick: () => undefined, done: () => undefined };
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
          done: () => bar.stop(),
        };
      }
      let done = 0;
      let lastPercent = -1;
      return {
        tick(label = '', units = 1) {
          done += units;
          const percent = Math.floor((done / total) * 100);
          // At most one line per percent, so a long job does not flood a log.
          if (percent !== lastPercent) {
            lastPercent = percent;
            stream.write(`${name}: ${done}/${total} (${percent}%) ${label}\n`);
          }
        },
        done: () => undefined,
      };
    },
  };
}
