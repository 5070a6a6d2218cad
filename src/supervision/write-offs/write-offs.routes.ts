// Write-offs (核销, TL-SUP-04) over HTTP: ask for or make one with a legal reason code, list
// them (levels above see the divisions below), confirm or reject a county's request.
import { Type } from '@sinclair/typebox';
import { governmentRoles } from '../../identity/domain/roles.ts';
import {
  DivisionCode,
  errorResponses,
  IdParams,
  IsoDate,
  NullableTimestamp,
  Reason,
  Timestamp,
  literals,
  nullable,
  pageOf,
  paging,
} from '../../server/schemas.ts';
import type { RoutePlugin } from '../../server/types.ts';
import { supervisorRoles } from '../domain/status-machine.ts';
import { writeOffActions, writeOffReasonCodes, writeOffStatuses } from './domain/write-off.ts';

const WriteOffSchema = Type.Object({
  id: Type.String(),
  divisionCode: Type.String(),
  recordId: Type.String(),
  systemNumber: nullable(Type.String()),
  projectName: Type.String(),
  recordState: Type.String(),
  reasonCode: Type.String(),
  reason: Type.Object({ zh: Type.String(), en: Type.String(), basis: Type.String() }),
  caseId: nullable(Type.String()),
  polygonId: nullable(Type.String()),
  occurredOn: IsoDate,
  note: nullable(Type.String()),
  status: literals(writeOffStatuses),
  awaitingMe: Type.Boolean(),
  requestedBy: Type.String(),
  requestedRole: Type.String(),
  decidedBy: nullable(Type.String()),
  decidedRole: nullable(Type.String()),
  decidedAt: NullableTimestamp,
  decisionNote: nullable(Type.String()),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const government = { roles: governmentRoles };

export const writeOffRoutes: RoutePlugin = (app, { writeOffs }) => {
  app.get(
    '/api/supervision/write-offs',
    {
      config: { access: government },
      schema: {
        tags: ['supervision'],
        summary:
          'Write-offs in my division and every division below it (status pending lists those awaiting confirmation), newest first',
        querystring: Type.Object({
          status: Type.Optional(literals(writeOffStatuses)),
          divisionCode: Type.Optional(DivisionCode),
          reasonCode: Type.Optional(literals(writeOffReasonCodes)),
          ...paging,
        }),
        response: {
          200: pageOf(WriteOffSchema),
          ...errorResponses,
        },
      },
    },
    (request) => writeOffs.list(request.actor, request.query),
  );

  app.get(
    '/api/supervision/write-offs/:id',
    {
      config: { access: government },
      schema: {
        tags: ['supervision'],
        summary: 'One write-off with its reason, case and decision',
        params: IdParams,
        response: { 200: WriteOffSchema, ...errorResponses },
      },
    },
    (request) => writeOffs.get(request.actor, request.params.id),
  );

  app.post(
    '/api/supervision/write-offs',
    {
      config: { access: government },
      schema: {
        tags: ['supervision'],
        summary:
          "Write a record off with a legal reason code (TL-SUP-04): a county's request waits for confirmation by a level above; a city's, province's or ministry's takes effect at once. The record is kept with its history.",
        body: Type.Object({
          recordId: Type.String({ format: 'uuid' }),
          reasonCode: literals(writeOffReasonCodes),
          occurredOn: IsoDate,
          note: Type.Optional(Type.String({ maxLength: 2000 })),
          caseId: Type.Optional(Type.String({ format: 'uuid' })),
          reason: Reason,
        }),
        response: { 201: WriteOffSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { reason, ...input } = request.body;
      return reply.status(201).send(await writeOffs.request(request.actor, input, reason));
    },
  );

  app.post(
    '/api/supervision/write-offs/:id/actions',
    {
      config: { access: { roles: supervisorRoles } },
      schema: {
        tags: ['supervision'],
        summary:
          "Confirm (the write-off takes effect) or reject a county's pending write-off; for the levels above the county",
        params: IdParams,
        body: Type.Object({
          action: literals(writeOffActions),
          version: Type.Integer({ minimum: 1 }),
          reason: Reason,
        }),
        response: { 200: WriteOffSchema, ...errorResponses },
      },
    },
    (request) => writeOffs.act(request.actor, request.params.id, request.body),
  );
};
