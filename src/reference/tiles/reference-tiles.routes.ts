// Vector tiles of the survey reference layers over HTTP, for the map's layer switcher and for
// GIS clients: land-class polygons (with their 三大类 category), permanent basic farmland and
// division boundaries.
import { Type } from '@sinclair/typebox';
import { governmentRoles } from '../../identity/domain/roles.ts';
import { maxZoom, parseTileAddress } from '../../register/tiles/domain/tile-address.ts';
import { sendTile, tileAddressParams, tileResponses } from '../../register/tiles/tiles.routes.ts';
import type { RoutePlugin } from '../../server/types.ts';
import { referenceTileLayers } from './reference-tiles.store.ts';
import { referenceMinZoom } from './reference-tiles.service.ts';

const describeFields = (fields: Record<string, string>) => Object.keys(fields).join(', ');

export const referenceTileRoutes: RoutePlugin = (app, { referenceTiles }) => {
  app.get(
    '/tiles/reference/:layer/:z/:x/:y.mvt',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags: ['tiles'],
        summary: `Vector tile (MVT) of a survey reference layer in my division; zoom ${referenceMinZoom}–${maxZoom} (division boundaries 0–${maxZoom})`,
        description:
          `Layer land_class (attributes ${describeFields(referenceTileLayers.land_class.fields)}; category is the ` +
          `三大类: agricultural, construction or unused) or farmland (permanent basic farmland; attributes ` +
          `${describeFields(referenceTileLayers.farmland.fields)}) or division (boundaries of the survey's 行政区 layer, ` +
          `at every zoom, simplified by zoom; attributes ${describeFields(referenceTileLayers.division.fields)}: ` +
          `XZQDM and XZQMC as delivered, and the county); current survey batches only. Empty (zero bytes) ` +
          `where nothing reaches the tile and, for land_class and farmland, below zoom ${referenceMinZoom}. ` +
          `Send If-None-Match with the ETag to get 304.`,
        params: Type.Object({
          layer: Type.Union([
            Type.Literal('land_class'),
            Type.Literal('farmland'),
            Type.Literal('division'),
          ]),
          ...tileAddressParams,
        }),
        response: tileResponses,
      },
    },
    async (request, reply) => {
      const { layer, z, x, y } = request.params;
      const address = parseTileAddress(z, x, y);
      return sendTile(request, reply, await referenceTiles.tile(request.actor, layer, address));
    },
  );
};
