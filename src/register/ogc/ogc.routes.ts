// OGC API – Features under /ogc, for QGIS, GDAL (OAPIF driver) and other GIS clients. Open to
// anyone: the public reads published records, a government account (session cookie or
// `Authorization: Bearer rk_…`) reads its division, and the survey layers besides.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorResponses } from '../../server/schemas.ts';
import type { RoutePlugin } from '../../server/types.ts';
import {
  Collection,
  CollectionParams,
  Collections,
  Conformance,
  Feature,
  FeatureCollection,
  FeatureParams,
  FeatureQuery,
  ItemsQuery,
  LandingPage,
} from './ogc.schemas.ts';
import { queryError } from './query-errors.ts';
import { mediaTypes } from './vocabulary.ts';

const anyone = { roles: 'anyone' } as const;
const tags = ['ogc'];

/** Scheme and host the client used (X-Forwarded-* when RECLAIM_TRUST_PROXY is set). */
const baseOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** Query and path problems as OGC-specific 400s (the routes attach validation instead of failing early). */
function rejectInvalid(request: FastifyRequest): void {
  const error = request.validationError as
    (Error & { validation?: Parameters<typeof queryError>[0] }) | undefined;
  if (error) {
    throw queryError(error.validation ?? [], request.query as Record<string, unknown>);
  }
}

/** GeoJSON with Part 2's Content-Crs header (/req/crs/ogc-crs-header): the CRS URI in angle brackets. */
const sendGeoJson = (reply: FastifyReply, { crs, body }: { crs: string; body: unknown }) =>
  reply.type(mediaTypes.geoJson).header('content-crs', `<${crs}>`).send(body);

export const ogcRoutes: RoutePlugin = (app, { ogc }) => {
  app.get(
    '/ogc',
    {
      config: { access: anyone },
      schema: {
        tags,
        summary: 'OGC API – Features landing page (links to the API definition, conformance, data)',
        response: { 200: LandingPage },
      },
    },
    (request) => ogc.landing(baseOf(request)),
  );

  app.get(
    '/ogc/conformance',
    {
      config: { access: anyone },
      schema: {
        tags,
        summary: 'Conformance classes: Part 1 core, GeoJSON, OpenAPI 3.0; Part 2 CRS by reference',
        response: { 200: Conformance },
      },
    },
    () => ogc.conformance(),
  );

  app.get(
    '/ogc/collections',
    {
      config: { access: anyone },
      schema: {
        tags,
        summary:
          'Feature collections I may read: temporary-land; the survey layers for government accounts',
        response: { 200: Collections, ...errorResponses },
      },
    },
    (request) => ogc.collections(request.actor, baseOf(request)),
  );

  app.get(
    '/ogc/collections/:collectionId',
    {
      config: { access: anyone },
      attachValidation: true,
      schema: {
        tags,
        summary: 'One collection: extent of what I see (CRS84), CRS list, storage CRS',
        params: CollectionParams,
        response: { 200: Collection, ...errorResponses },
      },
    },
    (request) => {
      rejectInvalid(request);
      return ogc.collection(request.actor, request.params.collectionId, baseOf(request));
    },
  );

  app.get(
    '/ogc/collections/:collectionId/items',
    {
      config: { access: anyone },
      attachValidation: true,
      schema: {
        tags,
        summary:
          'Features (GeoJSON), filtered by bbox and paged by limit/offset with next/prev links; CRS84 or EPSG:4490 (latitude first)',
        params: CollectionParams,
        querystring: ItemsQuery,
        produces: [mediaTypes.geoJson],
        response: { 200: FeatureCollection, ...errorResponses },
      },
    },
    async (request, reply) => {
      rejectInvalid(request);
      const q = request.query;
      const page = await ogc.items(
        request.actor,
        request.params.collectionId,
        {
          limit: q.limit,
          offset: q.offset,
          ...(q.bbox !== undefined ? { bbox: q.bbox } : {}),
          ...(q['bbox-crs'] ? { bboxCrs: q['bbox-crs'] } : {}),
          ...(q.crs ? { crs: q.crs } : {}),
          ...(q.state ? { state: q.state } : {}),
          ...(q.includeWrittenOff !== undefined ? { includeWrittenOff: q.includeWrittenOff } : {}),
        },
        baseOf(request),
      );
      return sendGeoJson(reply, page);
    },
  );

  app.get(
    '/ogc/collections/:collectionId/items/:featureId',
    {
      config: { access: anyone },
      attachValidation: true,
      schema: {
        tags,
        summary: 'One feature (GeoJSON) in CRS84 or EPSG:4490',
        params: FeatureParams,
        querystring: FeatureQuery,
        produces: [mediaTypes.geoJson],
        response: { 200: Feature, ...errorResponses },
      },
    },
    async (request, reply) => {
      rejectInvalid(request);
      const { collectionId, featureId } = request.params;
      const feature = await ogc.item(
        request.actor,
        collectionId,
        featureId,
        request.query.crs,
        baseOf(request),
      );
      return sendGeoJson(reply, feature);
    },
  );
};
