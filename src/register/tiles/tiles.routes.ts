// Vector tiles of the temporary-land register over HTTP: XYZ tiles and their TileJSON.
// Tiles differ by caller, so caches are told so (Vary, private) and may revalidate by ETag.
import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorResponses } from '../../server/schemas.ts';
import type { RoutePlugin } from '../../server/types.ts';
import { maxZoom, parseTileAddress } from './domain/tile-address.ts';
import { tileFields } from './domain/tile-layer.ts';
import type { Tile } from './tiles.service.ts';

export const tileContentType = 'application/vnd.mapbox-vector-tile';
const tilePath = '/tiles/temporary-land/{z}/{x}/{y}.mvt';

/** Anonymous tiles may sit in shared caches briefly; a logged-in caller's are theirs alone. */
function setCaching(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('vary', 'Cookie, Authorization');
  reply.header(
    'cache-control',
    request.actor.kind === 'anonymous' ? 'public, max-age=300' : 'private, no-cache',
  );
}

/** Sets a strong ETag for `bytes`; true when the client's copy is current (answer 304). */
export function isNotModified(
  request: FastifyRequest,
  reply: FastifyReply,
  bytes: Uint8Array,
): boolean {
  const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
  reply.header('etag', etag);
  const given = request.headers['if-none-match'];
  if (!given) return false;
  return given
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}

const coordinate = (description: string) =>
  Type.String({ maxLength: 12, description, examples: ['0'] });

/** The z/x/y path parameters of every tile route. */
export const tileAddressParams = {
  z: coordinate(`zoom, 0–${maxZoom}`),
  x: coordinate('column, 0 to 2^z − 1, west to east'),
  y: coordinate('row, 0 to 2^z − 1, north to south'),
};

/** What every tile route answers: the tile, 304 for a current copy, or an error. */
export const tileResponses = {
  200: Type.Unsafe<Buffer>({
    type: 'string',
    format: 'binary',
    description: `${tileContentType} (protobuf)`,
  }),
  304: Type.Null({ description: 'your cached tile (by ETag) is current' }),
  ...errorResponses,
};

/** Sends a tile with its caching headers, or 304 when the client's copy is current. */
export function sendTile(request: FastifyRequest, reply: FastifyReply, tile: Tile) {
  setCaching(request, reply);
  if (isNotModified(request, reply, tile.bytes)) return reply.status(304).send(null);
  return reply.header('content-type', tileContentType).send(Buffer.from(tile.bytes));
}

export const TileJsonSchema = Type.Object(
  {
    tilejson: Type.Literal('3.0.0'),
    name: Type.String(),
    description: Type.String(),
    scheme: Type.Literal('xyz'),
    tiles: Type.Array(Type.String()),
    minzoom: Type.Integer(),
    maxzoom: Type.Integer(),
    bounds: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
    center: Type.Array(Type.Number(), { minItems: 3, maxItems: 3 }),
    vector_layers: Type.Array(
      Type.Object({
        id: Type.String(),
        description: Type.String(),
        minzoom: Type.Integer(),
        maxzoom: Type.Integer(),
        fields: Type.Record(Type.String(), Type.String()),
      }),
    ),
  },
  { $id: 'TileJson', description: 'TileJSON 3.0.0 for MapLibre GL, QGIS and other clients' },
);

export const tileRoutes: RoutePlugin = (app, { tiles }) => {
  app.get(
    '/tiles/temporary-land.json',
    {
      config: { access: { roles: 'anyone' } },
      schema: {
        tags: ['tiles'],
        summary:
          'TileJSON of the temporary-land tiles: URL template, zooms, bounds of the records you may see, feature fields',
        response: { 200: TileJsonSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const base = `${request.protocol}://${request.host}`;
      const document = await tiles.tileJson(request.actor, `${base}${tilePath}`);
      setCaching(request, reply);
      return document;
    },
  );

  app.get(
    '/tiles/temporary-land/:z/:x/:y.mvt',
    {
      config: { access: { roles: 'anyone' } },
      schema: {
        tags: ['tiles'],
        summary: `Vector tile (MVT) of the temporary-land records you may see; layer temporary_land, zoom 0–${maxZoom}`,
        description:
          `Attributes: ${Object.keys(tileFields).join(', ')}. The public sees published records, government users ` +
          'their division. Empty (zero bytes) where no parcel reaches the tile and below the TileJSON minzoom. ' +
          'Send If-None-Match with the ETag to get 304 when the tile has not changed.',
        params: Type.Object(tileAddressParams),
        response: tileResponses,
      },
    },
    async (request, reply) => {
      const { z, x, y } = request.params;
      return sendTile(request, reply, await tiles.tile(request.actor, parseTileAddress(z, x, y)));
    },
  );
};
