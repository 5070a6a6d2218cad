// Starts the HTTP server and shuts it down gracefully: stop accepting, finish requests in
// flight, close the database, then exit. A second signal or 15 s forces the exit. The daily
// evaluation is scheduled while it runs.
import type { Services } from './services.ts';
import { buildApp } from './app.ts';
import { warmUpDatabase } from './warm-up.ts';
import { scheduleDailyEvaluation } from '../supervision/daily-evaluation.ts';

export interface Running {
  url: string;
  close(): Promise<void>;
}

export async function serve(services: Services): Promise<Running> {
  const app = await buildApp(services);
  await warmUpDatabase(services.db, Math.min(services.config.dbPoolMax, 6));
  const address = await app.listen({ host: services.config.host, port: services.config.port });
  const url = address.replace('127.0.0.1', 'localhost');
  const time = services.config.evaluationTime;
  const daily = time ? scheduleDailyEvaluation(services.evaluations, time, app.log) : undefined;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      daily?.stop();
      await app.close();
      await services.db.close();
    })();
    return closing;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 15_000);
      force.unref();
      process.once(signal, () => process.exit(1));
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  return { url, close };
}
