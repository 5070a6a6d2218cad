// Downloads of the register in the caller's scope.
import { Type } from '@sinclair/typebox';
import { governmentRoles } from '../../identity/domain/roles.ts';
import { DivisionCode, errorResponses } from '../../server/schemas.ts';
import type { RoutePlugin } from '../../server/types.ts';
import { recordStates } from '../domain/lifecycle.ts';
import { exportFormats } from './export.service.ts';

export const exportRoutes: RoutePlugin = (app, { exports }) => {
  app.get(
    '/api/register/export',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags: ['register'],
        summary:
          'Download records in my division: GeoJSON, zipped Shapefile, GeoPackage, KML or CSV with WKT (EPSG:4490, every attribute), or the ministry coordinate txt (GBK, one zone)',
        description:
          'The formats imports read, and each imports back to the same parcels and attributes. See docs/exchange-formats.md.',
        querystring: Type.Object({
          format: Type.Union(exportFormats.map((f) => Type.Literal(f))),
          divisionCode: Type.Optional(DivisionCode),
          state: Type.Optional(Type.Union(recordStates.map((s) => Type.Literal(s)))),
          includeWrittenOff: Type.Boolean({ default: false }),
        }),
        response: {
          200: Type.Unsafe<Buffer>({
            type: 'string',
            format: 'binary',
            description: 'the exported file',
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { format, ...options } = request.query;
      const file = await exports.export(request.actor, format, options);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(Buffer.from(file.bytes));
    },
  );
};
