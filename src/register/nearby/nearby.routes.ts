// GET /api/public/approvals?near=lng,lat: the public portal's "approvals near me" (no login).
// The query is read from the URL as sent and checked by parseNearbyQuery, which names every
// wrong parameter in both languages; the schema below documents it.
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../server/schemas.ts';
import type { RoutePlugin } from '../../server/types.ts';
import { Feature } from '../ogc/ogc.schemas.ts';
import { nearbyBounds } from './nearby-query.ts';

const { radiusKm, limit } = nearbyBounds;

export const nearbyRoutes: RoutePlugin = (app, { nearby }) => {
  app.get(
    '/api/public/approvals',
    {
      config: { access: { roles: 'anyone' } },
      attachValidation: true,
      schema: {
        tags: ['public'],
        summary:
          'Published temporary-land approvals nearest a point, by distance in metres on the ellipsoid (no login)',
        description:
          'Access: anyone. Scope: published approvals only (as the public reads OGC items), nationwide, whoever asks. Distances are from the point to the nearest point of each parcel (0 inside it), computed by PostGIS on the CGCS2000 ellipsoid.',
        querystring: Type.Object({
          near: Type.String({
            description: 'the point as longitude,latitude in degrees (EPSG:4490 / CRS84 order)',
            examples: ['117.45,34.43'],
          }),
          radiusKm: Type.Optional(
            Type.Number({
              minimum: radiusKm.min,
              maximum: radiusKm.max,
              default: radiusKm.default,
              description: 'search radius in kilometres',
            }),
          ),
          limit: Type.Optional(
            Type.Integer({ minimum: limit.min, maximum: limit.max, default: limit.default }),
          ),
        }),
        response: {
          200: Type.Object({
            type: Type.Literal('FeatureCollection'),
            near: Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }),
            radiusKm: Type.Number(),
            limit: Type.Integer(),
            numberReturned: Type.Integer(),
            features: Type.Array(Feature, {
              description: 'nearest first; properties.distanceM in metres',
            }),
          }),
          ...errorResponses,
        },
      },
    },
    (request) => {
      const sent = new URL(request.url, 'http://localhost').searchParams;
      const value = (name: string) => sent.get(name) ?? undefined;
      return nearby.publishedApprovals({
        near: value('near'),
        radiusKm: value('radiusKm'),
        limit: value('limit'),
      });
    },
  );
};
