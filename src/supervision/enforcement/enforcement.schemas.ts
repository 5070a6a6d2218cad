// Response schemas of the enforcement routes (one shape per kind in OpenAPI).
import { Type, type TSchema } from '@sinclair/typebox';
import { IsoDate, NullableTimestamp, Timestamp } from '../../server/schemas.ts';
import { coverageCauses, coverageStatuses } from './domain/coverage.ts';
import { observedUses } from './domain/observed-use.ts';
import { verdicts, verificationStates } from './domain/verification.ts';

export const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const sources = ['satellite_enforcement', 'change_survey'] as const;
export const Month = Type.String({
  pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
  description: 'YYYY-MM',
});

const Counts = Type.Object(
  {
    polygons: Type.Integer(),
    covered: Type.Integer(),
    partlyCovered: Type.Integer(),
    uncovered: Type.Integer(),
    areaM2: Type.Number(),
    coveredM2: Type.Number(),
    useDiffersM2: Type.Number(),
    notRegisteredM2: Type.Number(),
    expiredM2: Type.Number(),
    outsideM2: Type.Number(),
  },
  { description: "the batch's polygons inside your division, by coverage; areas in m²" },
);

const batchFields = {
  id: Type.String(),
  source: literals(sources),
  externalId: Type.String({ description: "the deliverer's batch id" }),
  month: Month,
  divisionCode: Type.String(),
  files: Type.Array(
    Type.Object({
      name: Type.String(),
      format: Type.String(),
      sizeBytes: Type.Integer(),
      sha256: Type.String(),
    }),
  ),
  filesSha256: Type.String(),
  contentSha256: Type.String(),
  featureCount: Type.Integer(),
  areaM2: Type.Number(),
  status: literals(['current', 'superseded'] as const),
  supersedes: nullable(Type.String()),
  supersededBy: nullable(Type.String()),
  computedAt: NullableTimestamp,
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const BatchSchema = Type.Object(batchFields);
export const BatchWithCountsSchema = Type.Object({ ...batchFields, inScope: Counts });

export const CrosscheckSchema = Type.Object({
  polygons: Type.Integer(),
  findings: Type.Object({
    firing: Type.Integer(),
    inserted: Type.Integer(),
    reopened: Type.Integer(),
    refreshed: Type.Integer(),
    resolved: Type.Integer(),
  }),
});

const Geometry = Type.Object(
  { type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Any()) },
  { description: 'GeoJSON MultiPolygon, [lng, lat] in EPSG:4490' },
);

const causeAreas = Type.Object(
  Object.fromEntries(coverageCauses.map((c) => [c, Type.Number()])) as Record<
    (typeof coverageCauses)[number],
    ReturnType<typeof Type.Number>
  >,
  { description: 'uncovered area by cause, m² on the ellipsoid' },
);

const polygonFields = {
  id: Type.String(),
  batchId: Type.String(),
  source: literals(sources),
  month: Month,
  externalBatchId: Type.String(),
  surveyCode: nullable(Type.String()),
  divisionCode: Type.String(),
  changeType: nullable(Type.String()),
  landClassCode: nullable(Type.String()),
  observedUse: literals(observedUses),
  areaM2: Type.Number(),
};

export const PolygonCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  total: Type.Integer({ description: 'polygons matching the filters' }),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.String(),
      geometry: Geometry,
      properties: Type.Object({
        ...polygonFields,
        coveredM2: nullable(Type.Number()),
        coverage: nullable(Type.Number({ description: 'covered share, 0…1' })),
        status: nullable(literals(coverageStatuses)),
        primaryCause: nullable(literals(coverageCauses)),
        causes: nullable(causeAreas),
        verification: literals(verificationStates),
        verdict: nullable(literals(verdicts)),
      }),
    }),
  ),
});

const CauseDetail = Type.Object({ areaM2: Type.Number(), records: Type.Array(Type.String()) });

export const VerificationSchema = Type.Object({
  id: Type.Optional(Type.String()),
  state: literals(verificationStates),
  assigneeId: Type.Optional(nullable(Type.String())),
  assigneeName: Type.Optional(nullable(Type.String())),
  verdict: Type.Optional(nullable(literals(verdicts))),
  verdictReason: Type.Optional(nullable(Type.String())),
  verdictBy: Type.Optional(nullable(Type.String())),
  verdictOn: Type.Optional(nullable(IsoDate)),
  version: Type.Integer({ description: '0 while pending; send it back with the next action' }),
});

export const PhotoSchema = Type.Object({
  id: Type.String(),
  polygonId: Type.String(),
  fileName: Type.String(),
  contentType: Type.String(),
  sha256: Type.String(),
  sizeBytes: Type.Integer(),
  takenOn: nullable(IsoDate),
  status: Type.String(),
  version: Type.Integer(),
  createdAt: Timestamp,
});

export const PolygonDetail = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String(),
  geometry: Geometry,
  properties: Type.Object({
    ...polygonFields,
    batchStatus: literals(['current', 'superseded'] as const),
    fileName: Type.String(),
    feature: Type.Integer(),
    detectedOn: nullable(IsoDate),
    attributes: Type.Record(Type.String(), Type.Unknown(), { description: 'as delivered' }),
    coverage: nullable(
      Type.Object({
        areaM2: Type.Number(),
        coveredM2: Type.Number(),
        coverage: Type.Number(),
        coveredRecords: Type.Array(Type.String()),
        causes: Type.Object(
          Object.fromEntries(coverageCauses.map((c) => [c, CauseDetail])) as Record<
            (typeof coverageCauses)[number],
            typeof CauseDetail
          >,
        ),
        toleranceM2: Type.Number(),
        status: literals(coverageStatuses),
        primaryCause: nullable(literals(coverageCauses)),
        computedAt: Timestamp,
      }),
    ),
    records: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          visible: Type.Boolean(),
          systemNumber: nullable(Type.String()),
          projectName: nullable(Type.String()),
          state: nullable(Type.String()),
          useType: nullable(Type.String()),
          divisionCode: nullable(Type.String()),
          termStart: nullable(IsoDate),
          termEnd: nullable(IsoDate),
        },
        { description: 'records the coverage names; outside your division only the id is shown' },
      ),
    ),
    finding: nullable(
      Type.Object({ id: Type.String(), status: Type.String(), severity: Type.String() }),
    ),
    verification: VerificationSchema,
    events: Type.Array(
      Type.Object({
        action: Type.String(),
        fromState: Type.String(),
        toState: Type.String(),
        detail: Type.Record(Type.String(), Type.Unknown()),
        note: Type.String(),
        recordedAt: Timestamp,
        recordedBy: Type.String(),
      }),
    ),
    photos: Type.Array(PhotoSchema),
  }),
});
