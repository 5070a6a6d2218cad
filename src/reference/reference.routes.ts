// Public reference data: divisions, land classes, the working-day calendar; and the
// survey reference layers for government users.
import { Type } from '@sinclair/typebox';
import { governmentRoles } from '../identity/domain/roles.ts';
import { AppError } from '../platform/errors.ts';
import { daysBetween, requireIsoDate } from '../platform/time/iso-date.ts';
import {
  DivisionCode,
  errorResponses,
  IsoDate,
  listOf,
  Reason,
  Timestamp,
} from '../server/schemas.ts';
import type { RoutePlugin } from '../server/types.ts';
import { addWorkingDays, workingDaysBetween } from './calendar/domain/working-days.ts';
import { parseScheduleFile } from './calendar/domain/schedule-file.ts';
import { listYears } from './calendar/calendar.store.ts';
import { findDivision, listDivisions } from './divisions/divisions.store.ts';
import { listLandClasses } from './land-classes/land-classes.store.ts';
import { parseBbox } from './layers/layers.service.ts';

const DivisionSchema = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    level: Type.String(),
    parentCode: Type.Union([Type.String(), Type.Null()]),
    parentName: Type.Union([Type.String(), Type.Null()], {
      description: "the parent's name (a county's city or province), to tell namesakes apart",
    }),
    provinceCode: Type.String(),
    validFrom: Type.Union([Type.String(), Type.Null()]),
    validTo: Type.Union([Type.String(), Type.Null()]),
    supersededBy: Type.Union([Type.String(), Type.Null()]),
    source: Type.String(),
  },
  { $id: 'Division' },
);

const WorkingDayResult = Type.Object({
  date: Type.String(),
  provisional: Type.Boolean({
    description: 'true when a year in the span has no loaded official schedule',
  }),
});

const anyone = { roles: 'anyone' } as const;
/** Longest span a working-day count covers (about 50 years). */
const maxSpanDays = 18_000;

export const referenceRoutes: RoutePlugin = (app, { db, calendar, layers }) => {
  app.addSchema(DivisionSchema);

  app.get(
    '/api/divisions',
    {
      config: { access: anyone },
      schema: {
        tags: ['reference'],
        summary: 'Administrative divisions (GB/T 2260), filtered',
        description:
          'Access: anyone (public reference data). `parent`: the divisions directly under it (000000: the provinces); `within`: those inside (or equal to) it by code prefix (000000: all), e.g. a search in a province; `q`: a fragment of the name or the start of the code. Each carries its parent’s name to tell namesakes apart.',
        querystring: Type.Object({
          parent: Type.Optional(DivisionCode),
          level: Type.Optional(
            Type.Union(['nation', 'province', 'city', 'county'].map((l) => Type.Literal(l))),
          ),
          q: Type.Optional(
            Type.String({
              minLength: 1,
              maxLength: 40,
              description: 'a fragment of the name, or the start of the code',
            }),
          ),
          within: Type.Optional(DivisionCode),
          includeAbolished: Type.Boolean({ default: false }),
          limit: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }),
        }),
        response: { 200: listOf(Type.Ref(DivisionSchema)), ...errorResponses },
      },
    },
    async (request) => {
      const { parent, level, q, within, includeAbolished, limit } = request.query;
      return {
        items: await listDivisions(db, {
          ...(parent ? { parentCode: parent } : {}),
          ...(level ? { level: level as 'county' } : {}),
          ...(q ? { q } : {}),
          ...(within ? { within } : {}),
          includeAbolished,
          limit,
        }),
      };
    },
  );

  app.get(
    '/api/divisions/:code',
    {
      config: { access: anyone },
      schema: {
        tags: ['reference'],
        summary: 'One division, abolished codes included (with their successor)',
        params: Type.Object({ code: DivisionCode }),
        response: { 200: Type.Ref(DivisionSchema), ...errorResponses },
      },
    },
    async (request) => {
      const division = await findDivision(db, request.params.code);
      if (!division) {
        throw new AppError('not_found', {
          code: 'DIVISION_NOT_FOUND',
          messageZh: `行政区划代码不存在：${request.params.code}`,
          messageEn: `no division ${request.params.code}`,
        });
      }
      return division;
    },
  );

  app.get(
    '/api/land-classes',
    {
      config: { access: anyone },
      schema: {
        tags: ['reference'],
        summary:
          'Land classes (GB/T 21010-2017, third-survey working classes) with their 三大类 category',
        response: {
          200: listOf(
            Type.Object({
              code: Type.String(),
              nameZh: Type.String(),
              nameEn: Type.String(),
              level: Type.Integer(),
              parentCode: Type.Union([Type.String(), Type.Null()]),
              category: Type.Union([Type.String(), Type.Null()]),
              isCultivated: Type.Boolean(),
              isWetland: Type.Boolean(),
              source: Type.String(),
            }),
          ),
        },
      },
    },
    async () => ({ items: await listLandClasses(db) }),
  );

  app.get(
    '/api/calendar/years',
    {
      config: { access: anyone },
      schema: {
        tags: ['calendar'],
        summary:
          'Years with a loaded official holiday schedule, with their holidays and make-up days',
        response: {
          200: listOf(
            Type.Object({
              year: Type.Integer(),
              source: Type.String(),
              version: Type.Integer(),
              days: Type.Array(
                Type.Object({
                  date: Type.String(),
                  kind: Type.String(),
                  nameZh: Type.String(),
                  nameEn: Type.String(),
                }),
              ),
            }),
          ),
        },
      },
    },
    async () => ({ items: await listYears(db) }),
  );

  app.get(
    '/api/calendar/add-working-days',
    {
      config: { access: anyone },
      schema: {
        tags: ['calendar'],
        summary:
          'The n-th working day after a date (e.g. the 20-working-day registration deadline, TL-REG-01)',
        querystring: Type.Object({
          from: IsoDate,
          days: Type.Integer({ minimum: 0, maximum: 10000 }),
        }),
        response: { 200: WorkingDayResult, ...errorResponses },
      },
    },
    async (request) =>
      addWorkingDays(
        await calendar.calendar(),
        requireIsoDate(request.query.from, 'from'),
        request.query.days,
      ),
  );

  app.get(
    '/api/calendar/working-days-between',
    {
      config: { access: anyone },
      schema: {
        tags: ['calendar'],
        summary: 'Working days after `from` up to and including `to`',
        querystring: Type.Object({ from: IsoDate, to: IsoDate }),
        response: {
          200: Type.Object({ count: Type.Integer(), provisional: Type.Boolean() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const from = requireIsoDate(request.query.from, 'from');
      const to = requireIsoDate(request.query.to, 'to');
      if (Math.abs(daysBetween(from, to)) > maxSpanDays) {
        throw new AppError('invalid', {
          code: 'DATE_SPAN',
          messageZh: `日期跨度不能超过 ${maxSpanDays} 天`,
          messageEn: `the span may not exceed ${maxSpanDays} days`,
          location: { field: 'to' },
        });
      }
      return workingDaysBetween(await calendar.calendar(), from, to);
    },
  );

  app.post(
    '/api/calendar/import',
    {
      config: { access: { roles: ['ministry'], admin: true } },
      bodyLimit: 1024 * 1024,
      schema: {
        tags: ['calendar'],
        summary:
          "Load an official holiday schedule (Reclaim JSON, chinese-days JSON or CSV text); replaces that year's",
        body: Type.Object({
          fileName: Type.String({ minLength: 1, maxLength: 200 }),
          content: Type.String({ minLength: 1, maxLength: 512 * 1024 }),
          source: Type.Optional(
            Type.String({
              minLength: 2,
              maxLength: 200,
              description: 'e.g. 国办发明电〔2026〕N号',
            }),
          ),
          reason: Reason,
        }),
        response: {
          200: listOf(
            Type.Object({
              year: Type.Integer(),
              action: Type.String(),
              holidays: Type.Integer(),
              workdays: Type.Integer(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { fileName, content, source, reason } = request.body;
      const schedules = parseScheduleFile(content, fileName, source);
      return { items: await calendar.importSchedules(request.actor, schedules, reason) };
    },
  );

  app.get(
    '/api/layers/batches',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags: ['layers'],
        summary:
          'Loaded survey reference layers (land classes, permanent basic farmland) in my division',
        response: {
          200: listOf(
            Type.Object({
              id: Type.String(),
              layer: Type.String(),
              divisionCode: Type.String(),
              surveyYear: Type.Integer(),
              source: Type.String(),
              featureCount: Type.Integer(),
              status: Type.String(),
              version: Type.Integer(),
              createdAt: Timestamp,
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: await layers.batches(request.actor) }),
  );

  app.get(
    '/api/layers/:layer/features',
    {
      config: { access: { roles: governmentRoles } },
      schema: {
        tags: ['layers'],
        summary: 'Reference-layer polygons in a bbox (GeoJSON, EPSG:4490 [lng, lat])',
        params: Type.Object({
          layer: Type.Union([Type.Literal('land_class'), Type.Literal('farmland')]),
        }),
        querystring: Type.Object({
          bbox: Type.String({ description: 'minLng,minLat,maxLng,maxLat (EPSG:4490)' }),
          limit: Type.Integer({ minimum: 1, maximum: 10000, default: 2000 }),
        }),
        response: {
          200: Type.Object({
            type: Type.Literal('FeatureCollection'),
            features: Type.Array(Type.Any()),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const bbox = parseBbox(request.query.bbox);
      const { collection } = await layers.features(
        request.actor,
        request.params.layer,
        bbox,
        request.query.limit,
      );
      return collection as { type: 'FeatureCollection'; features: unknown[] };
    },
  );
};
