// The shapes reclamation's routes take and give, for validation and the OpenAPI document.
import { Type } from '@sinclair/typebox';
import { CheckSchema, IndicatorValueSchema } from '../restoration/restoration.schemas.ts';
import { IsoDate, literals, nullable, Timestamp } from '../server/schemas.ts';
import { panelDepartments } from './domain/acceptance.ts';
import { extensionCauses } from './domain/deadline.ts';
import { ledgerKinds } from './domain/ledger.ts';

const Area = Type.Number({ minimum: 0, description: 'm² on the CGCS2000 ellipsoid' });
export const Breakdown = Type.Object(
  {
    cultivatedM2: Area,
    farmlandM2: Area,
    forestM2: Area,
    otherAgriculturalM2: Area,
    constructionM2: Area,
    unusedM2: Area,
  },
  {
    additionalProperties: false,
    description: 'area by land class (耕地, 永久基本农田, 林地, 其他农用地, 建设用地, 未利用地)',
  },
);

const FindingSchema = Type.Object({
  code: Type.String(),
  severity: literals(['error', 'warning', 'info'] as const),
  messageZh: Type.String(),
  messageEn: Type.String(),
  evidence: Type.Record(Type.String(), Type.Unknown()),
});

const Deadline = nullable(
  Type.Object({
    termEnd: IsoDate,
    statutory: IsoDate,
    deadline: IsoDate,
    extensionIgnored: Type.Boolean(),
    overdue: Type.Boolean(),
    daysLeft: Type.Integer({ description: 'calendar days to the deadline (negative: overdue)' }),
  }),
);

const obligationFields = {
  id: Type.String(),
  divisionCode: Type.String(),
  recordId: Type.String(),
  systemNumber: nullable(Type.String()),
  projectName: Type.String(),
  recordState: Type.String(),
  planNumber: nullable(Type.String()),
  targets: Breakdown,
  estimatedCostYuan: Type.Number(),
  measures: nullable(Type.String()),
  obligor: Type.String(),
  status: literals(['open', 'accepted', 'converted'] as const),
  settledOn: nullable(IsoDate),
  heldYuan: Type.Number(),
  requiredYuan: Type.Number(),
  shortfallYuan: Type.Number(),
  deadline: Deadline,
  findings: Type.Array(FindingSchema),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const ObligationSummarySchema = Type.Object(obligationFields);

export const LedgerEntrySchema = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  kind: literals(ledgerKinds),
  amountYuan: Type.Number(),
  balanceYuan: Type.Number(),
  account: nullable(Type.String()),
  bank: nullable(Type.String()),
  guaranteeNumber: nullable(Type.String()),
  guaranteeExpiresOn: nullable(IsoDate),
  occurredOn: IsoDate,
  basis: nullable(Type.Record(Type.String(), Type.Unknown())),
  note: nullable(Type.String()),
  recordedBy: Type.String(),
  createdAt: Timestamp,
});

const GuaranteeWarningSchema = Type.Object({
  code: Type.String(),
  severity: literals(['warning', 'error'] as const),
  guaranteeNumber: nullable(Type.String()),
  bank: nullable(Type.String()),
  expiresOn: IsoDate,
  daysLeft: Type.Integer(),
  messageZh: Type.String(),
  messageEn: Type.String(),
});

export const LedgerSchema = Type.Object({
  obligationId: Type.String(),
  status: Type.String(),
  requiredYuan: Type.Number(),
  heldYuan: Type.Number(),
  releasedYuan: Type.Number(),
  forfeitedYuan: Type.Number(),
  entries: Type.Array(LedgerEntrySchema),
  warnings: Type.Array(GuaranteeWarningSchema),
});

export const PanelMemberSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  department: literals(panelDepartments),
  userId: Type.Optional(nullable(Type.String({ format: 'uuid' }))),
});

export const AcceptanceSchema = Type.Object({
  id: Type.String(),
  divisionCode: Type.String(),
  obligationId: Type.String(),
  recordId: Type.String(),
  projectName: Type.String(),
  round: Type.Integer(),
  applicant: Type.String(),
  filedBy: literals(['land_user', 'clerk_on_behalf'] as const),
  appliedOn: IsoDate,
  dueOn: IsoDate,
  dueProvisional: Type.Boolean(),
  due: Type.Object({
    flag: literals(['decided', 'on_time', 'near', 'overdue'] as const),
    workingDaysLeft: Type.Integer(),
    workingDaysOverdue: Type.Integer(),
  }),
  statement: nullable(Type.String()),
  panel: Type.Array(
    Type.Object({
      name: Type.String(),
      department: literals(panelDepartments),
      userId: Type.Optional(nullable(Type.String())),
    }),
  ),
  panelMissing: Type.Array(literals(panelDepartments)),
  status: literals(['applied', 'passed', 'failed'] as const),
  decidedOn: nullable(IsoDate),
  decidedBy: nullable(Type.String()),
  confirmationNumber: nullable(Type.String()),
  confirmationDate: nullable(IsoDate),
  reclaimed: nullable(Breakdown),
  rectificationItems: nullable(Type.Array(Type.String())),
  rectificationDueOn: nullable(IsoDate),
  noticeId: nullable(Type.String()),
  verdictNote: nullable(Type.String()),
  criteriaRegion: nullable(Type.String()),
  measured: Type.Array(IndicatorValueSchema),
  criteriaChecks: Type.Array(CheckSchema, {
    description:
      'the measured indicators checked against the acceptance criteria of the region, one check per direction of the plan (cultivated, forest, construction); empty when no region is given',
  }),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const PhotoSchema = Type.Object({
  id: Type.String(),
  reportId: Type.String(),
  fileName: Type.String(),
  contentType: Type.String(),
  sha256: Type.String(),
  sizeBytes: Type.Integer(),
});

export const ObligationSchema = Type.Object({
  ...obligationFields,
  occupied: nullable(
    Type.Object({ breakdown: Breakdown, source: literals(['overlay', 'declared'] as const) }),
  ),
  extensions: Type.Array(
    Type.Object({
      id: Type.String(),
      cause: literals(extensionCauses),
      appliedOn: IsoDate,
      approvedOn: IsoDate,
      previousDeadline: IsoDate,
      newDeadline: IsoDate,
      approvalNumber: nullable(Type.String()),
      statement: Type.String(),
      recordedBy: Type.String(),
      createdAt: Timestamp,
    }),
  ),
  reports: Type.Array(
    Type.Object({
      id: Type.String(),
      reportedOn: IsoDate,
      percentComplete: Type.Integer(),
      summary: Type.String(),
      recordedBy: Type.String(),
      createdAt: Timestamp,
      photos: Type.Array(PhotoSchema),
    }),
  ),
  ledger: Type.Array(LedgerEntrySchema),
  guaranteeWarnings: Type.Array(GuaranteeWarningSchema),
  acceptances: Type.Array(AcceptanceSchema),
});

export const LandClassChangeSchema = Type.Object({
  id: Type.String(),
  divisionCode: Type.String(),
  recordId: Type.String(),
  systemNumber: nullable(Type.String()),
  projectName: Type.String(),
  obligationId: Type.String(),
  acceptanceId: Type.String(),
  occurredOn: IsoDate,
  beforeM2: Breakdown,
  afterM2: Breakdown,
  beforeSource: literals(['overlay', 'declared', 'none'] as const),
  createdAt: Timestamp,
});

export const SummarySchema = Type.Object({
  asOf: IsoDate,
  divisions: Type.Array(
    Type.Object({
      divisionCode: Type.String(),
      obligations: Type.Integer(),
      open: Type.Integer(),
      overdue: Type.Integer(),
      overdueAreaM2: Type.Number(),
      heldYuan: Type.Number(),
      paidInYuan: Type.Number(),
      releasedYuan: Type.Number(),
      forfeitedYuan: Type.Number(),
      acceptancesNear: Type.Integer(),
      acceptancesOverdue: Type.Integer(),
      accepted: Type.Integer(),
      reclaimed: Breakdown,
    }),
  ),
  overdue: Type.Array(
    Type.Object({
      obligationId: Type.String(),
      recordId: Type.String(),
      divisionCode: Type.String(),
      systemNumber: nullable(Type.String()),
      projectName: Type.String(),
      deadline: IsoDate,
      daysOverdue: Type.Integer(),
    }),
  ),
});
