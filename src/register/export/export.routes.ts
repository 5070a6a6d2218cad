// Downloads of the register in the caller's scope.
import { Type } from '@sinclair/typebox';
import { governmentRoles } from '../../identity/domain/roles.ts';
import { DivisionCode, errorResponses } from '../../server/schemas.ts';
import type { RoutePlugin } from '../../server/types.ts';
import { recordStates } from '../domain/lifecycle.ts';

export const exportRoutes: RoutePlugin = (app, { exports }) => {
  app.get(
    '/api/register/export',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags: ['register'],
        summary:
          'Download records in my division: GeoJSON (EPSG:4490) or the ministry coordinate txt (GBK, one zone)',
        querystring: Type.Object({
          format: Type.Union([Type.Literal('geojson'), Type.Literal('txt')]),
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
