// Acceptance criteria over HTTP (/api/restoration/criteria): officials read the rows that
// apply in their division; the ministry, provinces and cities keep their own division's
// table (add a row, or replace a region's set for a direction); anyone official checks
// indicator values against the set that applies in a division (TL-RECL-05).
import { Type } from '@sinclair/typebox';
import { governmentRoles, type Role } from '../identity/domain/roles.ts';
import { DivisionCode, errorResponses, Reason, listOf } from '../server/schemas.ts';
import type { RoutePlugin } from '../server/types.ts';
import {
  CheckSchema,
  CriterionRowBody,
  CriterionSchema,
  Direction,
  IndicatorValueSchema,
  RegionCode,
} from './restoration.schemas.ts';

const tags = ['restoration'];
const criteriaWriters: readonly Role[] = ['ministry', 'province', 'city'];
const writeScope =
  'Access: ministry, province, city. Scope: divisionCode (default: the caller’s) must lie inside the caller’s division (else 403 OUT_OF_SCOPE) and be the nation, a province or a city.';

export const criteriaRoutes: RoutePlugin = (app, { acceptanceCriteria }) => {
  app.get(
    '/api/restoration/criteria',
    {
      // Enterprises read them too: a land user's acceptance application is checked against them.
      config: { access: { roles: [...governmentRoles, 'enterprise'] } },
      schema: {
        tags,
        description:
          'Access: ministry, province, city, county, enterprise. Scope: rows of the caller’s division, those inside it and those above it (which apply to it).',
        summary:
          'Acceptance criteria (验收标准) as data: rows keyed by region, direction, indicator, operator, threshold and unit; demo rows are marked',
        querystring: Type.Object({
          divisionCode: Type.Optional(DivisionCode),
          region: Type.Optional(RegionCode),
          direction: Type.Optional(Direction),
        }),
        response: { 200: listOf(CriterionSchema), ...errorResponses },
      },
    },
    async (request) => ({ items: await acceptanceCriteria.list(request.actor, request.query) }),
  );

  app.post(
    '/api/restoration/criteria',
    {
      config: { access: { roles: criteriaWriters } },
      schema: {
        tags,
        description: writeScope,
        summary:
          'Add one criterion to a division’s table (409 if the same indicator and operator is set)',
        body: Type.Object({
          divisionCode: Type.Optional(DivisionCode),
          region: RegionCode,
          direction: Direction,
          ...CriterionRowBody.properties,
          reason: Reason,
        }),
        response: { 201: CriterionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { reason, divisionCode, ...row } = request.body;
      return reply
        .status(201)
        .send(
          await acceptanceCriteria.create(
            request.actor,
            divisionCode ?? request.actor.divisionCode,
            row,
            reason,
          ),
        );
    },
  );

  app.post(
    '/api/restoration/criteria/replace',
    {
      config: { access: { roles: criteriaWriters } },
      schema: {
        tags,
        description: writeScope,
        summary:
          'Replace a division’s set for one region and direction: its rows are superseded (kept in history), the given rows apply; an empty list clears it',
        body: Type.Object({
          divisionCode: Type.Optional(DivisionCode),
          region: RegionCode,
          direction: Direction,
          rows: Type.Array(CriterionRowBody, { maxItems: 200 }),
          reason: Reason,
        }),
        response: {
          200: Type.Object({ superseded: Type.Integer(), items: Type.Array(CriterionSchema) }),
          ...errorResponses,
        },
      },
    },
    (request) => {
      const { reason, divisionCode, ...input } = request.body;
      return acceptanceCriteria.replace(
        request.actor,
        { ...input, divisionCode: divisionCode ?? request.actor.divisionCode },
        reason,
      );
    },
  );

  app.post(
    '/api/restoration/criteria/check',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags,
        description:
          'Access: ministry, province, city, county. Scope: divisionCode must lie inside the caller’s division (else 403 OUT_OF_SCOPE). Writes nothing.',
        summary:
          'Check indicator values {indicator, value, unit} against the criteria that apply in a division for a region and direction: a finding per criterion (met, not met, missing, unit mismatch, ambiguous)',
        body: Type.Object({
          divisionCode: DivisionCode,
          region: RegionCode,
          direction: Direction,
          values: Type.Array(IndicatorValueSchema, { maxItems: 200 }),
        }),
        response: { 200: CheckSchema, ...errorResponses },
      },
    },
    (request) => acceptanceCriteria.check(request.actor, request.body),
  );
};
