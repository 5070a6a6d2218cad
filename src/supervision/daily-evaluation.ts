// The daily evaluation while the server runs: at RECLAIM_EVALUATION_TIME (Asia/Shanghai,
// which has no daylight saving) the whole register is evaluated as of that day. A run that
// fails is logged and the next day's runs as usual; runs never overlap.
import { systemActor } from '../identity/domain/actor.ts';
import { todayInShanghai } from '../platform/time/iso-date.ts';
import type { EvaluationService } from './evaluation.service.ts';

const shanghaiOffsetMs = 8 * 60 * 60 * 1000;
const dayMs = 24 * 60 * 60 * 1000;

/** Milliseconds from `now` to the next `HH:MM` in Asia/Shanghai (a full day when it is now). */
export function msUntilNext(now: Date, time: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const local = now.getTime() + shanghaiOffsetMs;
  const midnight = local - (((local % dayMs) + dayMs) % dayMs);
  let next = midnight + (hours * 60 + minutes) * 60 * 1000;
  if (next <= local) next += dayMs;
  return next - local;
}

export interface Logger {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

export function scheduleDailyEvaluation(
  evaluations: EvaluationService,
  time: string,
  log: Logger,
): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    timer = setTimeout(() => void run(), msUntilNext(new Date(), time));
    timer.unref();
  };
  const run = async () => {
    const asOf = todayInShanghai();
    try {
      const summary = await evaluations.evaluate(systemActor('daily evaluation'), {
        asOf,
        divisionCode: '000000',
      });
      log.info({ evaluation: summary }, 'daily evaluation done');
    } catch (error) {
      log.error({ err: error, asOf }, 'daily evaluation failed');
    } finally {
      arm();
    }
  };
  arm();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
