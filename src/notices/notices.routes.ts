// The notice board over HTTP (PN-01/PN-02): kinds as a province has them, notices (the
// public reads published ones without logging in; officials create, edit drafts, publish,
// close, withdraw in their division), objections (the public files them, rate-limited per
// client address, and looks up the answer by receipt; officials handle them in scope).
import { Type } from '@sinclair/typebox';
import { governmentRoles, type Role } from '../identity/domain/roles.ts';
import {
  DivisionCode,
  errorResponses,
  IdParams,
  Reason,
  literals,
  nullable,
  pageOf,
  paging,
} from '../server/schemas.ts';
import { parseBbox } from '../reference/layers/layers.service.ts';
import type { RoutePlugin } from '../server/types.ts';
import {
  noticeActions,
  noticeStates,
  objectionActions,
  objectionStatuses,
} from './domain/notice-lifecycle.ts';
import {
  FiledObjectionSchema,
  NewNoticeBody,
  NoticeChangeBody,
  NoticeKindSchema,
  NoticeSchema,
  ObjectionSchema,
  PeriodSchema,
  ReceiptSchema,
} from './notices.schemas.ts';
import { subjectTypes } from './notices.store.ts';

const government = { roles: governmentRoles };
const rulePackWriters: readonly Role[] = ['ministry', 'province'];
const tags = ['notices'];

export const noticeRoutes: RoutePlugin = (app, { config, notices, noticeKinds, objections }) => {
  app.get(
    '/api/notices/kinds',
    {
      config: { access: government },
      schema: {
        tags,
        description:
          'Access: ministry, province, city, county. Scope: divisionCode must lie inside the caller’s division (else 403 OUT_OF_SCOPE).',
        summary:
          'Notice kinds (PN-02) as they hold in a division’s province: window and answer period, national or provincial, with their basis',
        querystring: Type.Object({ divisionCode: Type.Optional(DivisionCode) }),
        response: { 200: Type.Object({ items: Type.Array(NoticeKindSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await noticeKinds.list(request.actor, request.query.divisionCode),
    }),
  );

  app.post(
    '/api/notices/kinds/:code/override',
    {
      config: { access: { roles: rulePackWriters } },
      schema: {
        tags,
        description:
          'Access: ministry, province. Scope: the caller’s province (the ministry: any province); recorded in that province’s rule pack, with history.',
        summary:
          'Set or clear (null) a province’s window or answer period for one kind, in its rule pack (provinces and the ministry; versioned with a reason)',
        params: Type.Object({ code: Type.String({ minLength: 2, maxLength: 40 }) }),
        body: Type.Object({
          divisionCode: DivisionCode,
          window: Type.Optional(nullable(PeriodSchema)),
          answer: Type.Optional(nullable(PeriodSchema)),
          note: Type.Optional(nullable(Type.String({ minLength: 1, maxLength: 500 }))),
          reason: Reason,
        }),
        response: { 200: NoticeKindSchema, ...errorResponses },
      },
    },
    (request) => {
      const { reason, ...input } = request.body;
      return noticeKinds.setOverride(request.actor, request.params.code, input, reason);
    },
  );

  app.get(
    '/api/notices',
    {
      config: { access: { roles: 'anyone' } },
      schema: {
        tags,
        description:
          'Access: anyone. Scope: the public and enterprises see published and closed notices nationwide, without objection counts or creator; officials see every notice of their division, drafts and withdrawn ones included.',
        summary:
          'Notices: the public sees published and closed ones nationwide, officials every notice in their division; open=true lists those taking objections today, open=false the others',
        querystring: Type.Object({
          state: Type.Optional(literals(noticeStates)),
          kindCode: Type.Optional(Type.String({ maxLength: 40 })),
          divisionCode: Type.Optional(DivisionCode),
          subjectType: Type.Optional(literals(subjectTypes)),
          subjectId: Type.Optional(Type.String({ format: 'uuid' })),
          open: Type.Optional(Type.Boolean()),
          bbox: Type.Optional(
            Type.String({
              description: 'only notices whose place meets minLng,minLat,maxLng,maxLat (EPSG:4490)',
            }),
          ),
          ...paging,
        }),
        response: { 200: pageOf(NoticeSchema), ...errorResponses },
      },
    },
    (request) => {
      const { bbox, ...filter } = request.query;
      return notices.list(request.actor, { ...filter, ...(bbox ? { bbox: parseBbox(bbox) } : {}) });
    },
  );

  app.post(
    '/api/notices',
    {
      config: { access: government },
      schema: {
        tags,
        description:
          'Access: ministry, province, city, county. Scope: divisionCode (default: the caller’s) must lie inside the caller’s division; a temporary-land subject must be a record the caller sees inside that division.',
        summary: 'Create a draft notice in my division (or a division inside it)',
        body: Type.Object({ ...NewNoticeBody.properties, reason: Reason }),
        response: { 201: NoticeSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { reason, ...input } = request.body;
      return reply.status(201).send(await notices.create(request.actor, input, reason));
    },
  );

  app.get(
    '/api/notices/objections',
    {
      config: { access: government },
      schema: {
        tags,
        description:
          'Access: ministry, province, city, county. Scope: objections on notices of the caller’s division only.',
        summary:
          'Objections on notices in my division, earliest answer deadline first; overdue=true lists those past it without an answer',
        querystring: Type.Object({
          noticeId: Type.Optional(Type.String({ format: 'uuid' })),
          status: Type.Optional(literals(objectionStatuses)),
          overdue: Type.Optional(Type.Boolean()),
          ...paging,
        }),
        response: { 200: pageOf(ObjectionSchema), ...errorResponses },
      },
    },
    (request) => objections.list(request.actor, request.query),
  );

  app.post(
    '/api/notices/objections/lookup',
    {
      config: {
        access: { roles: 'anyone' },
        rateLimit: { max: config.receiptLookupsPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags,
        description:
          'Access: anyone, rate-limited per client address (RECLAIM_RECEIPT_CHECKS_PER_MINUTE). Scope: the one objection the receipt belongs to; returns its status and answer only.',
        summary:
          'Look up an objection by its receipt: its status and the answer (sent in the body so the receipt stays out of access logs; rate-limited)',
        body: Type.Object({ receipt: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: ReceiptSchema, ...errorResponses },
      },
    },
    (request) => objections.lookup(request.body.receipt),
  );

  app.get(
    '/api/notices/objections/:id',
    {
      config: { access: government },
      schema: {
        tags,
        description:
          'Access: ministry, province, city, county. Scope: the caller’s division (404 outside it).',
        summary: 'One objection in my division, with its answer deadline counted as of today',
        params: IdParams,
        response: { 200: ObjectionSchema, ...errorResponses },
      },
    },
    (request) => objections.get(request.actor, request.params.id),
  );

  app.post(
    '/api/notices/objections/:id/actions',
    {
      config: { access: government },
      schema: {
        tags,
        description:
          'Access: ministry, province, city, county. Scope: the caller’s division (404 outside it); an assignee must be an official whose division includes the notice’s.',
        summary:
          'Handle an objection: assign (assigneeId), answer (answer), close an answered one; needs the version you read and a reason',
        params: IdParams,
        body: Type.Object({
          action: literals(objectionActions),
          version: Type.Integer({ minimum: 1 }),
          reason: Reason,
          assigneeId: Type.Optional(Type.String({ format: 'uuid' })),
          answer: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
          note: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
        response: { 200: ObjectionSchema, ...errorResponses },
      },
    },
    (request) => objections.act(request.actor, request.params.id, request.body),
  );

  app.get(
    '/api/notices/:id',
    {
      config: { access: { roles: 'anyone' } },
      schema: {
        tags,
        description:
          'Access: anyone. Scope: the public and enterprises read published and closed notices; officials any notice of their division (404 otherwise).',
        summary:
          'One notice with its window counted as of today (the public: published or closed ones only)',
        params: IdParams,
        response: { 200: NoticeSchema, ...errorResponses },
      },
    },
    (request) => notices.get(request.actor, request.params.id),
  );

  app.patch(
    '/api/notices/:id',
    {
      config: { access: government },
      schema: {
        tags,
        description:
          'Access: ministry, province, city, county. Scope: the caller’s division (404 outside it).',
        summary: 'Change a draft notice; needs the version you read and a reason',
        params: IdParams,
        body: Type.Object({
          ...NoticeChangeBody.properties,
          version: Type.Integer({ minimum: 1 }),
          reason: Reason,
        }),
        response: { 200: NoticeSchema, ...errorResponses },
      },
    },
    (request) => {
      const { reason, ...input } = request.body;
      return notices.update(request.actor, request.params.id, input, reason);
    },
  );

  app.post(
    '/api/notices/:id/actions',
    {
      config: { access: government },
      schema: {
        tags,
        description:
          'Access: ministry, province, city, county. Scope: the caller’s division (404 outside it).',
        summary:
          'Publish a draft (its window is computed now on the working-day calendar), close after the window, or withdraw with a reason',
        params: IdParams,
        body: Type.Object({
          action: literals(noticeActions),
          version: Type.Integer({ minimum: 1 }),
          reason: Reason,
        }),
        response: { 200: NoticeSchema, ...errorResponses },
      },
    },
    (request) => notices.act(request.actor, request.params.id, request.body),
  );

  app.post(
    '/api/notices/:id/objections',
    {
      config: {
        access: { roles: 'anyone' },
        rateLimit: { max: config.objectionsPerHour, timeWindow: '1 hour' },
      },
      schema: {
        tags,
        description:
          'Access: anyone (filed as the public, whoever is logged in), rate-limited per client address (RECLAIM_OBJECTIONS_PER_HOUR). Scope: any published notice inside its window; drafts and withdrawn notices answer 404.',
        summary:
          'File an objection or question on a published notice inside its window (no login; rate-limited per client address); returns the receipt',
        params: IdParams,
        body: Type.Object({
          body: Type.String({ minLength: 1, maxLength: 2000 }),
          contact: Type.Optional(nullable(Type.String({ minLength: 1, maxLength: 200 }))),
        }),
        response: { 201: FiledObjectionSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await objections.file(request.params.id, request.body)),
  );
};
