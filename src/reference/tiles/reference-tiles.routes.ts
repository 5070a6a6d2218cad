// Vector tiles of the survey reference layers over HTTP, for the map's layer switcher and for
// GIS clients: land-class polygons (with their 三大类 category) and permanent basic farmland for
// government users; division boundaries for anyone, the public included.
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
        summary: `Vector tile (MVT) of a survey reference layer in my division; zoom ${referenceMinZoom}–${maxZoom}`,
        description:
          `Layer land_class (attributes ${describeFields(referenceTileLayers.land_class.fields)}; category is the ` +
          `三大类: agricultural, construction or unused) or farmland (permanent basic farmland; attributes ` +
          `${describeFields(referenceTileLayers.farmland.fields)}); current survey batches only. Government ` +
          `users only. Empty (zero bytes) where nothing reaches the tile and below zoom ${referenceMinZoom}. ` +
          `Division boundaries have their own route, open to the public. ` +
          `Send If-None-Match with the ETag to get 304.`,
        params: Type.Object({
          layer: Type.Union([Type.Literal('land_class'), Type.Literal('farmland')]),
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

  // Boundaries are public information: the public portal draws them as the government map does.
  app.get(
    '/tiles/reference/division/:z/:x/:y.mvt',
    {
      config: { access: { roles: 'anyone' } },
      schema: {
        tags: ['tiles'],
        summary: `Vector tile (MVT) of the division boundaries (行政区, the survey's XZQ layer); zoom 0–${maxZoom}`,
        description:
          `Attributes ${describeFields(referenceTileLayers.division.fields)}: XZQDM and XZQMC as delivered, ` +
          `the name again as label in the one tile holding the boundary's point on surface, and the county. ` +
          `Current batches only, simplified by zoom (zooms 0–11 from copies pre-simplified on load). ` +
          `Open to anyone: the public sees every loaded boundary, a logged-in user those of their division. ` +
          `Empty (zero bytes) where nothing reaches the tile. Send If-None-Match with the ETag to get 304.`,
        params: Type.Object(tileAddressParams),
        response: tileResponses,
      },
    },
    async (request, reply) => {
      const { z, x, y } = request.params;
      const address = parseTileAddress(z, x, y);
      return sendTile(
        request,
        reply,
        await referenceTiles.tile(request.actor, 'division', address),
      );
    },
  );
};
