// Vector tiles of the back-fill review over HTTP, for its map (存量补录): a TileJSON (bounds of
// the polygons the caller may see) and XYZ tiles, both with the list's filters (batch, class,
// waiting for review, a division picked inside the caller's).
import { Type } from '@sinclair/typebox';
import { governmentRoles } from '../../identity/domain/roles.ts';
import { DivisionCode, errorResponses, literals } from '../../server/schemas.ts';
import type { RoutePlugin } from '../../server/types.ts';
import { maxZoom, parseTileAddress } from '../../register/tiles/domain/tile-address.ts';
import {
  sendTile,
  tileAddressParams,
  tileResponses,
  TileJsonSchema,
} from '../../register/tiles/tiles.routes.ts';
import { backfillClasses } from './domain/classify.ts';
import {
  backfillLayerName,
  backfillOverviewLayerName,
  backfillPolygonMinZoom,
  backfillTileFields,
} from './domain/polygon-tiles.ts';

const tags = ['back-fill', 'tiles'];
const filters = Type.Object({
  batchId: Type.Optional(Type.String({ format: 'uuid' })),
  class: Type.Optional(literals(backfillClasses)),
  reviewDue: Type.Optional(Type.Boolean()),
  divisionCode: Type.Optional(DivisionCode),
});

export const backfillTileRoutes: RoutePlugin = (app, { backfillTiles }) => {
  app.get(
    '/api/supervision/backfill/tiles.json',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags,
        summary:
          'TileJSON of the back-fill polygons in my division with the list’s filters: URL template, zooms, bounds, fields',
        querystring: filters,
        response: { 200: TileJsonSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(request.query))
        if (value !== undefined) search.set(key, String(value));
      const query = search.size > 0 ? `?${search.toString()}` : '';
      const url = `${request.protocol}://${request.host}/api/supervision/backfill/tiles/{z}/{x}/{y}.mvt${query}`;
      const document = await backfillTiles.tileJson(request.actor, url, request.query);
      reply.header('cache-control', 'private, no-cache');
      return document;
    },
  );

  app.get(
    '/api/supervision/backfill/tiles/:z/:x/:y.mvt',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags,
        summary: `Vector tile (MVT) of the back-fill polygons in my division, zoom 0–${maxZoom}`,
        description:
          `Zooms 0–${backfillPolygonMinZoom - 1}: layer ${backfillOverviewLayerName}, the polygons counted per cell and county. ` +
          `From zoom ${backfillPolygonMinZoom}: layer ${backfillLayerName}, each polygon with ${Object.keys(backfillTileFields).join(', ')}. ` +
          'Empty (zero bytes) where none of the polygons in view reach the tile. Send If-None-Match with the ETag to get 304.',
        params: Type.Object(tileAddressParams),
        querystring: filters,
        response: tileResponses,
      },
    },
    async (request, reply) => {
      const { z, x, y } = request.params;
      const tile = await backfillTiles.tile(
        request.actor,
        parseTileAddress(z, x, y),
        request.query,
      );
      return sendTile(request, reply, tile);
    },
  );
};
