// The back-fill API's shapes (TL-STOCK-01): batches with their counts, polygons with the
// classifier's decision, evidence and what followed, the import's result. The web app reads its
// types from these.
import { Type } from '@sinclair/typebox';
import { IsoDate, Timestamp, literals, nullable } from '../../server/schemas.ts';
import { OrderSchema } from '../rectification/rectification.routes.ts';
import { CaseSchema } from '../illegal-cases/illegal-cases.routes.ts';
import { backfillClasses } from './domain/classify.ts';
import { evidenceKinds, evidenceShows } from './domain/signals.ts';

/** A JSON object whose shape the docs describe (attributes, facts, signals). */
const Json = Type.Unsafe<object>({ type: 'object', additionalProperties: true });

const ClassCounts = Type.Object(
  Object.fromEntries(backfillClasses.map((c) => [c, Type.Integer()])) as Record<
    (typeof backfillClasses)[number],
    ReturnType<typeof Type.Integer>
  >,
);

const Counts = Type.Object({
  polygons: Type.Integer(),
  areaM2: Type.Number(),
  byClass: ClassCounts,
  recordsCreated: Type.Integer(),
  recordsLinked: Type.Integer(),
  reviewDue: Type.Integer(),
  overridden: Type.Integer(),
  openOrders: Type.Integer(),
  openCases: Type.Integer(),
});

export const BatchSchema = Type.Object({
  id: Type.String(),
  divisionCode: Type.String(),
  surveyYear: Type.Integer(),
  asOf: IsoDate,
  source: Type.String(),
  files: Type.Array(Json),
  contentSha256: Type.String(),
  settings: Json,
  importedBy: Type.String(),
  version: Type.Integer(),
  createdAt: Timestamp,
  counts: Counts,
});

const Letter = literals(['a', 'b', 'c', 'd'] as const);
const Name = Type.Object({ zh: Type.String(), en: Type.String() });

const PolygonSummary = {
  id: Type.String(),
  batchId: Type.String(),
  divisionCode: Type.String(),
  surveyYear: Type.Integer(),
  file: Type.String(),
  feature: Type.Integer(),
  surveyCode: nullable(Type.String()),
  attributes: Json,
  facts: Json,
  areaM2: Type.Number(),
  class: literals(backfillClasses),
  letter: Letter,
  className: Name,
  decision: Type.Object(
    {
      rule: Type.String(),
      class: literals(backfillClasses),
      grounds: Type.String(),
      messageZh: Type.String(),
      messageEn: Type.String(),
      basis: Type.Array(Json),
      contrary: Type.Array(Json),
      dates: nullable(Json),
      review: Type.Array(Json),
    },
    { additionalProperties: true, description: 'the classifier and what decided it' },
  ),
  override: nullable(Json),
  reviewDue: Type.Boolean(),
  recordId: nullable(Type.String()),
  recordLink: nullable(literals(['created', 'linked'] as const)),
  recordState: nullable(Type.String()),
  systemNumber: nullable(Type.String()),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const PolygonSummarySchema = Type.Object(PolygonSummary);

const Evidence = Type.Object({
  id: Type.String(),
  polygonId: Type.String(),
  kind: literals(evidenceKinds),
  shows: literals(evidenceShows),
  note: nullable(Type.String()),
  fileName: nullable(Type.String()),
  contentType: nullable(Type.String()),
  sha256: nullable(Type.String()),
  sizeBytes: nullable(Type.Integer()),
  status: Type.String(),
  version: Type.Integer(),
  createdAt: Timestamp,
});

const MultiPolygon = Type.Object(
  { type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Any()) },
  { description: 'GeoJSON MultiPolygon, [lng, lat] in EPSG:4490' },
);

export const PolygonViewSchema = Type.Object({
  ...PolygonSummary,
  geometry: MultiPolygon,
  evidence: Type.Array(Evidence),
  orders: Type.Array(OrderSchema),
  cases: Type.Array(CaseSchema),
  steps: Type.Optional(Type.Array(Type.String())),
});

export const BackfillFeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  total: Type.Integer({ description: 'polygons matching the filters' }),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.String(),
      geometry: MultiPolygon,
      properties: Type.Object({
        id: Type.String(),
        batchId: Type.String(),
        divisionCode: Type.String(),
        surveyCode: nullable(Type.String()),
        projectName: nullable(Type.String({ description: "the survey's 项目名称, if given" })),
        areaM2: Type.Number(),
        class: literals(backfillClasses),
        letter: Letter,
        reviewDue: Type.Boolean(),
        overridden: Type.Boolean({ description: 'a supervisor ruled on the class' }),
      }),
    }),
  ),
});

export const ImportResult = Type.Object({
  batchId: Type.String(),
  alreadyImported: Type.Boolean(),
  dryRun: Type.Boolean(),
  divisionCode: Type.String(),
  asOf: IsoDate,
  surveyYear: Type.Integer(),
  source: Type.String(),
  rectificationDays: Type.Integer(),
  counts: Counts,
  polygons: Type.Array(
    Type.Object({
      id: Type.String(),
      file: Type.String(),
      feature: Type.Integer(),
      surveyCode: nullable(Type.String()),
      class: literals(backfillClasses),
      letter: Letter,
      grounds: Type.String(),
      recordId: nullable(Type.String()),
      recordLink: nullable(Type.String()),
      orderId: nullable(Type.String()),
      caseId: nullable(Type.String()),
      reviewDue: Type.Boolean(),
    }),
  ),
  warnings: Type.Array(Type.Ref('Problem')),
});
