// Reclamation obligations (TL-RECL-01…04): one per temporary-land record, opened when the
// bureau enters the record's reclamation plan (targets by land class, cost) — not on
// registration, because the plan is a document of its own that arrives later, and imports and
// the stock back-fill stay untouched. Extensions of the deadline (TL-RECL-03) and progress
// reports with photos are added to it; everything in the caller's scope, with history.
import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../platform/db/db.ts';
import { AppError } from '../platform/errors.ts';
import { requireIsoDate, todayInShanghai } from '../platform/time/iso-date.ts';
import { type Actor, actorLabel, scopeLikePattern } from '../identity/domain/actor.ts';
import { landUserFilter } from './enterprise-access.ts';
import { inScope } from '../identity/scoped-db.ts';
import type { AreaBreakdown } from '../register/domain/record.ts';
import { maxAttachmentBytes, sniffContentType } from '../register/attachments.service.ts';
import { readContent, storeContent } from '../register/attachments.store.ts';
import { findRecord, updateRecord, type RecordRow } from '../register/register.store.ts';
import type { RegisterService } from '../register/register.service.ts';
import { staleVersion } from '../supervision/dossier-errors.ts';
import { acceptanceView } from './acceptance-view.ts';
import { checkExtension, type ExtensionCause } from './domain/deadline.ts';
import { landClassKeys, targetProblems } from './domain/plan-rules.ts';
import {
  deadlineOf,
  detail,
  settingsCache,
  summarise,
  type ObligationSummary,
} from './obligation-view.ts';
import {
  obligationNotFound,
  photoNotFound,
  recordNotFound,
  refused,
} from './reclamation-errors.ts';
import * as store from './reclamation.store.ts';

/** The clock reclamation reads "today" from (tests set their own). */
export interface ReclamationClock {
  today(): string;
}
export const systemReclamationClock: ReclamationClock = { today: () => todayInShanghai() };

export interface PlanInput {
  planNumber?: string | null;
  targets: AreaBreakdown;
  estimatedCostYuan: number;
  measures?: string | null;
  obligor?: string;
}

export interface PhotoInput {
  fileName: string;
  bytes: Uint8Array;
}

/** Photos per progress report, at most. */
export const maxPhotosPerReport = 12;
const photoTypes = ['image/jpeg', 'image/png', 'image/webp'];
const what = { zh: '复垦义务', en: 'reclamation obligation' };
/** Record states an obligation may be opened in: registered and not yet settled. */
const openableStates = ['registered', 'in_use', 'expired', 'reclaiming'];

function checkPlan(plan: Partial<PlanInput>): void {
  if (plan.targets !== undefined) {
    const bad = targetProblems(plan.targets as unknown as Record<string, unknown>);
    const extra = Object.keys(plan.targets).filter(
      (k) => !(landClassKeys as readonly string[]).includes(k),
    );
    if (bad.length > 0 || extra.length > 0)
      throw refused(
        'invalid',
        'PLAN_TARGETS',
        `复垦目标须按地类给出非负面积（平方米）：${landClassKeys.join('、')}${extra.length ? `；未知地类 ${extra.join('、')}` : ''}`,
        `targets give a non-negative area (m²) for each land class: ${landClassKeys.join(', ')}${extra.length ? `; unknown ${extra.join(', ')}` : ''}`,
        'targets',
      );
  }
  if (
    plan.estimatedCostYuan !== undefined &&
    (!Number.isFinite(plan.estimatedCostYuan) || plan.estimatedCostYuan < 0)
  )
    throw refused(
      'invalid',
      'PLAN_COST',
      '复垦费用须为非负金额（元）',
      'the cost is a non-negative number of yuan',
      'estimatedCostYuan',
    );
}

/** Photos checked by their bytes (JPEG, PNG, WebP), each bounded in size, at most a dozen. */
function checkPhotos(photos: readonly PhotoInput[]): { sha256: string; contentType: string }[] {
  if (photos.length > maxPhotosPerReport)
    throw refused(
      'invalid',
      'REPORT_PHOTOS_TOO_MANY',
      `每份进展报告最多 ${maxPhotosPerReport} 张照片`,
      `at most ${maxPhotosPerReport} photos per progress report`,
      'photos',
    );
  return photos.map((p) => {
    if (p.bytes.length === 0 || p.bytes.length > maxAttachmentBytes)
      throw new AppError(p.bytes.length === 0 ? 'invalid' : 'too_large', {
        code: 'PHOTO_SIZE',
        messageZh: `照片 ${p.fileName} 为空或过大（上限 ${maxAttachmentBytes} 字节）`,
        messageEn: `the photo ${p.fileName} is empty or too large (at most ${maxAttachmentBytes} bytes)`,
        location: { file: p.fileName },
      });
    const contentType = sniffContentType(p.bytes);
    if (!contentType || !photoTypes.includes(contentType))
      throw new AppError('invalid', {
        code: 'PHOTO_TYPE',
        messageZh: `${p.fileName} 不是照片（JPEG、PNG、WebP）`,
        messageEn: `${p.fileName} is not a photo (JPEG, PNG, WebP)`,
        location: { file: p.fileName },
      });
    return { sha256: createHash('sha256').update(p.bytes).digest('hex'), contentType };
  });
}

export function createObligationService(
  db: Db,
  register: RegisterService,
  clock: ReclamationClock = systemReclamationClock,
) {
  async function loadRow(tx: Queryable, actor: Actor, id: string): Promise<store.ObligationRow> {
    const row = await store.findObligation(tx, id, scopeLikePattern(actor), landUserFilter(actor));
    if (!row) throw obligationNotFound();
    return row;
  }

  async function loadRecord(tx: Queryable, actor: Actor, recordId: string): Promise<RecordRow> {
    const record = await findRecord(tx, recordId, scopeLikePattern(actor));
    if (!record) throw recordNotFound();
    return record;
  }

  async function view(tx: Queryable, actor: Actor, id: string) {
    const row = await loadRow(tx, actor, id);
    const record = await loadRecord(tx, actor, row.recordId);
    const { settings, calendar } = await register.ruleInputs(tx, row.divisionCode);
    const today = clock.today();
    const d = await detail(tx, row, record, settings, today);
    const acceptances = [];
    for (const a of d.acceptances)
      acceptances.push(
        await acceptanceView(tx, a, calendar, today, settings.acceptanceNearWorkingDays),
      );
    return { ...d, acceptances };
  }

  function requireOpen(row: store.ObligationRow): void {
    if (row.status !== 'open')
      throw refused(
        'conflict',
        'OBLIGATION_SETTLED',
        `复垦义务已了结（${row.status === 'accepted' ? '验收合格' : '已转为建设用地'}，${row.settledOn}）`,
        `the obligation is settled (${row.status} on ${row.settledOn})`,
        'id',
      );
  }

  /** Every obligation in scope as summaries (deadline judged as of today). */
  async function summaries(
    tx: Queryable,
    actor: Actor,
    filter: Omit<store.ObligationFilter, 'scopeLike'>,
  ): Promise<ObligationSummary[]> {
    const rows = await store.listObligations(tx, {
      ...filter,
      scopeLike: scopeLikePattern(actor),
      landUser: landUserFilter(actor),
    });
    const records = new Map(
      (
        await store.recordsByIds(
          tx,
          rows.map((r) => r.recordId),
        )
      ).map((r) => [r.id, r]),
    );
    const settingsOf = settingsCache(register, tx);
    const today = clock.today();
    const out: ObligationSummary[] = [];
    for (const row of rows)
      out.push(
        summarise(row, records.get(row.recordId)!, await settingsOf(row.divisionCode), today),
      );
    return out;
  }

  return {
    clock,
    view,
    summaries,

    /** Opens the obligation of a record with its plan (one per record). */
    create(actor: Actor, input: PlanInput & { recordId: string }, reason: string) {
      checkPlan(input);
      return inScope(
        db,
        actor,
        async (tx) => {
          const record = await loadRecord(tx, actor, input.recordId);
          if (!openableStates.includes(record.state))
            throw refused(
              'conflict',
              'OBLIGATION_RECORD_STATE',
              `记录状态为 ${record.state}，不能设立复垦义务（须已上图入库且未验收、未转用、未核销）`,
              `the record is ${record.state}: an obligation is opened for a registered record not yet accepted, converted or written off`,
              'recordId',
            );
          const existing = await store.obligationOfRecord(tx, record.id);
          if (existing)
            throw refused(
              'conflict',
              'OBLIGATION_EXISTS',
              `该记录已有复垦义务：${existing.id}`,
              `the record already has a reclamation obligation: ${existing.id}`,
              'recordId',
            );
          const obligor = input.obligor ?? record.landUser ?? record.projectOwner;
          if (!obligor)
            throw refused(
              'invalid',
              'OBLIGOR_MISSING',
              '记录未载明用地单位，请给出复垦义务人',
              'the record names no land user: give the obligor',
              'obligor',
            );
          const id = await store.insertObligation(tx, {
            divisionCode: record.divisionCode,
            recordId: record.id,
            planNumber: input.planNumber ?? null,
            targets: input.targets,
            estimatedCostYuan: input.estimatedCostYuan,
            measures: input.measures ?? null,
            obligor,
          });
          return view(tx, actor, id);
        },
        reason,
      );
    },

    get(actor: Actor, id: string) {
      return inScope(db, actor, (tx) => view(tx, actor, id));
    },

    list(
      actor: Actor,
      filter: Omit<store.ObligationFilter, 'scopeLike'> & {
        overdue?: boolean;
        limit: number;
        offset: number;
      },
    ): Promise<{ items: ObligationSummary[]; total: number }> {
      return inScope(db, actor, async (tx) => {
        const all = (await summaries(tx, actor, filter)).filter(
          (s) => filter.overdue === undefined || (s.deadline?.overdue ?? false) === filter.overdue,
        );
        return { items: all.slice(filter.offset, filter.offset + filter.limit), total: all.length };
      });
    },

    /** Changes the plan of an open obligation (version read, reason kept in history). */
    update(
      actor: Actor,
      id: string,
      change: Partial<PlanInput> & { version: number },
      reason: string,
    ) {
      checkPlan(change);
      return inScope(
        db,
        actor,
        async (tx) => {
          const row = await loadRow(tx, actor, id);
          requireOpen(row);
          const { version, ...fields } = change;
          if (!(await store.updateObligation(tx, id, version, fields)))
            throw staleVersion(what, row.version, version);
          return view(tx, actor, id);
        },
        reason,
      );
    },

    /**
     * Extends the deadline for climate or disaster (TL-RECL-03), only when applied for before
     * it passed; the extension goes onto the record, where the register's TL-RECL-01 rule and
     * the enforcement cross-check read it.
     */
    extend(
      actor: Actor,
      id: string,
      input: {
        cause: ExtensionCause;
        appliedOn: string;
        approvedOn: string;
        newDeadline: string;
        approvalNumber?: string;
        statement: string;
      },
      reason: string,
    ) {
      requireIsoDate(input.appliedOn, 'appliedOn');
      requireIsoDate(input.approvedOn, 'approvedOn');
      requireIsoDate(input.newDeadline, 'newDeadline');
      return inScope(
        db,
        actor,
        async (tx) => {
          const row = await loadRow(tx, actor, id);
          requireOpen(row);
          const record = await loadRecord(tx, actor, row.recordId);
          const { settings } = await register.ruleInputs(tx, row.divisionCode);
          const d = deadlineOf(record, settings, clock.today(), true);
          const check = checkExtension(d, input, d !== null && d.deadline !== d.statutory);
          if (!check.ok)
            throw refused(
              check.code === 'TL-RECL-03' ? 'conflict' : 'invalid',
              check.code,
              check.messageZh,
              check.messageEn,
              check.field,
            );
          const updated = await updateRecord(tx, record.id, record.version, {
            reclamationExtension: {
              newDeadline: input.newDeadline,
              appliedOn: input.appliedOn,
              cause: input.cause,
            },
          });
          if (!updated)
            throw staleVersion({ zh: '记录', en: 'record' }, record.version, record.version);
          await store.insertExtension(tx, {
            obligationId: id,
            divisionCode: row.divisionCode,
            cause: input.cause,
            appliedOn: input.appliedOn,
            approvedOn: input.approvedOn,
            previousDeadline: d!.deadline,
            newDeadline: input.newDeadline,
            approvalNumber: input.approvalNumber ?? null,
            statement: input.statement,
            recordedBy: actorLabel(actor),
          });
          return view(tx, actor, id);
        },
        reason,
      );
    },

    /** A progress report with photos (checked by content, stored once per checksum). */
    report(
      actor: Actor,
      id: string,
      input: { reportedOn: string; percentComplete: number; summary: string; photos: PhotoInput[] },
      reason: string,
    ) {
      requireIsoDate(input.reportedOn, 'reportedOn');
      const checked = checkPhotos(input.photos);
      return inScope(
        db,
        actor,
        async (tx) => {
          const row = await loadRow(tx, actor, id);
          requireOpen(row);
          if (input.reportedOn > clock.today())
            throw refused(
              'invalid',
              'REPORT_IN_FUTURE',
              `报告日期 ${input.reportedOn} 晚于今天`,
              `the report is dated ${input.reportedOn}, after today`,
              'reportedOn',
            );
          const reportId = await store.insertReport(tx, {
            obligationId: id,
            divisionCode: row.divisionCode,
            reportedOn: input.reportedOn,
            percentComplete: input.percentComplete,
            summary: input.summary,
            recordedBy: actorLabel(actor),
          });
          for (const [i, photo] of input.photos.entries()) {
            const { sha256, contentType } = checked[i]!;
            await storeContent(tx, sha256, photo.bytes);
            await store.insertPhoto(tx, {
              reportId,
              divisionCode: row.divisionCode,
              fileName: photo.fileName,
              contentType,
              sha256,
              sizeBytes: photo.bytes.length,
            });
          }
          return view(tx, actor, id);
        },
        reason,
      );
    },

    /** A photo and its bytes, checked against the stored checksum. */
    photoContent(actor: Actor, photoId: string) {
      return inScope(db, actor, async (tx) => {
        const photo = await store.findPhoto(
          tx,
          photoId,
          scopeLikePattern(actor),
          landUserFilter(actor),
        );
        if (!photo) throw photoNotFound();
        const bytes = await readContent(tx, photo.sha256);
        if (!bytes || createHash('sha256').update(bytes).digest('hex') !== photo.sha256)
          throw new AppError('unavailable', {
            code: 'PHOTO_CORRUPT',
            messageZh: '照片内容与校验值不符',
            messageEn: 'the stored content does not match its checksum',
          });
        return { photo, bytes };
      });
    },
  };
}

export type ObligationService = ReturnType<typeof createObligationService>;
