// TypeBox schemas of the reports API: query parameters and the JSON shapes of the summary
// and the ranking (CSV, XLSX and the bulletin are files).
import { Type } from '@sinclair/typebox';
import { DivisionCode, IsoDate, literals, nullable } from '../../server/schemas.ts';
import { countyBrakeFields } from '../supervision.routes.ts';
import { reportFormats } from './report-files.ts';

export const ReportQuery = {
  asOf: Type.Optional(IsoDate),
  division: Type.Optional(DivisionCode),
  lang: Type.Union([Type.Literal('zh'), Type.Literal('en')], {
    default: 'zh',
    description: 'zh: Chinese headers and names (default); en: English',
  }),
};

export const FormatQuery = Type.Optional(literals(reportFormats));

const CountArea = Type.Object({ key: Type.String(), count: Type.Integer(), areaM2: Type.Number() });
const StatusCount = Type.Object({ key: Type.String(), count: Type.Integer() });

const Header = {
  asOf: IsoDate,
  cutoff: Type.String({
    description: 'end of the as-of day (Asia/Shanghai): what was stored before it counts',
  }),
  provisional: Type.Boolean({
    description: 'the cutoff has not passed yet: the numbers may still change',
  }),
  division: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
};

export const SummarySchema = Type.Object({
  ...Header,
  records: Type.Object({
    byState: Type.Array(CountArea),
    total: Type.Integer(),
    areaM2: Type.Number(),
  }),
  findings: Type.Object({
    byRule: Type.Array(
      Type.Object({
        ruleCode: Type.String(),
        severity: literals(['error', 'warning'] as const),
        status: Type.String(),
        count: Type.Integer(),
      }),
    ),
    live: Type.Integer(),
    liveErrors: Type.Integer(),
    total: Type.Integer(),
  }),
  countyBrake: Type.Object({
    counties: Type.Array(Type.Object(countyBrakeFields)),
    on: Type.Integer(),
  }),
  enforcement: Type.Object({ uncoveredByCause: Type.Array(CountArea), uncoveredM2: Type.Number() }),
  backfill: Type.Object({ byClass: Type.Array(CountArea) }),
  rectification: Type.Object({
    byStatus: Type.Array(StatusCount),
    overdue: Type.Array(
      Type.Object({
        id: Type.String(),
        divisionCode: Type.String(),
        divisionName: Type.String(),
        systemNumber: nullable(Type.String()),
        projectName: nullable(Type.String()),
        grounds: Type.String(),
        issuedOn: IsoDate,
        deadline: IsoDate,
        daysOverdue: Type.Integer(),
      }),
    ),
  }),
  illegalCases: Type.Object({ byStatus: Type.Array(StatusCount) }),
  writeOffs: Type.Object({ byStatus: Type.Array(StatusCount) }),
});

export const RankingSchema = Type.Object({
  ...Header,
  level: literals(['province', 'city', 'county'] as const),
  ruleCodes: Type.Array(Type.String()),
  rows: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      divisionCode: Type.String(),
      divisionName: Type.String(),
      score: Type.Integer(),
      errors: Type.Integer(),
      warnings: Type.Integer(),
      live: Type.Integer(),
      scorePer100Records: nullable(Type.Number()),
      brakesOn: Type.Integer(),
      records: Type.Integer(),
      areaM2: Type.Number(),
      byRule: Type.Record(Type.String(), Type.Integer()),
    }),
  ),
});
