// Builds the Fastify application. Load order is the architecture: external plugins, then
// error handling and access control, then each capability's routes.
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { authRoutes } from '../identity/auth.routes.ts';
import { ApiTokenSchema, UserSchema } from '../identity/identity.schemas.ts';
import { userRoutes } from '../identity/users.routes.ts';
import { historyRoutes } from '../history/history.routes.ts';
import { referenceRoutes } from '../reference/reference.routes.ts';
import { registerRoutes } from '../register/register.routes.ts';
import { importRoutes } from '../register/import/import.routes.ts';
import { exportRoutes } from '../register/export/export.routes.ts';
import { attachmentRoutes } from '../register/attachments.routes.ts';
import { surveyLayerRoutes } from '../register/survey-layers/survey-layer.routes.ts';
import { supervisionRoutes } from '../supervision/supervision.routes.ts';
import { backfillRoutes } from '../supervision/backfill/backfill.routes.ts';
import { rectificationRoutes } from '../supervision/rectification/rectification.routes.ts';
import { illegalCaseRoutes } from '../supervision/illegal-cases/illegal-cases.routes.ts';
import { writeOffRoutes } from '../supervision/write-offs/write-offs.routes.ts';
import { reportRoutes } from '../supervision/reports/reports.routes.ts';
import { enforcementRoutes } from '../supervision/enforcement/enforcement.routes.ts';
import { polygonTileRoutes } from '../supervision/enforcement/polygon-tiles.routes.ts';
import { backfillTileRoutes } from '../supervision/backfill/polygon-tiles.routes.ts';
import { tileRoutes } from '../register/tiles/tiles.routes.ts';
import { ogcRoutes } from '../register/ogc/ogc.routes.ts';
import { nearbyRoutes } from '../register/nearby/nearby.routes.ts';
import { noticeRoutes } from '../notices/notices.routes.ts';
import { reclamationRoutes } from '../reclamation/reclamation.routes.ts';
import { restorationRoutes } from '../restoration/restoration.routes.ts';
import { criteriaRoutes } from '../restoration/criteria.routes.ts';
import { referenceTileRoutes } from '../reference/tiles/reference-tiles.routes.ts';
import { registerAccess } from './plugins/access.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { homeRoutes } from './routes/home.routes.ts';
import { ErrorBody, Problem } from './schemas.ts';
import type { Services } from './services.ts';
import type { App, RoutePlugin } from './types.ts';

/** Every capability's routes, in the order they appear in the API documentation. */
const routePlugins: readonly RoutePlugin[] = [
  homeRoutes,
  healthRoutes,
  authRoutes,
  userRoutes,
  referenceRoutes,
  surveyLayerRoutes,
  registerRoutes,
  importRoutes,
  exportRoutes,
  attachmentRoutes,
  supervisionRoutes,
  backfillRoutes,
  rectificationRoutes,
  illegalCaseRoutes,
  writeOffRoutes,
  enforcementRoutes,
  polygonTileRoutes,
  backfillTileRoutes,
  reportRoutes,
  noticeRoutes,
  reclamationRoutes,
  restorationRoutes,
  criteriaRoutes,
  tileRoutes,
  ogcRoutes,
  nearbyRoutes,
  historyRoutes,
  referenceTileRoutes,
];

export interface BuildOptions {
  /** Pino logger options, or false for none (tests). */
  logger?: FastifyServerOptions['logger'];
  /** Routes added after the standard ones (tests). */
  extraRoutes?: readonly RoutePlugin[];
}

export async function buildApp(services: Services, options: BuildOptions = {}): Promise<App> {
  const { config } = services;
  const app = Fastify({
    logger: options.logger ?? {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
    trustProxy: config.trustProxy,
    bodyLimit: config.uploadMaxBytes,
    ajv: { customOptions: { removeAdditional: false, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  for (const schema of [Problem, ErrorBody, UserSchema, ApiTokenSchema]) app.addSchema(schema);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Reclaim API',
        description:
          '临时用地与复垦监管平台接口 — temporary land use and reclamation supervision. Rule codes (TL-…, PN-…) refer to RULES.md.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'reclaim_session' },
          token: {
            type: 'http',
            scheme: 'bearer',
            description: 'API token (rk_…) from POST /api/tokens',
          },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _base, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });

  registerErrorHandling(app);
  registerAccess(app, services);
  for (const plugin of [...routePlugins, ...(options.extraRoutes ?? [])]) {
    await plugin(app, services);
  }
  await app.ready();
  return app;
}
