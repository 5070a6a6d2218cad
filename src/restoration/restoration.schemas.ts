// Restoration's shapes on the wire (OpenAPI): projects with progress, measurements, funding,
// attachments, acceptance criteria and their check, the dashboard.
import { Type } from '@sinclair/typebox';
import { IsoDate, Timestamp, literals, nullable } from '../server/schemas.ts';
import { criterionOperators } from './domain/criteria-check.ts';
import { projectStates } from './domain/project-lifecycle.ts';
import {
  damageKinds,
  fundingSources,
  measurementSources,
  reclamationDirections,
  restorationTypes,
} from './domain/restoration-terms.ts';

export const RegionCode = Type.String({
  pattern: '^[a-z][a-z0-9_]{1,39}$',
  description:
    'reclamation region (复垦区域) code as the bureau keys its criteria, e.g. huang_huai_hai_plain',
});
export const Direction = literals(reclamationDirections);
const Percent = Type.Number({ minimum: 0, maximum: 100 });

/** Area per restoration type in m² (only the types that apply). */
export const AreaByTypeSchema = Type.Partial(
  Type.Object(
    Object.fromEntries(restorationTypes.map((t) => [t, Type.Number({ minimum: 0 })])) as Record<
      (typeof restorationTypes)[number],
      ReturnType<typeof Type.Number>
    >,
  ),
  {
    additionalProperties: false,
    description: 'm² per restoration type, on the CGCS2000 ellipsoid',
  },
);

export const GeometryInput = Type.Object(
  {
    type: literals(['Polygon', 'MultiPolygon'] as const),
    coordinates: Type.Array(Type.Any()),
  },
  {
    description:
      'GeoJSON Polygon or MultiPolygon, [lng, lat] in EPSG:4490 (stored as MultiPolygon)',
  },
);

export const IndicatorValueSchema = Type.Object({
  indicator: Type.String({ pattern: '^[a-z][a-z0-9_]{1,59}$' }),
  value: Type.Number(),
  unit: Type.String({ minLength: 1, maxLength: 20 }),
});

export const ProjectFieldsBody = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  responsibleUnit: Type.String({ minLength: 1, maxLength: 200 }),
  damageKind: literals(damageKinds),
  criteriaRegion: Type.Optional(nullable(RegionCode)),
  geometry: GeometryInput,
  targetAreaM2: AreaByTypeSchema,
  targetVegetationCoverPct: Type.Optional(nullable(Percent)),
  plannedStartOn: Type.Optional(nullable(IsoDate)),
  plannedEndOn: Type.Optional(nullable(IsoDate)),
  note: Type.Optional(nullable(Type.String({ maxLength: 4000 }))),
};

const Trend = literals(['none', 'first', 'improving', 'unchanged', 'declining'] as const);

export const ProgressSchema = Type.Object({
  measurements: Type.Integer(),
  latestMeasuredOn: nullable(Type.String()),
  byType: Type.Array(
    Type.Object({
      type: literals(restorationTypes),
      targetM2: Type.Number(),
      restoredM2: Type.Number(),
      percent: nullable(Type.Number()),
      changeM2: nullable(Type.Number()),
    }),
  ),
  overall: Type.Object({
    targetM2: Type.Number(),
    countedM2: Type.Number({ description: 'restored area counted up to each type’s target' }),
    percent: nullable(Type.Number()),
    previousPercent: nullable(Type.Number()),
    trend: Trend,
  }),
  vegetationCover: Type.Object({
    targetPct: nullable(Type.Number()),
    latestPct: nullable(Type.Number()),
    percentOfTarget: nullable(Type.Number()),
    trend: Trend,
    series: Type.Array(Type.Object({ measuredOn: Type.String(), pct: Type.Number() })),
  }),
});

const projectProperties = {
  id: Type.String(),
  divisionCode: Type.String(),
  divisionName: Type.String(),
  name: Type.String(),
  responsibleUnit: Type.String(),
  damageKind: literals(damageKinds),
  criteriaRegion: nullable(Type.String()),
  geometry: Type.Record(Type.String(), Type.Unknown()),
  areaM2: Type.Number({ description: 'on the CGCS2000 ellipsoid' }),
  targetAreaM2: Type.Record(Type.String(), Type.Number()),
  targetVegetationCoverPct: nullable(Type.Number()),
  plannedStartOn: nullable(Type.String()),
  plannedEndOn: nullable(Type.String()),
  state: literals(projectStates),
  stateChangedOn: nullable(Type.String()),
  stateReason: nullable(Type.String()),
  note: nullable(Type.String()),
  createdBy: Type.String(),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  progress: ProgressSchema,
};

export const ProjectSchema = Type.Object(projectProperties);

export const AttachmentSchema = Type.Object({
  id: Type.String(),
  measurementId: Type.String(),
  kind: Type.String(),
  fileName: Type.String(),
  contentType: Type.String(),
  sha256: Type.String(),
  sizeBytes: Type.Integer(),
  createdAt: Timestamp,
});

export const MeasurementSchema = Type.Object({
  id: Type.String(),
  projectId: Type.String(),
  divisionCode: Type.String(),
  measuredOn: Type.String(),
  source: literals(measurementSources),
  restoredAreaM2: Type.Record(Type.String(), Type.Number()),
  vegetationCoverPct: nullable(Type.Number()),
  indicators: Type.Array(IndicatorValueSchema),
  note: nullable(Type.String()),
  recordedBy: Type.String(),
  version: Type.Integer(),
  createdAt: Timestamp,
});

export const FundingSchema = Type.Object({
  id: Type.String(),
  projectId: Type.String(),
  source: literals(fundingSources),
  amountYuan: Type.Number(),
  year: Type.Integer(),
  note: nullable(Type.String()),
  version: Type.Integer(),
  createdAt: Timestamp,
});

export const ProjectDetailSchema = Type.Object({
  ...projectProperties,
  measurements: Type.Array(
    Type.Object({ ...MeasurementSchema.properties, attachments: Type.Array(AttachmentSchema) }),
  ),
  funding: Type.Object({
    lines: Type.Array(FundingSchema),
    totalYuan: Type.Number(),
    bySource: Type.Array(
      Type.Object({ source: literals(fundingSources), amountYuan: Type.Number() }),
    ),
  }),
});

export const MeasurementBody = Type.Object({
  measuredOn: IsoDate,
  source: literals(measurementSources),
  restoredAreaM2: AreaByTypeSchema,
  vegetationCoverPct: Type.Optional(nullable(Percent)),
  indicators: Type.Optional(Type.Array(IndicatorValueSchema, { maxItems: 100 })),
  note: Type.Optional(nullable(Type.String({ maxLength: 4000 }))),
});

export const CriterionRowBody = Type.Object({
  indicator: Type.String({ pattern: '^[a-z][a-z0-9_]{1,59}$' }),
  indicatorZh: Type.Optional(nullable(Type.String({ minLength: 1, maxLength: 100 }))),
  operator: literals(criterionOperators),
  threshold: Type.Number(),
  thresholdHigh: Type.Optional(nullable(Type.Number())),
  unit: Type.String({ minLength: 1, maxLength: 20 }),
  basis: Type.Optional(
    nullable(
      Type.String({ maxLength: 500, description: 'the clause of the bureau’s copy of TD/T 1036' }),
    ),
  ),
  isDemo: Type.Optional(Type.Boolean({ description: 'example rows, not the standard’s values' })),
});

export const CriterionSchema = Type.Object({
  id: Type.String(),
  divisionCode: Type.String(),
  divisionName: Type.String(),
  region: Type.String(),
  direction: Type.String(),
  indicator: Type.String(),
  indicatorZh: nullable(Type.String()),
  operator: literals(criterionOperators),
  threshold: Type.Number(),
  thresholdHigh: nullable(Type.Number()),
  unit: Type.String(),
  basis: nullable(Type.String()),
  isDemo: Type.Boolean(),
  version: Type.Integer(),
  updatedAt: Timestamp,
});

export const CheckSchema = Type.Object({
  verdict: literals(['pass', 'fail', 'incomplete', 'no_criteria'] as const),
  ruleCode: Type.String(),
  region: Type.String(),
  direction: Type.String(),
  criteriaDivisionCode: nullable(Type.String()),
  demoCriteria: Type.Boolean(),
  findings: Type.Array(
    Type.Object({
      status: literals(['met', 'not_met', 'missing', 'unit_mismatch', 'ambiguous'] as const),
      criterionId: nullable(Type.String()),
      indicator: Type.String(),
      operator: literals(criterionOperators),
      threshold: Type.Number(),
      thresholdHigh: nullable(Type.Number()),
      unit: Type.String(),
      measured: nullable(Type.Object({ value: Type.Number(), unit: Type.String() })),
      isDemo: Type.Boolean(),
      messageZh: Type.String(),
      messageEn: Type.String(),
    }),
  ),
  notAssessed: Type.Array(IndicatorValueSchema),
});

export const DashboardSchema = Type.Object({
  projects: Type.Integer(),
  byCountyAndType: Type.Array(
    Type.Object({
      divisionCode: Type.String(),
      divisionName: Type.String(),
      type: Type.String(),
      projects: Type.Integer(),
      targetM2: Type.Number(),
      restoredM2: Type.Number(),
    }),
  ),
  byType: Type.Array(
    Type.Object({ type: Type.String(), targetM2: Type.Number(), restoredM2: Type.Number() }),
  ),
  vegetationCover: Type.Array(
    Type.Object({
      projectId: Type.String(),
      name: Type.String(),
      divisionCode: Type.String(),
      state: literals(projectStates),
      overallPercent: nullable(Type.Number()),
      targetPct: nullable(Type.Number()),
      trend: Trend,
      series: Type.Array(Type.Object({ measuredOn: Type.String(), pct: Type.Number() })),
    }),
  ),
});
