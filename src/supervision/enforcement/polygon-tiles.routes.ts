// Vector tiles of an enforcement batch over HTTP, for the review map (卫片执法核查): its
// TileJSON (bounds of the polygons the caller may see) and XYZ tiles, both narrowed to a
// county picked inside the caller's division when `divisionCode` is given.
import { Type } from '@sinclair/typebox';
import { governmentRoles } from '../../identity/domain/roles.ts';
import { DivisionCode, errorResponses, IdParams } from '../../server/schemas.ts';
import type { RoutePlugin } from '../../server/types.ts';
import { maxZoom, parseTileAddress } from '../../register/tiles/domain/tile-address.ts';
import {
  sendTile,
  tileAddressParams,
  tileResponses,
  TileJsonSchema,
} from '../../register/tiles/tiles.routes.ts';
import {
  polygonLayerName,
  polygonMinZoom,
  polygonOverviewLayerName,
  polygonTileFields,
} from './domain/polygon-tiles.ts';

const tags = ['enforcement', 'tiles'];
const picked = Type.Object({ divisionCode: Type.Optional(DivisionCode) });

export const polygonTileRoutes: RoutePlugin = (app, { polygonTiles }) => {
  app.get(
    '/api/supervision/enforcement/batches/:id/tiles.json',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags,
        summary:
          'TileJSON of a batch’s change polygons in my division (or in divisionCode inside it): URL template, zooms, bounds, fields',
        params: IdParams,
        querystring: picked,
        response: { 200: TileJsonSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { divisionCode } = request.query;
      const query = divisionCode ? `?divisionCode=${divisionCode}` : '';
      const url = `${request.protocol}://${request.host}/api/supervision/enforcement/batches/${id}/tiles/{z}/{x}/{y}.mvt${query}`;
      const document = await polygonTiles.tileJson(request.actor, id, url, divisionCode);
      reply.header('cache-control', 'private, no-cache');
      return document;
    },
  );

  app.get(
    '/api/supervision/enforcement/batches/:id/tiles/:z/:x/:y.mvt',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags,
        summary: `Vector tile (MVT) of a batch’s change polygons in my division, zoom 0–${maxZoom}`,
        description:
          `Zooms 0–${polygonMinZoom - 1}: layer ${polygonOverviewLayerName}, the polygons counted per cell and county. ` +
          `From zoom ${polygonMinZoom}: layer ${polygonLayerName}, each polygon with ${Object.keys(polygonTileFields).join(', ')}. ` +
          'Empty (zero bytes) where none of the batch’s polygons in view reach the tile. Send If-None-Match with the ETag to get 304.',
        params: Type.Object({ id: IdParams.properties.id, ...tileAddressParams }),
        querystring: picked,
        response: tileResponses,
      },
    },
    async (request, reply) => {
      const { id, z, x, y } = request.params;
      const tile = await polygonTiles.tile(
        request.actor,
        id,
        parseTileAddress(z, x, y),
        request.query.divisionCode,
      );
      return sendTile(request, reply, tile);
    },
  );
};
