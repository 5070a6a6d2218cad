// Supervision over HTTP: stored findings and their lifecycle, evaluations, the county brake.
import { Type } from '@sinclair/typebox';
import { governmentRoles } from '../identity/domain/roles.ts';
import { todayInShanghai } from '../platform/time/iso-date.ts';
import {
  DivisionCode,
  errorResponses,
  IdParams,
  IsoDate,
  listOf,
  NullableTimestamp,
  Reason,
  Timestamp,
} from '../server/schemas.ts';
import type { RoutePlugin } from '../server/types.ts';
import { findingActions, findingStatuses } from './domain/finding-lifecycle.ts';

const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const FindingSchema = Type.Object({
  id: Type.String(),
  findingKey: Type.String(),
  divisionCode: Type.String(),
  ruleCode: Type.String(),
  subjectKind: Type.String(),
  recordId: nullable(Type.String()),
  systemNumber: nullable(Type.String()),
  projectName: nullable(Type.String()),
  period: Type.String(),
  severity: literals(['error', 'warning'] as const),
  messageZh: Type.String(),
  messageEn: Type.String(),
  evidence: Type.Record(Type.String(), Type.Unknown()),
  status: literals(findingStatuses),
  firstSeenOn: IsoDate,
  resolvedOn: nullable(IsoDate),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const counts = {
  total: Type.Integer(),
  live: Type.Integer({ description: 'open or acknowledged' }),
  liveErrors: Type.Integer(),
  liveWarnings: Type.Integer(),
};

const FindingStatsSchema = Type.Object({
  byRule: Type.Array(Type.Object({ ruleCode: Type.String(), ...counts })),
  byDivision: Type.Array(
    Type.Object({ divisionCode: Type.String(), divisionName: Type.String(), ...counts }),
  ),
  byMonth: Type.Array(
    Type.Object({ month: Type.String({ description: 'YYYY-MM, first seen' }), ...counts }),
  ),
  totals: Type.Object(counts),
});

/** A county's brake (TL-SUP-06) for a year: also part of the reports' summary. */
export const countyBrakeFields = {
  divisionCode: Type.String(),
  divisionName: Type.String(),
  year: Type.Integer(),
  asOf: IsoDate,
  dueM2: Type.Number(),
  dueCount: Type.Integer(),
  overdueM2: Type.Number(),
  overdueCount: Type.Integer(),
  share: Type.Number(),
  threshold: Type.Number(),
  on: Type.Boolean(),
};

const Summary = Type.Object({
  runId: Type.String(),
  asOf: IsoDate,
  divisionCode: Type.String(),
  records: Type.Integer(),
  firing: Type.Integer(),
  inserted: Type.Integer(),
  reopened: Type.Integer(),
  refreshed: Type.Integer(),
  resolved: Type.Integer(),
  counties: Type.Integer(),
  brakesOn: Type.Array(Type.String()),
});

export const supervisionRoutes: RoutePlugin = (app, { findings, evaluations }) => {
  app.get(
    '/api/supervision/findings',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags: ['supervision'],
        summary:
          'Stored supervision findings in my division (rule, status, severity, division filters)',
        querystring: Type.Object({
          rule: Type.Optional(Type.String({ pattern: '^[A-Z]{2}(-[A-Z]+)+-[0-9]{2}$' })),
          status: Type.Optional(literals(findingStatuses)),
          severity: Type.Optional(literals(['error', 'warning'] as const)),
          divisionCode: Type.Optional(DivisionCode),
          recordId: Type.Optional(Type.String({ format: 'uuid' })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: {
          200: Type.Object({ items: Type.Array(FindingSchema), total: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    (request) => {
      const { rule, ...rest } = request.query;
      return findings.list(request.actor, { ...rest, ...(rule ? { ruleCode: rule } : {}) });
    },
  );

  app.get(
    '/api/supervision/findings/stats',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags: ['supervision'],
        summary:
          'Stored findings in my division counted by rule, by division and by the month first seen (all, live = open or acknowledged, live errors and warnings), for dashboards',
        querystring: Type.Object({
          divisionCode: Type.Optional(DivisionCode),
          from: Type.Optional(IsoDate),
          to: Type.Optional(IsoDate),
        }),
        response: { 200: FindingStatsSchema, ...errorResponses },
      },
    },
    (request) => findings.stats(request.actor, request.query),
  );

  app.get(
    '/api/supervision/findings/:id',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags: ['supervision'],
        summary: 'One supervision finding',
        params: IdParams,
        response: { 200: FindingSchema, ...errorResponses },
      },
    },
    (request) => findings.get(request.actor, request.params.id),
  );

  app.post(
    '/api/supervision/findings/:id/actions',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags: ['supervision'],
        summary:
          'Move a finding through its lifecycle: acknowledge, rectify (county and above), close or reopen (above the county)',
        params: IdParams,
        body: Type.Object({
          action: literals(findingActions),
          version: Type.Integer({ minimum: 1 }),
          reason: Reason,
        }),
        response: { 200: FindingSchema, ...errorResponses },
      },
    },
    (request) => findings.act(request.actor, request.params.id, request.body),
  );

  app.post(
    '/api/supervision/evaluations',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags: ['supervision'],
        summary:
          'Evaluate every rule and anomaly analysis in my division (or a part of it) as of a date; re-running never duplicates findings',
        body: Type.Object({
          asOf: Type.Optional(IsoDate),
          divisionCode: Type.Optional(DivisionCode),
        }),
        response: { 200: Summary, ...errorResponses },
      },
    },
    (request) =>
      evaluations.evaluate(request.actor, {
        asOf: request.body.asOf ?? todayInShanghai(),
        ...(request.body.divisionCode ? { divisionCode: request.body.divisionCode } : {}),
      }),
  );

  app.get(
    '/api/supervision/evaluations',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags: ['supervision'],
        summary: 'Recent evaluation runs covering my division',
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
        }),
        response: {
          200: listOf(
            Type.Object({
              id: Type.String(),
              asOf: IsoDate,
              divisionCode: Type.String(),
              triggeredBy: Type.String(),
              startedAt: Timestamp,
              finishedAt: NullableTimestamp,
              summary: Type.Record(Type.String(), Type.Unknown()),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: await findings.runs(request.actor, request.query.limit) }),
  );

  app.get(
    '/api/supervision/county-brake',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags: ['supervision'],
        summary:
          'TL-SUP-06 per county for a year, from the last evaluation: area due for reclamation, overdue by more than a year, share, brake on',
        querystring: Type.Object({
          year: Type.Integer({
            minimum: 2000,
            maximum: 2200,
            default: Number(todayInShanghai().slice(0, 4)),
          }),
        }),
        response: {
          200: listOf(Type.Object({ ...countyBrakeFields, runId: Type.String() })),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: await findings.countyBrakes(request.actor, request.query.year) }),
  );
};
