// Write-offs (核销, TL-SUP-04) over HTTP: ask for or make one with a legal reason code, list
// them (levels above see the divisions below), confirm or reject a county's request.
import { Type } from '@sinclair/typebox';
import { governmentRoles } from '../../identity/domain/roles.ts';
import { actionRoute, getRoute, listRoute } from '../../server/dossier-routes.ts';
import {
  DivisionCode,
  errorResponses,
  IsoDate,
  NullableTimestamp,
  Reason,
  Timestamp,
  literals,
  nullable,
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

const writeOffDossier = {
  path: '/api/supervision/write-offs',
  item: WriteOffSchema,
  tag: 'supervision',
  access: { roles: governmentRoles },
};

export const writeOffRoutes: RoutePlugin = (app, { writeOffs }) => {
  listRoute(app, writeOffDossier, {
    summary:
      'Write-offs in my division and every division below it (status pending lists those awaiting confirmation), newest first',
    filters: {
      status: Type.Optional(literals(writeOffStatuses)),
      divisionCode: Type.Optional(DivisionCode),
      reasonCode: Type.Optional(literals(writeOffReasonCodes)),
    },
    list: (actor, query) => writeOffs.list(actor, query),
  });

  getRoute(app, writeOffDossier, {
    summary: 'One write-off with its reason, case and decision',
    query: {},
    get: (actor, id) => writeOffs.get(actor, id),
  });

  app.post(
    writeOffDossier.path,
    {
      config: { access: writeOffDossier.access },
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

  actionRoute(app, writeOffDossier, {
    summary:
      "Confirm (the write-off takes effect) or reject a county's pending write-off; for the levels above the county",
    access: { roles: supervisorRoles },
    actions: writeOffActions,
    extra: {},
    act: (actor, id, body) => writeOffs.act(actor, id, body),
  });
};
