// TypeBox schemas of the OGC API – Features documents and query parameters, so the OpenAPI
// definition (/docs/json, the landing page's service-desc) describes them as served.
import { Type } from '@sinclair/typebox';
import { recordStates, type RecordState } from '../domain/lifecycle.ts';
import { supportedCrs, type CrsUri } from './vocabulary.ts';

/** Page size when `limit` is not given, and the largest one may ask for. */
export const defaultLimit = 100;
export const maxLimit = 10_000;

export const Link = Type.Object({
  href: Type.String(),
  rel: Type.String(),
  type: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
});

export const LandingPage = Type.Object({
  title: Type.String(),
  description: Type.String(),
  links: Type.Array(Link),
});

export const Conformance = Type.Object({ conformsTo: Type.Array(Type.String()) });

const CrsList = Type.Array(Type.String(), { description: 'CRS URIs (OGC API – Features Part 2)' });

export const Collection = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  keywords: Type.Array(Type.String()),
  itemType: Type.String(),
  extent: Type.Optional(
    Type.Object({
      spatial: Type.Object({
        bbox: Type.Array(Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }), {
          description: 'minLng, minLat, maxLng, maxLat (CRS84) of what the caller sees',
        }),
        crs: Type.String(),
      }),
    }),
  ),
  crs: CrsList,
  storageCrs: Type.String(),
  links: Type.Array(Link),
});

export const Collections = Type.Object({
  links: Type.Array(Link),
  crs: CrsList,
  collections: Type.Array(Collection),
});

const Geometry = Type.Object(
  { type: Type.Literal('MultiPolygon'), coordinates: Type.Unknown() },
  {
    description:
      'GeoJSON MultiPolygon: [lng, lat] in CRS84, [lat, lng] in EPSG:4490 (see Content-Crs)',
  },
);

export const Feature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.Union([Type.String(), Type.Integer()]),
  geometry: Geometry,
  properties: Type.Record(Type.String(), Type.Unknown()),
  links: Type.Optional(Type.Array(Link)),
});

export const FeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  timeStamp: Type.String({ format: 'date-time' }),
  numberMatched: Type.Integer(),
  numberReturned: Type.Integer(),
  features: Type.Array(Feature),
  links: Type.Array(Link),
});

const Crs = (description: string) =>
  Type.Unsafe<CrsUri>({
    type: 'string',
    enum: [...supportedCrs],
    description: `${description}; CRS84 when not given`,
  });

export const CollectionParams = Type.Object({ collectionId: Type.String({ maxLength: 100 }) });
export const FeatureParams = Type.Object({
  collectionId: Type.String({ maxLength: 100 }),
  featureId: Type.String({ maxLength: 100 }),
});

export const ItemsQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: maxLimit, default: defaultLimit }),
  offset: Type.Integer({ minimum: 0, default: 0, description: 'features to skip (paging)' }),
  bbox: Type.Optional(
    Type.String({
      description:
        'minLng,minLat,maxLng,maxLat in CRS84 (default); minLat,minLng,maxLat,maxLng when bbox-crs is EPSG:4490',
    }),
  ),
  'bbox-crs': Type.Optional(Crs('the CRS of bbox')),
  crs: Type.Optional(Crs('the CRS of the returned coordinates')),
  state: Type.Optional(
    Type.Unsafe<RecordState>({
      type: 'string',
      enum: [...recordStates],
      description: 'temporary-land only: records in this state',
    }),
  ),
  includeWrittenOff: Type.Optional(
    Type.Boolean({ description: 'temporary-land only: include written-off records' }),
  ),
});

export const FeatureQuery = Type.Object({
  crs: Type.Optional(Crs('the CRS of the returned coordinates')),
});
