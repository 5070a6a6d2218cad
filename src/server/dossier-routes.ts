// The three routes every supervision dossier (illegal-land-use cases, rectification orders,
// write-offs, back-fill polygons…) shares: a paged list with filters, one item by id, and a
// move of its state machine with the version read and a reason. Each dossier states only what
// differs: its path, its item schema, its filters and actions, who may call, and its service.
import { Type, type Static, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';
import type { FastifyTypeProviderDefault } from 'fastify';
import type { Actor } from '../identity/domain/actor.ts';
import { errorResponses, IdParams, literals, pageOf, paging, Reason } from './schemas.ts';
import type { Access, App } from './types.ts';

interface Dossier<TItem extends TSchema> {
  /** The list's path, e.g. `/api/supervision/illegal-cases`; items live at `${path}/:id`. */
  path: string;
  item: TItem;
  tag: string;
  access: Access;
}

type Item<TItem extends TSchema> = Promise<Static<TItem>>;

/**
 * The app without the TypeBox type provider: TypeScript cannot resolve the provider's types
 * for a schema that is itself generic, so these routes take the request as validated by
 * their schema (Fastify validates before the handler runs) and say its type once.
 */
const untyped = (app: App) => app.withTypeProvider<FastifyTypeProviderDefault>();

/** `GET path`: a page of items, filtered by `filters` (each optional) and paged. */
export function listRoute<TItem extends TSchema, TFilters extends TProperties>(
  app: App,
  dossier: Dossier<TItem>,
  route: {
    summary: string;
    filters: TFilters;
    list: (
      actor: Actor,
      query: Static<TObject<TFilters & typeof paging>>,
    ) => Promise<{ items: Static<TItem>[]; total: number }>;
  },
): void {
  untyped(app).get(
    dossier.path,
    {
      config: { access: dossier.access },
      schema: {
        tags: [dossier.tag],
        summary: route.summary,
        querystring: Type.Object({ ...route.filters, ...paging }),
        response: { 200: pageOf(dossier.item), ...errorResponses },
      },
    },
    (request) =>
      route.list(request.actor, request.query as Static<TObject<TFilters & typeof paging>>),
  );
}

/** `GET path/:id`: one item, with optional query parameters (e.g. an as-of date). */
export function getRoute<TItem extends TSchema, TQuery extends TProperties>(
  app: App,
  dossier: Dossier<TItem>,
  route: {
    summary: string;
    query: TQuery;
    get: (actor: Actor, id: string, query: Static<TObject<TQuery>>) => Item<TItem>;
  },
): void {
  untyped(app).get(
    `${dossier.path}/:id`,
    {
      config: { access: dossier.access },
      schema: {
        tags: [dossier.tag],
        summary: route.summary,
        params: IdParams,
        ...(Object.keys(route.query).length > 0 ? { querystring: Type.Object(route.query) } : {}),
        response: { 200: dossier.item, ...errorResponses },
      },
    },
    (request) =>
      route.get(
        request.actor,
        (request.params as Static<typeof IdParams>).id,
        request.query as Static<TObject<TQuery>>,
      ),
  );
}

/**
 * `POST path/:id/actions`: move the item's state machine with one of `actions`, the version
 * the caller read (a stale one is a conflict) and a reason kept in history; `extra` adds
 * fields of the body (a note, say).
 */
export function actionRoute<
  TItem extends TSchema,
  TAction extends string,
  TExtra extends TProperties,
>(
  app: App,
  dossier: Dossier<TItem>,
  route: {
    summary: string;
    access?: Access;
    actions: readonly TAction[];
    extra: TExtra;
    act: (
      actor: Actor,
      id: string,
      body: Static<ReturnType<typeof actionBody<TAction, TExtra>>>,
    ) => Item<TItem>;
  },
): void {
  untyped(app).post(
    `${dossier.path}/:id/actions`,
    {
      config: { access: route.access ?? dossier.access },
      schema: {
        tags: [dossier.tag],
        summary: route.summary,
        params: IdParams,
        body: actionBody(route.actions, route.extra),
        response: { 200: dossier.item, ...errorResponses },
      },
    },
    (request) =>
      route.act(
        request.actor,
        (request.params as Static<typeof IdParams>).id,
        request.body as Static<ReturnType<typeof actionBody<TAction, TExtra>>>,
      ),
  );
}

function actionBody<TAction extends string, TExtra extends TProperties>(
  actions: readonly TAction[],
  extra: TExtra,
) {
  return Type.Object({
    action: literals(actions),
    version: Type.Integer({ minimum: 1 }),
    reason: Reason,
    ...extra,
  });
}
