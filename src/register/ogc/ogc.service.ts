// OGC API – Features documents: landing page, conformance, collections, feature pages with
// next/prev links, single features. Data is read in the caller's scope (row-level security);
// links are absolute, built on the URL the client used.
import type { Db } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors.ts';
import { type Actor, publicActor, scopeLikePattern } from '../../identity/domain/actor.ts';
import { governmentRoles } from '../../identity/domain/roles.ts';
import { readInScope } from '../../identity/scoped-db.ts';
import { findUseType } from '../domain/classification.ts';
import { stateNames, type RecordState } from '../domain/lifecycle.ts';
import { toHectares, toMu } from '../domain/record.ts';
import { parseBbox } from './bbox.ts';
import { collections, findCollection, type CollectionInfo } from './collections.ts';
import { link, pageLinks, type Link } from './links.ts';
import { extentOf, findItem, itemsPage, type FeatureRow } from './ogc.store.ts';
import {
  axisOrder,
  conformanceClasses,
  crs84,
  mediaTypes,
  relations,
  storageCrs,
  supportedCrs,
  type CrsUri,
} from './vocabulary.ts';

export interface ItemsRequest {
  limit: number;
  offset: number;
  /** As sent, read in `bboxCrs`. */
  bbox?: string;
  bboxCrs?: CrsUri;
  crs?: CrsUri;
  state?: RecordState;
  includeWrittenOff?: boolean;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Whose eyes read the data. Government accounts read in their scope; everyone else (the
 * anonymous public, enterprise accounts) reads as the public: published records only.
 */
const readerOf = (actor: Actor): Actor =>
  governmentRoles.includes(actor.role) ? actor : publicActor;

const mayRead = (actor: Actor, collection: CollectionInfo) =>
  collection.audience === 'everyone' || governmentRoles.includes(actor.role);

const noCollection = (id: string) =>
  new AppError('not_found', {
    code: 'OGC_COLLECTION_NOT_FOUND',
    messageZh: `没有要素集合 ${id}（或需以政府用户登录）；可用集合见 /ogc/collections`,
    messageEn: `no collection ${id} (or it needs a government account); see /ogc/collections`,
  });

const noFeature = (collection: string, id: string) =>
  new AppError('not_found', {
    code: 'OGC_FEATURE_NOT_FOUND',
    messageZh: `集合 ${collection} 中没有要素 ${id}（或不在您的管辖范围内）`,
    messageEn: `no feature ${id} in ${collection} within your reach`,
  });

const idPattern = {
  uuid: /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i,
  integer: /^[0-9]{1,18}$/,
};

/** Register records carry their areas in mu and hectares and Chinese names beside the codes. */
export function toFeature(collection: CollectionInfo, row: FeatureRow, links?: Link[]) {
  let properties = row.properties;
  if (collection.id === 'temporary-land') {
    const areaM2 = typeof properties.areaM2 === 'number' ? properties.areaM2 : null;
    properties = {
      ...properties,
      areaMu: areaM2 === null ? null : round(toMu(areaM2), 4),
      areaHa: areaM2 === null ? null : round(toHectares(areaM2), 4),
      stateNameZh: stateNames[properties.state as RecordState]?.zh ?? null,
      useTypeNameZh: findUseType(String(properties.useType))?.zh ?? null,
    };
  }
  return {
    type: 'Feature' as const,
    id: row.id,
    geometry: row.geometry,
    properties,
    ...(links ? { links } : {}),
  };
}

export function createOgcService(db: Db) {
  const root = (base: string) => `${base}/ogc`;

  function collectionFor(actor: Actor, id: string): CollectionInfo {
    const collection = findCollection(id);
    if (!collection || !mayRead(actor, collection)) throw noCollection(id);
    return collection;
  }

  async function describe(actor: Actor, collection: CollectionInfo, base: string) {
    const reader = readerOf(actor);
    const box = await readInScope(db, reader, (tx) =>
      extentOf(tx, collection.id, scopeLikePattern(reader)),
    );
    const href = `${root(base)}/collections/${collection.id}`;
    return {
      id: collection.id,
      title: collection.title,
      description: collection.description,
      keywords: [...collection.keywords],
      itemType: 'feature',
      ...(box ? { extent: { spatial: { bbox: [[...box]], crs: crs84 } } } : {}),
      crs: [...supportedCrs],
      storageCrs,
      links: [
        link(href, 'self', mediaTypes.json, collection.title),
        link(`${href}/items`, 'items', mediaTypes.geoJson, 'features (GeoJSON)'),
      ],
    };
  }

  return {
    landing(base: string) {
      const r = root(base);
      return {
        title: 'Reclaim 临时用地 OGC API – Features',
        description:
          '临时用地与复垦监管平台的要素服务（OGC API – Features，CRS84 与 EPSG:4490）。 Features of the Reclaim register over OGC API – Features (CRS84 and EPSG:4490).',
        links: [
          link(r, 'self', mediaTypes.json, 'this document'),
          link(`${base}/docs/json`, 'service-desc', mediaTypes.openApi, 'the API definition'),
          link(`${base}/docs/`, 'service-doc', mediaTypes.html, 'the API documentation'),
          ...relations.conformance.map((rel) =>
            link(`${r}/conformance`, rel, mediaTypes.json, 'conformance classes'),
          ),
          ...relations.data.map((rel) =>
            link(`${r}/collections`, rel, mediaTypes.json, 'collections'),
          ),
        ],
      };
    },

    conformance() {
      return { conformsTo: [...conformanceClasses] };
    },

    async collections(actor: Actor, base: string) {
      const visible = collections.filter((c) => mayRead(actor, c));
      const described = [];
      for (const c of visible) described.push(await describe(actor, c, base));
      return {
        links: [link(`${root(base)}/collections`, 'self', mediaTypes.json, 'collections')],
        crs: [...supportedCrs],
        collections: described,
      };
    },

    collection(actor: Actor, id: string, base: string) {
      return describe(actor, collectionFor(actor, id), base);
    },

    /** One page of features; `crs` is the CRS the coordinates are in (for Content-Crs). */
    async items(actor: Actor, id: string, request: ItemsRequest, base: string) {
      const collection = collectionFor(actor, id);
      // state and includeWrittenOff concern the register only; elsewhere they are ignored like
      // any unknown parameter (GDAL appends a connection's query parameters to every layer).
      const register = collection.id === 'temporary-land';
      const crs = request.crs ?? crs84;
      const bbox =
        request.bbox === undefined ? undefined : parseBbox(request.bbox, request.bboxCrs ?? crs84);
      const reader = readerOf(actor);
      const page = await readInScope(db, reader, (tx) =>
        itemsPage(
          tx,
          collection.id,
          {
            scopeLike: scopeLikePattern(reader),
            ...(bbox ? { bbox } : {}),
            ...(register && request.state ? { state: request.state } : {}),
            includeWrittenOff: register && (request.includeWrittenOff ?? false),
          },
          {
            latFirst: axisOrder[crs] === 'latLng',
            limit: request.limit,
            offset: request.offset,
          },
        ),
      );
      const returned = page.rows.length;
      const links = pageLinks({
        itemsUrl: `${root(base)}/collections/${collection.id}/items`,
        query: {
          ...(request.bbox !== undefined ? { bbox: request.bbox } : {}),
          ...(request.bboxCrs ? { 'bbox-crs': request.bboxCrs } : {}),
          ...(request.crs ? { crs: request.crs } : {}),
          ...(register && request.state ? { state: request.state } : {}),
          ...(register && request.includeWrittenOff !== undefined
            ? { includeWrittenOff: String(request.includeWrittenOff) }
            : {}),
        },
        limit: request.limit,
        offset: request.offset,
        returned,
        matched: page.numberMatched,
      });
      links.push(
        link(
          `${root(base)}/collections/${collection.id}`,
          'collection',
          mediaTypes.json,
          collection.title,
        ),
      );
      return {
        crs,
        body: {
          type: 'FeatureCollection' as const,
          timeStamp: new Date(page.timeStamp).toISOString(),
          numberMatched: page.numberMatched,
          numberReturned: returned,
          features: page.rows.map((row) => toFeature(collection, row)),
          links,
        },
      };
    },

    /** One feature by id; a record out of reach answers 404, as one that does not exist. */
    async item(actor: Actor, id: string, featureId: string, crs: CrsUri | undefined, base: string) {
      const collection = collectionFor(actor, id);
      if (!idPattern[collection.idKind].test(featureId)) throw noFeature(id, featureId);
      const used = crs ?? crs84;
      const reader = readerOf(actor);
      const row = await readInScope(db, reader, (tx) =>
        findItem(
          tx,
          collection.id,
          featureId,
          scopeLikePattern(reader),
          axisOrder[used] === 'latLng',
        ),
      );
      if (!row) throw noFeature(id, featureId);
      const href = `${root(base)}/collections/${collection.id}`;
      return {
        crs: used,
        body: toFeature(collection, row, [
          link(
            `${href}/items/${featureId}${crs ? `?crs=${encodeURIComponent(crs)}` : ''}`,
            'self',
            mediaTypes.geoJson,
            'this feature',
          ),
          link(href, 'collection', mediaTypes.json, collection.title),
        ]),
      };
    },
  };
}

export type OgcService = ReturnType<typeof createOgcService>;
