// Schemas shared by many routes (error body, ids, paging), so OpenAPI shows one shape.
import { Type, type TSchema } from '@sinclair/typebox';

export const Problem = Type.Object(
  {
    code: Type.String(),
    messageZh: Type.String(),
    messageEn: Type.String(),
    location: Type.Optional(
      Type.Object({
        file: Type.Optional(Type.String()),
        line: Type.Optional(Type.Integer()),
        feature: Type.Optional(Type.Integer()),
        part: Type.Optional(Type.Integer({ description: 'polygon of a MultiPolygon, 1-based' })),
        ring: Type.Optional(Type.Integer()),
        vertex: Type.Optional(Type.Integer()),
        field: Type.Optional(Type.String()),
      }),
    ),
  },
  { $id: 'Problem' },
);

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'stable error code' }),
      message: Type.String({ description: 'English message' }),
      messageZh: Type.String({ description: '中文说明' }),
      problems: Type.Array(Type.Ref(Problem)),
    }),
  },
  { $id: 'ErrorBody' },
);

export const errorResponses = {
  400: Type.Ref(ErrorBody),
  401: Type.Ref(ErrorBody),
  403: Type.Ref(ErrorBody),
  404: Type.Ref(ErrorBody),
  409: Type.Ref(ErrorBody),
  429: Type.Ref(ErrorBody),
};

/** A time in a response: a Date in code, an ISO 8601 string on the wire. */
export const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
export const NullableTimestamp = Type.Unsafe<Date | string | null>({
  type: ['string', 'null'],
  format: 'date-time',
});

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });
export const Reason = Type.String({
  minLength: 2,
  maxLength: 500,
  description: 'why the change is made (kept in history)',
});
export const IsoDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'YYYY-MM-DD (Asia/Shanghai)',
});
export const DivisionCode = Type.String({
  pattern: '^[0-9]{6}$',
  description: 'GB/T 2260 division code',
});

export const listOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });

/** One of `values`, as a union of literals (OpenAPI shows an enum). */
export const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));

export const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A page of a list: the items and how many there are in all. */
export const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer() });

/** Query parameters of a paged list. */
export const paging = {
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
};
