// Liveness and readiness for load balancers and operators.
import { Type } from '@sinclair/typebox';
import { loadMigrations } from '../../platform/db/migrate.ts';
import type { RoutePlugin } from '../types.ts';

export const healthRoutes: RoutePlugin = async (app, { db }) => {
  const expectedMigrations = (await loadMigrations()).length;

  app.get(
    '/healthz',
    {
      config: { access: { roles: 'anyone' } },
      schema: {
        tags: ['health'],
        summary: 'The process is alive',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { access: { roles: 'anyone' } },
      schema: {
        tags: ['health'],
        summary: 'The database answers and is fully migrated',
        response: {
          200: Type.Object({
            status: Type.Literal('ready'),
            storage: Type.String(),
            migrations: Type.Integer(),
          }),
          503: Type.Object({ status: Type.Literal('not ready'), reason: Type.String() }),
        },
      },
    },
    async (_request, reply) => {
      try {
        const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM schema_migration');
        const applied = row?.n ?? 0;
        if (applied < expectedMigrations) {
          return reply.status(503).send({
            status: 'not ready' as const,
            reason: `migrations applied ${applied} of ${expectedMigrations}`,
          });
        }
        return { status: 'ready' as const, storage: db.mode, migrations: applied };
      } catch (error) {
        return reply
          .status(503)
          .send({ status: 'not ready' as const, reason: (error as Error).message });
      }
    },
  );
};
