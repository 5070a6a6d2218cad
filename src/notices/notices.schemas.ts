// The notice board's shapes on the wire (OpenAPI): kinds, notices, objections, receipts.
import { Type } from '@sinclair/typebox';
import { IsoDate, NullableTimestamp, Timestamp, literals, nullable } from '../server/schemas.ts';
import { noticeStates, objectionStatuses } from './domain/notice-lifecycle.ts';
import { periodUnits } from './domain/notice-kinds.ts';
import { subjectTypes } from './notices.store.ts';

const Names = Type.Object({ zh: Type.String(), en: Type.String() });

export const PeriodSchema = Type.Object(
  {
    length: Type.Integer({ minimum: 1, maximum: 366 }),
    unit: literals(periodUnits),
  },
  {
    description:
      'days counted from the day after the start (working_days skip weekends and holidays, count 调休 days)',
  },
);

export const NoticeKindSchema = Type.Object({
  code: Type.String(),
  name: Names,
  window: PeriodSchema,
  answer: PeriodSchema,
  minimumWindowDays: Type.Optional(Type.Integer()),
  ruleCodes: Type.Array(Type.String()),
  source: literals(['seed', 'local practice', 'assumed'] as const),
  basis: Names,
  setBy: literals(['national', 'provincial'] as const),
  overridden: Type.Array(
    Type.Object({ key: Type.String(), national: PeriodSchema, provincial: PeriodSchema }),
  ),
  provincialNote: nullable(Type.String()),
});

export const PlaceSchema = Type.Object(
  {
    type: literals(['Point', 'Polygon', 'MultiPolygon'] as const),
    coordinates: Type.Array(Type.Any()),
  },
  { description: 'GeoJSON Point, Polygon or MultiPolygon, [lng, lat] in EPSG:4490' },
);

export const NoticeSchema = Type.Object({
  id: Type.String(),
  divisionCode: Type.String(),
  divisionName: Type.String(),
  kind: Type.Object({ code: Type.String(), name: Names }),
  subject: nullable(Type.Object({ type: Type.String(), id: Type.String() })),
  title: Type.Object({ zh: Type.String(), en: nullable(Type.String()) }),
  body: Type.Object({ zh: Type.String(), en: nullable(Type.String()) }),
  place: nullable(Type.Record(Type.String(), Type.Unknown())),
  state: literals(noticeStates),
  publishedAt: NullableTimestamp,
  window: nullable(
    Type.Object({
      length: Type.Integer(),
      unit: literals(periodUnits),
      publishedOn: IsoDate,
      endsOn: Type.String({ description: 'the last day objections are accepted (inclusive)' }),
      provisional: Type.Boolean(),
      open: Type.Boolean(),
      lastDay: Type.Boolean(),
      daysRemaining: Type.Integer({
        description: 'days of the unit left after today (0 on the last day, which is still open)',
      }),
    }),
  ),
  answerPeriod: nullable(PeriodSchema),
  basis: nullable(Type.Record(Type.String(), Type.Unknown())),
  closedAt: NullableTimestamp,
  withdrawnAt: NullableTimestamp,
  withdrawnReason: nullable(Type.String()),
  createdBy: nullable(Type.String()),
  objections: nullable(
    Type.Object({ total: Type.Integer(), awaitingAnswer: Type.Integer(), overdue: Type.Integer() }),
  ),
  asOf: IsoDate,
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const noticeFields = {
  kindCode: Type.String({ minLength: 2, maxLength: 40 }),
  subjectType: nullable(literals(subjectTypes)),
  subjectId: nullable(Type.String({ format: 'uuid' })),
  titleZh: Type.String({ minLength: 1, maxLength: 200 }),
  titleEn: nullable(Type.String({ minLength: 1, maxLength: 200 })),
  bodyZh: Type.String({ minLength: 1, maxLength: 20000 }),
  bodyEn: nullable(Type.String({ minLength: 1, maxLength: 20000 })),
  place: nullable(PlaceSchema),
};

export const NewNoticeBody = Type.Object({
  divisionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
  kindCode: noticeFields.kindCode,
  subjectType: Type.Optional(noticeFields.subjectType),
  subjectId: Type.Optional(noticeFields.subjectId),
  titleZh: noticeFields.titleZh,
  titleEn: Type.Optional(noticeFields.titleEn),
  bodyZh: noticeFields.bodyZh,
  bodyEn: Type.Optional(noticeFields.bodyEn),
  place: Type.Optional(noticeFields.place),
});

export const NoticeChangeBody = Type.Partial(Type.Object(noticeFields));

export const ObjectionSchema = Type.Object({
  id: Type.String(),
  noticeId: Type.String(),
  noticeTitleZh: Type.String(),
  divisionCode: Type.String(),
  receiptHint: Type.String({
    description: 'date part and last group of the receipt, to identify it on the phone',
  }),
  body: Type.String(),
  contact: nullable(Type.String()),
  receivedAt: Timestamp,
  receivedOn: IsoDate,
  answerDueOn: IsoDate,
  status: literals(objectionStatuses),
  assigneeId: nullable(Type.String()),
  assigneeName: nullable(Type.String()),
  answer: nullable(Type.String()),
  answeredAt: NullableTimestamp,
  answeredOn: nullable(IsoDate),
  answeredBy: nullable(Type.String()),
  statusNote: nullable(Type.String()),
  answerDeadline: Type.Object({
    dueOn: IsoDate,
    unit: literals(periodUnits),
    daysLeft: Type.Integer(),
    overdue: Type.Boolean(),
    daysOverdue: Type.Integer(),
    answeredLate: Type.Boolean(),
  }),
  asOf: IsoDate,
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const FiledObjectionSchema = Type.Object({
  receipt: Type.String({
    description: 'keep it: the only key to the answer (PN + date received + 12 random characters)',
  }),
  noticeId: Type.String(),
  receivedOn: IsoDate,
  answerDueOn: IsoDate,
});

export const ReceiptSchema = Type.Object({
  receipt: Type.String(),
  noticeId: Type.String(),
  noticeTitleZh: Type.String(),
  noticeTitleEn: nullable(Type.String()),
  receivedOn: IsoDate,
  answerDueOn: IsoDate,
  status: literals(objectionStatuses),
  overdue: Type.Boolean(),
  answer: nullable(Type.String()),
  answeredOn: nullable(IsoDate),
});
