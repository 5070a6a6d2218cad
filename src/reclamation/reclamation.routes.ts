// Reclamation over HTTP (TL-RECL-01…06): obligations with their plan, deadline extensions and
// progress reports with photos; the deposit / guarantee ledger; acceptance applications, their
// joint panel and verdict; land-class change events; the dashboard. Officials of every level
// read in their division; the bureaus that hold the records (county and city) write.
import { Type } from '@sinclair/typebox';
import { governmentRoles, type Role } from '../identity/domain/roles.ts';
import {
  decodeUpload,
  FileUpload,
  sendStoredFile,
  StoredFileContent,
} from '../server/file-upload.ts';
import {
  DivisionCode,
  errorResponses,
  IdParams,
  IsoDate,
  Reason,
  literals,
  pageOf,
  paging,
} from '../server/schemas.ts';
import type { RoutePlugin } from '../server/types.ts';
import { IndicatorValueSchema } from '../restoration/restoration.schemas.ts';
import { extensionCauses } from './domain/deadline.ts';
import { ledgerKinds } from './domain/ledger.ts';
import { maxPhotosPerReport } from './obligations.service.ts';
import {
  AcceptanceSchema,
  Breakdown,
  LandClassChangeSchema,
  LedgerSchema,
  ObligationSchema,
  ObligationSummarySchema,
  PanelMemberSchema,
  SummarySchema,
} from './reclamation.schemas.ts';

const readers = { roles: governmentRoles };
/** The bureaus that keep the register's records write their reclamation. */
export const reclamationWriters: readonly Role[] = ['city', 'county'];
const writers = { roles: reclamationWriters };
const tags = ['reclamation'];
const readNote = 'Access: ministry, province, city, county, in their division (else 404).';
const writeNote = 'Access: city and county bureaus, in their division (else 404).';
/** An enterprise reaches the obligations of the records whose land user it is (enterprise-access.ts). */
const landUserReaders: { roles: readonly Role[] } = { roles: [...governmentRoles, 'enterprise'] };
const landUserWriters: { roles: readonly Role[] } = {
  roles: [...reclamationWriters, 'enterprise'],
};
const landUserReadNote = `${readNote} Enterprise: the obligations of records whose land user is its organization (else 404).`;
const landUserWriteNote = `${writeNote} Enterprise: for the records whose land user is its organization (else 404).`;

const PlanFields = {
  planNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  targets: Breakdown,
  estimatedCostYuan: Type.Number({ minimum: 0, maximum: 1e13 }),
  measures: Type.Optional(Type.String({ maxLength: 5000 })),
  obligor: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
};

export const reclamationRoutes: RoutePlugin = (
  app,
  { obligations, reclamationLedger, acceptances, reclamationSummary },
) => {
  app.get(
    '/api/reclamation/summary',
    {
      config: { access: readers },
      schema: {
        tags,
        description: readNote,
        summary:
          'Dashboard per division: obligations open and overdue (TL-RECL-01), deposits held, released and used (TL-RECL-06), acceptances near or over 60 working days (TL-RECL-05), area reclaimed by land class; the most overdue obligations',
        response: { 200: SummarySchema, ...errorResponses },
      },
    },
    (request) => reclamationSummary.summary(request.actor),
  );

  app.get(
    '/api/reclamation/obligations',
    {
      config: { access: landUserReaders },
      schema: {
        tags,
        description: landUserReadNote,
        summary:
          'Reclamation obligations in my division with deadline (TL-RECL-01/03), plan findings (TL-RECL-04) and money held; overdue=true lists those past their deadline; recordId finds the obligation of one record',
        querystring: Type.Object({
          status: Type.Optional(literals(['open', 'accepted', 'converted'] as const)),
          divisionCode: Type.Optional(DivisionCode),
          recordId: Type.Optional(Type.String({ format: 'uuid' })),
          overdue: Type.Optional(Type.Boolean()),
          ...paging,
        }),
        response: { 200: pageOf(ObligationSummarySchema), ...errorResponses },
      },
    },
    (request) => obligations.list(request.actor, request.query),
  );

  app.post(
    '/api/reclamation/obligations',
    {
      config: { access: writers },
      schema: {
        tags,
        description: writeNote,
        summary:
          "Open a record's reclamation obligation with its plan: targets by land class (checked against the land occupied, TL-RECL-04) and the cost the deposit is set from (TL-RECL-06); one per record",
        body: Type.Object({
          recordId: Type.String({ format: 'uuid' }),
          ...PlanFields,
          reason: Reason,
        }),
        response: { 201: ObligationSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { reason, ...input } = request.body;
      return reply.status(201).send(await obligations.create(request.actor, input, reason));
    },
  );

  app.get(
    '/api/reclamation/obligations/:id',
    {
      config: { access: landUserReaders },
      schema: {
        tags,
        description: landUserReadNote,
        summary:
          'One obligation: plan and findings, deadline, extensions, progress reports with photos, ledger with guarantee warnings, acceptance rounds',
        params: IdParams,
        response: { 200: ObligationSchema, ...errorResponses },
      },
    },
    (request) => obligations.get(request.actor, request.params.id),
  );

  app.patch(
    '/api/reclamation/obligations/:id',
    {
      config: { access: writers },
      schema: {
        tags,
        description: writeNote,
        summary: "Change an open obligation's plan (the version read, a reason kept in history)",
        params: IdParams,
        body: Type.Object({
          planNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          targets: Type.Optional(Breakdown),
          estimatedCostYuan: Type.Optional(Type.Number({ minimum: 0, maximum: 1e13 })),
          measures: Type.Optional(Type.String({ maxLength: 5000 })),
          obligor: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
          version: Type.Integer({ minimum: 1 }),
          reason: Reason,
        }),
        response: { 200: ObligationSchema, ...errorResponses },
      },
    },
    (request) => {
      const { reason, ...change } = request.body;
      return obligations.update(request.actor, request.params.id, change, reason);
    },
  );

  app.post(
    '/api/reclamation/obligations/:id/extensions',
    {
      config: { access: writers },
      schema: {
        tags,
        description: writeNote,
        summary:
          'Extend the reclamation deadline for climate or disaster (TL-RECL-03): refused when applied for after the deadline passed; the extension is kept on the record',
        params: IdParams,
        body: Type.Object({
          cause: literals(extensionCauses),
          appliedOn: IsoDate,
          approvedOn: IsoDate,
          newDeadline: IsoDate,
          approvalNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          statement: Type.String({ minLength: 1, maxLength: 2000 }),
          reason: Reason,
        }),
        response: { 201: ObligationSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { reason, ...input } = request.body;
      return reply
        .status(201)
        .send(await obligations.extend(request.actor, request.params.id, input, reason));
    },
  );

  app.post(
    '/api/reclamation/obligations/:id/reports',
    {
      config: { access: landUserWriters },
      schema: {
        tags,
        description: landUserWriteNote,
        summary: `A progress report with up to ${maxPhotosPerReport} photos (JPEG, PNG, WebP checked by content, stored with SHA-256)`,
        params: IdParams,
        body: Type.Object({
          reportedOn: IsoDate,
          percentComplete: Type.Integer({ minimum: 0, maximum: 100 }),
          summary: Type.String({ minLength: 1, maxLength: 5000 }),
          photos: Type.Array(FileUpload, { maxItems: maxPhotosPerReport, default: [] }),
          reason: Reason,
        }),
        response: { 201: ObligationSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { reason, photos, ...input } = request.body;
      const files = photos.map((p) => {
        const { name, bytes } = decodeUpload(p);
        return { fileName: name, bytes };
      });
      return reply
        .status(201)
        .send(
          await obligations.report(
            request.actor,
            request.params.id,
            { ...input, photos: files },
            reason,
          ),
        );
    },
  );

  app.get(
    '/api/reclamation/photos/:id/content',
    {
      config: { access: landUserReaders },
      schema: {
        tags,
        description: landUserReadNote,
        summary: "Download a progress report photo's content",
        params: IdParams,
        response: {
          200: StoredFileContent,
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { photo, bytes } = await obligations.photoContent(request.actor, request.params.id);
      return sendStoredFile(reply, photo, bytes);
    },
  );

  app.get(
    '/api/reclamation/obligations/:id/ledger',
    {
      config: { access: landUserReaders },
      schema: {
        tags,
        description: landUserReadNote,
        summary:
          'The deposit / bank-guarantee ledger (TL-RECL-06): entries with balances, required and held amounts, guarantee warnings',
        params: IdParams,
        response: { 200: LedgerSchema, ...errorResponses },
      },
    },
    (request) => reclamationLedger.get(request.actor, request.params.id),
  );

  app.post(
    '/api/reclamation/obligations/:id/ledger',
    {
      config: { access: writers },
      schema: {
        tags,
        description: writeNote,
        summary:
          'Append a ledger entry: deposit paid, guarantee issued (bank, expiry), top-up, forfeit (used by the bureau), or release of the whole balance — only after acceptance passed or conversion to construction land (TL-RECL-06)',
        params: IdParams,
        body: Type.Object({
          kind: literals(ledgerKinds),
          amountYuan: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1e13 })),
          occurredOn: IsoDate,
          account: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          bank: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          guaranteeNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          guaranteeExpiresOn: Type.Optional(IsoDate),
          note: Type.Optional(Type.String({ maxLength: 2000 })),
          reason: Reason,
        }),
        response: { 201: LedgerSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { reason, ...input } = request.body;
      return reply
        .status(201)
        .send(await reclamationLedger.add(request.actor, request.params.id, input, reason));
    },
  );

  app.post(
    '/api/reclamation/obligations/:id/acceptances',
    {
      config: { access: landUserWriters },
      schema: {
        tags,
        description: landUserWriteNote,
        summary:
          'Apply for acceptance (TL-RECL-05), by the land user or the clerk on its behalf: the decision is due in 60 working days; after a failed round, state how it was rectified; the measured indicators are checked against the acceptance criteria of the region given',
        params: IdParams,
        body: Type.Object({
          appliedOn: IsoDate,
          filedBy: literals(['land_user', 'clerk_on_behalf'] as const),
          applicant: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
          statement: Type.Optional(Type.String({ maxLength: 5000 })),
          criteriaRegion: Type.Optional(
            Type.String({
              pattern: '^[a-z][a-z0-9_]{1,39}$',
              description:
                'the reclamation region (复垦区域) whose acceptance criteria (/api/restoration/criteria) apply',
            }),
          ),
          measured: Type.Optional(
            Type.Array(IndicatorValueSchema, {
              maxItems: 100,
              description: 'indicators measured on the land, checked against those criteria',
            }),
          ),
          reason: Reason,
        }),
        response: { 201: AcceptanceSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { reason, ...input } = request.body;
      return reply
        .status(201)
        .send(await acceptances.apply(request.actor, request.params.id, input, reason));
    },
  );

  app.get(
    '/api/reclamation/acceptances',
    {
      config: { access: readers },
      schema: {
        tags,
        description: readNote,
        summary:
          'Acceptance applications in my division, soonest due first; due=near or due=overdue for those near or past their 60 working days',
        querystring: Type.Object({
          status: Type.Optional(literals(['applied', 'passed', 'failed'] as const)),
          due: Type.Optional(literals(['near', 'overdue'] as const)),
          ...paging,
        }),
        response: { 200: pageOf(AcceptanceSchema), ...errorResponses },
      },
    },
    (request) => acceptances.list(request.actor, request.query),
  );

  app.get(
    '/api/reclamation/acceptances/:id',
    {
      config: { access: readers },
      schema: {
        tags,
        description: readNote,
        summary: 'One acceptance round with its panel, deadline and verdict',
        params: IdParams,
        response: { 200: AcceptanceSchema, ...errorResponses },
      },
    },
    (request) => acceptances.get(request.actor, request.params.id),
  );

  app.post(
    '/api/reclamation/acceptances/:id/panel',
    {
      config: { access: writers },
      schema: {
        tags,
        description: writeNote,
        summary:
          'Name the joint panel: natural resources with agriculture, forestry and environment (members with department; userId for those who record the verdict)',
        params: IdParams,
        body: Type.Object({
          members: Type.Array(PanelMemberSchema, { minItems: 1, maxItems: 30 }),
          version: Type.Integer({ minimum: 1 }),
          reason: Reason,
        }),
        response: { 200: AcceptanceSchema, ...errorResponses },
      },
    },
    (request) => {
      const { reason, ...input } = request.body;
      return acceptances.panel(request.actor, request.params.id, input, reason);
    },
  );

  app.post(
    '/api/reclamation/acceptances/:id/verdict',
    {
      config: { access: readers },
      schema: {
        tags,
        description:
          'Access: officials who sit on the panel (userId in the panel), in their division (else 404; not on the panel: 403 ACCEPTANCE_NOT_ON_PANEL).',
        summary:
          'The panel’s verdict. Pass: written confirmation; the record becomes accepted, the acceptance notice is published (≥ 30 days, objections) and the land-class change recorded. Fail: rectification items with a deadline.',
        params: IdParams,
        body: Type.Object({
          verdict: literals(['pass', 'fail'] as const),
          version: Type.Integer({ minimum: 1 }),
          decidedOn: IsoDate,
          note: Type.Optional(Type.String({ maxLength: 5000 })),
          confirmationNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          confirmationDate: Type.Optional(IsoDate),
          reclaimed: Type.Optional(Breakdown),
          rectificationItems: Type.Optional(
            Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), { maxItems: 50 }),
          ),
          rectificationDueOn: Type.Optional(IsoDate),
          reason: Reason,
        }),
        response: { 200: AcceptanceSchema, ...errorResponses },
      },
    },
    (request) => {
      const { reason, ...input } = request.body;
      return acceptances.verdict(request.actor, request.params.id, input, reason);
    },
  );

  app.get(
    '/api/reclamation/land-class-changes',
    {
      config: { access: readers },
      schema: {
        tags,
        description: readNote,
        summary:
          'Land-class change events after accepted reclamation (TL-RECL-05), for the land-change survey: the land by class before and after',
        querystring: Type.Object({
          recordId: Type.Optional(Type.String({ format: 'uuid' })),
          ...paging,
        }),
        response: { 200: pageOf(LandClassChangeSchema), ...errorResponses },
      },
    },
    (request) => acceptances.landClassChanges(request.actor, request.query),
  );
};
