// Use cases of the register: create a record (geometry checked and overlaid in PostGIS),
// read and list in scope with findings, change with optimistic locking, move through the
// lifecycle with reason codes. Every write is versioned with who and why.
import type { Db, Queryable } from '../platform/db/db.ts';
import { AppError, type Problem } from '../platform/errors.ts';
import { requireIsoDate, todayInShanghai, yearOf } from '../platform/time/iso-date.ts';
import { type Actor, actorLabel, scopeLikePattern, scopePrefix } from '../identity/domain/actor.ts';
import { inScope, readInScope } from '../identity/scoped-db.ts';
import type { CalendarService } from '../reference/calendar/calendar.service.ts';
import { findDivision } from '../reference/divisions/divisions.store.ts';
import { isWithinDivision, provinceCodeOf } from '../reference/divisions/domain/division-code.ts';
import { findUseType, projectClasses, useTypes } from './domain/classification.ts';
import { checkTransition, type TransitionAction } from './domain/lifecycle.ts';
import type { Extension, OverlayFacts } from './domain/record.ts';
import { reclamationDeadline } from './domain/rules/reclamation-rules.ts';
import { resolveSettings, type SettingsOverride } from './domain/settings.ts';
import { evaluateRecord } from './domain/rules/catalogue.ts';
import { checkGeometry } from './geometry.store.ts';
import { overlayFacts, storedBreakdown } from './overlay.store.ts';
import { storedOverlay, toDomainRecord, toView, type RecordView } from './record-mapping.ts';
import { brakeInForce } from '../supervision/findings.store.ts';
import * as store from './register.store.ts';

export interface RecordInput extends store.RecordFields {
  divisionCode: string;
  projectName: string;
  projectClass: string;
  useType: string;
  /** GeoJSON Polygon or MultiPolygon, [lng, lat] in EPSG:4490. */
  geometry: unknown;
}

export interface TransitionInput {
  action: TransitionAction;
  reasonCode: string;
  occurredOn: string;
  note?: string;
  /** For `extend`: the extension approval. */
  extension?: { approvalNumber: string; approvedOn: string; newTermEnd: string };
  /** For `reassign`: the project the land goes to (TL-REUSE-01). */
  project?: { name: string; projectClass?: string; owner?: string; landUser?: string };
}

const notFound = () =>
  new AppError('not_found', {
    code: 'RECORD_NOT_FOUND',
    messageZh: '记录不存在或不在您的管辖范围内',
    messageEn: 'no such record in your scope',
  });

const conflict = (current: number, sent: number) =>
  new AppError('conflict', {
    code: 'VERSION_CONFLICT',
    messageZh: `该记录已被他人修改（当前版本 ${current}，您提交的是 ${sent}），请刷新后重试`,
    messageEn: `the record was changed by someone else (now version ${current}, you sent ${sent}); reload and try again`,
  });

const dateFields = ['approvalDate', 'termStart', 'termEnd', 'disclosurePublishedOn'] as const;

/**
 * Dates a temporary-land record can carry: from the Land Administration Law (adopted
 * 1986-06-25, which introduced temporary land) to the end of the century. Anything else is a
 * typing or conversion error (a spreadsheet's 1899-12-30 "zero date", a year 2206).
 */
export const plausibleDates = { from: '1986-06-25', to: '2100-12-31' } as const;

/** Problems with a record's fields as given (dates, use type, project class…), each located. */
function checkFields(fields: store.RecordFields, problems: Problem[]): void {
  checkDates(fields, problems);
  checkCodes(fields, problems);
}

/** Dates that are not ISO dates, or not plausible for a temporary-land record. */
export function checkDates(fields: store.RecordFields, problems: Problem[]): void {
  for (const key of dateFields) {
    const value = fields[key];
    if (typeof value === 'string') {
      try {
        requireIsoDate(value, key);
        if (value < plausibleDates.from || value > plausibleDates.to) {
          problems.push({
            code: 'RECORD_DATE_IMPLAUSIBLE',
            messageZh: `日期 ${value} 不在 ${plausibleDates.from} 至 ${plausibleDates.to} 之间（是否为表格的“零日期”或录入错误？）`,
            messageEn: `the date ${value} is not between ${plausibleDates.from} and ${plausibleDates.to} (a spreadsheet zero date or a typing error?)`,
            location: { field: key },
          });
        }
      } catch (error) {
        if (error instanceof AppError) problems.push(...error.problems);
      }
    }
  }
}

function checkCodes(fields: store.RecordFields, problems: Problem[]): void {
  const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  if (fields.useType !== undefined && !findUseType(text(fields.useType))) {
    problems.push({
      code: 'RECORD_USE_TYPE',
      messageZh: `用途代码未知：${text(fields.useType)}`,
      messageEn: `unknown use type ${text(fields.useType)}; known: ${useTypes.map((u) => u.code).join(', ')}`,
      location: { field: 'useType' },
    });
  }
  if (
    fields.projectClass !== undefined &&
    !(projectClasses as readonly string[]).includes(text(fields.projectClass))
  ) {
    problems.push({
      code: 'RECORD_PROJECT_CLASS',
      messageZh: `项目类别未知：${text(fields.projectClass)}`,
      messageEn: `unknown project class ${text(fields.projectClass)}; known: ${projectClasses.join(', ')}`,
      location: { field: 'projectClass' },
    });
  }
}

function throwIfAny(problems: Problem[]): void {
  const [first, ...rest] = problems;
  if (first)
    throw AppError.many(
      'invalid',
      problems.length > 1
        ? {
            code: 'RECORD_INVALID',
            messageZh: `记录有 ${problems.length} 处问题`,
            messageEn: `the record has ${problems.length} problems`,
          }
        : first,
      problems.length > 1 ? problems : rest,
    );
}

export function createRegisterService(db: Db, calendars: CalendarService) {
  async function settingsFor(q: Queryable, divisionCode: string) {
    const [pack] = await q.query<{ overrides: SettingsOverride }>(
      `SELECT overrides FROM rule_pack WHERE division_code = $1`,
      [`${provinceCodeOf(divisionCode)}0000`],
    );
    return resolveSettings(pack?.overrides);
  }

  /**
   * A record as the API shows it, with its findings as of `asOf`. `context` is what the rules
   * need beside the record, when the caller read it with the record (`findRecordForView`).
   */
  async function present(
    q: Queryable,
    row: store.RecordRow,
    asOf: string,
    context?: store.ViewContext,
  ): Promise<RecordView> {
    const { contracts, photos, ruleOverrides, calendarStamp } =
      context ?? (await store.viewContext(q, row));
    const record = toDomainRecord(row, { contracts, photos });
    const { settings } = resolveSettings(ruleOverrides ?? undefined);
    const findings = evaluateRecord({
      record,
      overlay: storedOverlay(row),
      asOf,
      calendar: await calendars.calendar(q, calendarStamp),
      settings,
    });
    return toView(row, findings, asOf, reclamationDeadline(record, settings));
  }

  async function load(q: Queryable, actor: Actor, id: string): Promise<store.RecordRow> {
    const row = await store.findRecord(q, id, scopeLikePattern(actor));
    if (!row) throw notFound();
    return row;
  }

  /**
   * TL-SUP-06: while the county brake set by the last evaluation is in force, approvals made
   * on or after the day it came on are refused (earlier ones may still be registered).
   */
  function brakeProblems(
    brake: { since: string; share: number } | undefined,
    fields: store.RecordFields,
  ): Problem[] {
    const approved = typeof fields.approvalDate === 'string' ? fields.approvalDate : null;
    if (!brake || (approved !== null && approved < brake.since)) return [];
    const pct = `${(brake.share * 100).toFixed(1)}%`;
    return [
      {
        code: 'TL-SUP-06',
        messageZh: `本县自 ${brake.since} 起暂停审批新的临时用地：逾期一年以上未复垦面积占应复垦面积 ${pct}（TL-SUP-06），整改后方可登记新的批准`,
        messageEn: `new temporary-land approvals in this county are stopped since ${brake.since}: ${pct} of the area due for reclamation is overdue by more than a year (TL-SUP-06); register new approvals once the county has rectified`,
        location: { field: 'approvalDate' },
      },
    ];
  }

  /** The county brake in force for a division today, when its rule pack lets it block approvals. */
  async function brakeFor(tx: Queryable, divisionCode: string) {
    const { settings } = await settingsFor(tx, divisionCode);
    if (!settings.countyBrake.blocksApprovals) return undefined;
    return brakeInForce(tx, divisionCode, Number(todayInShanghai().slice(0, 4)));
  }

  /**
   * The checks a new record passes before it is stored, apart from its geometry: fields,
   * scope (a RECORD_OUT_OF_SCOPE AppError is thrown), division level and validity, and the
   * county brake (not for `backfill`). Divisions and brakes are looked up once per division
   * for all the records one checker sees, so an import of many records pays for each once.
   */
  function admissionChecker(tx: Queryable, actor: Actor, options: { backfill?: boolean } = {}) {
    const divisions = new Map<string, ReturnType<typeof findDivision>>();
    const brakes = new Map<string, ReturnType<typeof brakeFor>>();
    const once = <T>(memo: Map<string, Promise<T>>, key: string, look: () => Promise<T>) => {
      const known = memo.get(key);
      if (known) return known;
      const found = look();
      memo.set(key, found);
      return found;
    };
    return async (divisionCode: string, fields: store.RecordFields): Promise<Problem[]> => {
      const problems: Problem[] = [];
      checkFields(fields, problems);
      if (!isWithinDivision(divisionCode, actor.divisionCode)) {
        throw new AppError('forbidden', {
          code: 'RECORD_OUT_OF_SCOPE',
          messageZh: `行政区 ${divisionCode} 不在您的管辖范围内`,
          messageEn: `division ${divisionCode} is outside your scope`,
          location: { field: 'divisionCode' },
        });
      }
      const division = await once(divisions, divisionCode, () => findDivision(tx, divisionCode));
      if (!division || division.level === 'nation' || division.level === 'province') {
        problems.push({
          code: 'RECORD_DIVISION',
          messageZh: `登记须落到市或县级行政区：${divisionCode}`,
          messageEn: `a record belongs to a city or county division: ${divisionCode}`,
          location: { field: 'divisionCode' },
        });
      } else if (division.validTo) {
        problems.push({
          code: 'RECORD_DIVISION_ABOLISHED',
          messageZh: `行政区划 ${divisionCode} 已撤销${division.supersededBy ? `，现为 ${division.supersededBy}` : ''}`,
          messageEn: `division ${divisionCode} was abolished${division.supersededBy ? `; use ${division.supersededBy}` : ''}`,
          location: { field: 'divisionCode' },
        });
      }
      if (division?.level === 'county' && !options.backfill) {
        const brake = await once(brakes, divisionCode, () => brakeFor(tx, divisionCode));
        problems.push(...brakeProblems(brake, fields));
      }
      return problems;
    };
  }

  /**
   * `prepared` is for callers that already checked the geometry and computed its overlay in
   * this transaction, so neither is done twice. `backfill` marks old stock entered
   * by TL-STOCK-01: it is no new approval, so the county brake (TL-SUP-06) does not apply.
   */
  async function createWithin(
    tx: Queryable,
    actor: Actor,
    input: RecordInput,
    prepared?: { overlay: OverlayFacts; backfill?: boolean },
  ): Promise<RecordView> {
    const { divisionCode, geometry, ...fields } = input;
    const admit = admissionChecker(tx, actor, { backfill: prepared?.backfill ?? false });
    const problems = await admit(divisionCode, fields);
    if (!prepared)
      problems.push(...(await checkGeometry(tx, geometry, { field: 'geometry' })).problems);
    throwIfAny(problems);
    const overlay = prepared?.overlay ?? (await overlayFacts(tx, geometry, null));
    const row = await store.insertRecord(
      tx,
      divisionCode,
      { ...fields, computedBreakdown: storedBreakdown(overlay) },
      geometry,
    );
    return present(tx, row, todayInShanghai());
  }

  /**
   * Moves a record through its lifecycle inside the caller's transaction; refused when the
   * state machine does not allow it. `tx` must run in the actor's scope with a reason set.
   */
  async function transitionWithin(
    tx: Queryable,
    actor: Actor,
    id: string,
    version: number,
    input: TransitionInput,
  ): Promise<RecordView> {
    requireIsoDate(input.occurredOn, 'occurredOn');
    const existing = await load(tx, actor, id);
    const check = checkTransition(existing.state, input.action, input.reasonCode);
    if (!check.ok)
      throw new AppError('conflict', {
        code: check.code,
        messageZh: check.messageZh,
        messageEn: check.messageEn,
        location: { field: 'action' },
      });
    const change: Parameters<typeof store.updateRecord>[3] = { state: check.to };
    if (input.action === 'register') {
      change.registeredOn = input.occurredOn;
      change.systemNumber =
        existing.systemNumber ??
        (await store.nextSystemNumber(tx, existing.divisionCode, yearOf(input.occurredOn)));
      change.backfilled = input.reasonCode === 'BACKFILLED';
    }
    if (input.action === 'extend') {
      const ext = input.extension;
      if (!ext)
        throw new AppError('invalid', {
          code: 'EXTENSION_MISSING',
          messageZh: '续期须提供续期批准文号、批准日期和新的终止日期',
          messageEn: 'an extension needs its approval number, approval date and new term end',
          location: { field: 'extension' },
        });
      requireIsoDate(ext.approvedOn, 'extension.approvedOn');
      requireIsoDate(ext.newTermEnd, 'extension.newTermEnd');
      // The boundary is unchanged by an extension, so it lies within the original one.
      const added: Extension = {
        ...ext,
        areaM2: existing.areaM2 ?? 0,
        withinOriginalBoundary: true,
      };
      change.extensions = [...existing.extensions, added];
    }
    if (input.action === 'reassign') {
      const project = input.project;
      if (!project?.name)
        throw new AppError('invalid', {
          code: 'REASSIGN_PROJECT_MISSING',
          messageZh: '转给其他项目使用须提供新项目名称',
          messageEn: 'a reassignment needs the new project name',
          location: { field: 'project.name' },
        });
      change.reassignedFromProject = existing.projectName;
      change.projectName = project.name;
      if (project.projectClass) change.projectClass = project.projectClass;
      if (project.owner) change.projectOwner = project.owner;
      if (project.landUser) change.landUser = project.landUser;
      const problems: Problem[] = [];
      checkFields({ projectClass: change.projectClass }, problems);
      throwIfAny(problems);
    }
    const row = await store.updateRecord(tx, id, version, change);
    if (!row) throw conflict(existing.version, version);
    await store.insertTransition(tx, {
      recordId: id,
      divisionCode: existing.divisionCode,
      action: input.action,
      fromState: existing.state,
      toState: check.to,
      reasonCode: input.reasonCode,
      note: input.note ?? null,
      occurredOn: input.occurredOn,
      recordedBy: actorLabel(actor),
    });
    return present(tx, row, todayInShanghai());
  }

  return {
    create(actor: Actor, input: RecordInput, reason: string): Promise<RecordView> {
      return inScope(db, actor, (tx) => createWithin(tx, actor, input), reason);
    },

    /**
     * Creates a record inside the caller's transaction (imports create many at once, all or
     * nothing). `tx` must run in the actor's scope with a reason set.
     */
    createWithin,

    /**
     * The checks createWithin makes before storing a record (not its geometry), for callers
     * that store many records with one statement (imports). Throws for a division out of scope.
     */
    admissionChecker,

    /** The settings and calendar the rules need for a division (provincial overrides applied). */
    async ruleInputs(tx: Queryable, divisionCode: string) {
      return {
        settings: (await settingsFor(tx, divisionCode)).settings,
        calendar: await calendars.calendar(tx),
      };
    },

    get(actor: Actor, id: string, asOf = todayInShanghai()): Promise<RecordView> {
      const day = requireIsoDate(asOf, 'asOf');
      return readInScope(db, actor, async (tx) => {
        const row = await store.findRecordForView(tx, id, scopeLikePattern(actor));
        if (!row) throw notFound();
        return present(tx, row, day, row);
      });
    },

    list(actor: Actor, filter: Omit<store.RecordFilter, 'scopePrefix'>) {
      return readInScope(db, actor, (tx) =>
        store.listRecords(tx, { ...filter, scopePrefix: scopePrefix(actor) }),
      );
    },

    /** Changes fields (and the boundary); `version` is the one the caller read. */
    async update(
      actor: Actor,
      id: string,
      version: number,
      change: store.RecordFields & { geometry?: unknown },
      reason: string,
    ): Promise<RecordView> {
      const { geometry, ...fields } = change;
      const problems: Problem[] = [];
      checkFields(fields, problems);
      return inScope(
        db,
        actor,
        async (tx) => {
          const existing = await load(tx, actor, id);
          let updateFields: store.RecordFields = fields;
          if (geometry !== undefined) {
            const checked = await checkGeometry(tx, geometry, { field: 'geometry' });
            problems.push(...checked.problems);
            throwIfAny(problems);
            updateFields = {
              ...fields,
              computedBreakdown: storedBreakdown(await overlayFacts(tx, geometry, id)),
            };
          }
          throwIfAny(problems);
          const row = await store.updateRecord(tx, id, version, updateFields, geometry);
          if (!row) throw conflict(existing.version, version);
          return present(tx, row, todayInShanghai());
        },
        reason,
      );
    },

    /**
     * Moves a record through its lifecycle; refused when the state machine does not allow it.
     * Write-offs go through the write-off dossier (src/supervision/write-offs), which keeps
     * their legal reason and the confirmation by the level above.
     */
    async transition(
      actor: Actor,
      id: string,
      version: number,
      input: TransitionInput,
      reason: string,
    ): Promise<RecordView> {
      requireIsoDate(input.occurredOn, 'occurredOn');
      if (input.action === 'write_off') {
        throw new AppError('conflict', {
          code: 'WRITE_OFF_VIA_SUPERVISION',
          messageZh:
            '核销须通过 /api/supervision/write-offs 办理（记录法定理由；县级核销须经上级确认）',
          messageEn:
            'write-offs go through /api/supervision/write-offs (legal reason kept; a county write-off needs confirmation from the level above)',
          location: { field: 'action' },
        });
      }
      return inScope(db, actor, (tx) => transitionWithin(tx, actor, id, version, input), reason);
    },

    transitionWithin,

    transitions(actor: Actor, id: string) {
      return inScope(db, actor, async (tx) => {
        await load(tx, actor, id);
        return store.listTransitions(tx, id, scopeLikePattern(actor));
      });
    },
  };
}

export type RegisterService = ReturnType<typeof createRegisterService>;
