// What officials record on a restoration project in their scope: measurements (the situation on
// a date, from a field survey, remote sensing or a third-party report), their photos and
// reports (type checked by content, size bounded, SHA-256 kept, as the register's
// attachments), funding lines, and the check of the latest measurement against the
// acceptance criteria that apply to the project (TL-RECL-05).
import type { Db } from '../platform/db/db.ts';
import { todayInShanghai } from '../platform/time/iso-date.ts';
import { type Actor, actorLabel, scopeLikePattern } from '../identity/domain/actor.ts';
import { inScope } from '../identity/scoped-db.ts';
import { checkedUpload, verifiedContent } from '../register/attachments.service.ts';
import { storeContent } from '../register/attachments.store.ts';
import { checkAcceptanceCriteria, type AcceptanceCheck } from './acceptance-check.ts';
import type { IndicatorValue } from './domain/criteria-check.ts';
import {
  directionOf,
  restorationTypes,
  vegetationCoverIndicator,
  type AreaByType,
  type FundingSource,
  type MeasurementSource,
  type RestorationType,
} from './domain/restoration-terms.ts';
import * as store from './measurements.store.ts';
import { loadProject, systemClock, type RestorationClock } from './projects.service.ts';
import { attachmentNotFound, invalid, measurementNotFound } from './restoration-errors.ts';

export interface MeasurementInput {
  measuredOn: string;
  source: MeasurementSource;
  /** Area restored so far per type, m² (cumulative). */
  restoredAreaM2: AreaByType;
  vegetationCoverPct?: number | null;
  indicators?: IndicatorValue[];
  note?: string | null;
}

const allowedTypes: Record<store.RestorationAttachmentKind, readonly string[]> = {
  photo: ['image/jpeg', 'image/png', 'image/webp'],
  report: ['application/pdf'],
  other: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'],
};

function checkMeasurement(input: MeasurementInput, today: string, projectAreaM2: number): void {
  if (input.measuredOn > today)
    throw invalid(
      'MEASUREMENT_IN_FUTURE',
      `监测日期 ${input.measuredOn} 晚于今天 ${today}`,
      `the measurement date ${input.measuredOn} is after today (${today})`,
      'measuredOn',
    );
  let total = 0;
  for (const [type, m2] of Object.entries(input.restoredAreaM2)) {
    if (!(restorationTypes as readonly string[]).includes(type))
      throw invalid(
        'RESTORATION_TYPE_UNKNOWN',
        `未知的修复类型 ${type}`,
        `unknown restoration type ${type}`,
        `restoredAreaM2.${type}`,
      );
    if (typeof m2 !== 'number' || !Number.isFinite(m2) || m2 < 0)
      throw invalid(
        'MEASUREMENT_AREA',
        `${type} 的已修复面积应为非负数（平方米）`,
        `the restored area of ${type} must be a non-negative number of m²`,
        `restoredAreaM2.${type}`,
      );
    total += m2;
  }
  if (total > projectAreaM2 * 1.001)
    throw invalid(
      'MEASUREMENT_EXCEEDS_AREA',
      `已修复面积合计 ${total.toFixed(0)} 平方米，超过项目图形面积 ${projectAreaM2.toFixed(0)} 平方米`,
      `the restored areas add up to ${total.toFixed(0)} m², more than the project's polygon (${projectAreaM2.toFixed(0)} m²)`,
      'restoredAreaM2',
    );
  (input.indicators ?? []).forEach((v, i) => {
    if (v.indicator === vegetationCoverIndicator.indicator)
      throw invalid(
        'MEASUREMENT_INDICATOR_DUPLICATE',
        '植被覆盖度请填在 vegetationCoverPct，不要重复列为指标',
        'give vegetation cover as vegetationCoverPct, not again as an indicator',
        `indicators[${i}].indicator`,
      );
    if (v.unit.normalize('NFKC').trim() === '')
      throw invalid(
        'MEASUREMENT_UNIT',
        '指标单位不能为空',
        'an indicator needs its unit',
        `indicators[${i}].unit`,
      );
  });
}

/** A measurement's values as the criteria check reads them: its indicators and vegetation cover. */
export function indicatorValuesOf(m: store.MeasurementRow): IndicatorValue[] {
  return [
    ...m.indicators,
    ...(m.vegetationCoverPct === null
      ? []
      : [{ ...vegetationCoverIndicator, value: m.vegetationCoverPct }]),
  ];
}

export function createMeasurementService(db: Db, clock: RestorationClock = systemClock) {
  return {
    record(actor: Actor, projectId: string, input: MeasurementInput, reason: string) {
      return inScope(
        db,
        actor,
        async (tx) => {
          const project = await loadProject(tx, actor, projectId);
          checkMeasurement(input, todayInShanghai(clock.now()), project.areaM2);
          return store.insertMeasurement(tx, {
            projectId,
            divisionCode: project.divisionCode,
            measuredOn: input.measuredOn,
            source: input.source,
            restoredAreaM2: input.restoredAreaM2,
            vegetationCoverPct: input.vegetationCoverPct ?? null,
            indicators: (input.indicators ?? []).map((v) => ({ ...v, unit: v.unit.trim() })),
            note: input.note ?? null,
            recordedBy: actorLabel(actor),
          });
        },
        reason,
      );
    },

    list(actor: Actor, projectId: string) {
      return inScope(db, actor, async (tx) => {
        await loadProject(tx, actor, projectId);
        return store.listMeasurements(tx, [projectId], scopeLikePattern(actor));
      });
    },

    addAttachment(
      actor: Actor,
      measurementId: string,
      file: { kind: store.RestorationAttachmentKind; fileName: string; bytes: Uint8Array },
      reason: string,
    ) {
      const { contentType, sha256 } = checkedUpload(file, allowedTypes[file.kind]);
      return inScope(
        db,
        actor,
        async (tx) => {
          const measurement = await store.findMeasurement(
            tx,
            measurementId,
            scopeLikePattern(actor),
          );
          if (!measurement) throw measurementNotFound();
          await storeContent(tx, sha256, file.bytes);
          return store.insertAttachment(tx, {
            measurementId,
            divisionCode: measurement.divisionCode,
            kind: file.kind,
            fileName: file.fileName,
            contentType,
            sha256,
            sizeBytes: file.bytes.length,
          });
        },
        reason,
      );
    },

    /** The attachment and its bytes, checked against the stored checksum. */
    attachmentContent(actor: Actor, id: string) {
      return inScope(db, actor, async (tx) => {
        const attachment = await store.findAttachment(tx, id, scopeLikePattern(actor));
        if (!attachment) throw attachmentNotFound();
        const bytes = await verifiedContent(tx, attachment.sha256);
        return { attachment, bytes };
      });
    },

    addFunding(
      actor: Actor,
      projectId: string,
      input: { source: FundingSource; amountYuan: number; year: number; note?: string | null },
      reason: string,
    ) {
      if (Math.abs(Math.round(input.amountYuan * 100) - input.amountYuan * 100) > 1e-6)
        throw invalid(
          'FUNDING_AMOUNT',
          '金额最多保留两位小数（元）',
          'an amount has at most two decimals (yuan)',
          'amountYuan',
        );
      return inScope(
        db,
        actor,
        async (tx) => {
          const project = await loadProject(tx, actor, projectId);
          return store.insertFunding(tx, {
            projectId,
            divisionCode: project.divisionCode,
            source: input.source,
            amountYuan: input.amountYuan,
            year: input.year,
            note: input.note ?? null,
          });
        },
        reason,
      );
    },

    listFunding(actor: Actor, projectId: string) {
      return inScope(db, actor, async (tx) => {
        await loadProject(tx, actor, projectId);
        return store.listFunding(tx, projectId, scopeLikePattern(actor));
      });
    },

    /**
     * The project's latest measurement checked, per restoration type it targets, against the
     * criteria for that type's direction in the project's reclamation region.
     */
    checkCriteria(
      actor: Actor,
      projectId: string,
    ): Promise<{
      measuredOn: string | null;
      checks: (AcceptanceCheck & { type: RestorationType })[];
    }> {
      return inScope(db, actor, async (tx) => {
        const project = await loadProject(tx, actor, projectId);
        if (!project.criteriaRegion)
          throw invalid(
            'RESTORATION_NO_REGION',
            '项目未设置复垦区域（criteriaRegion），无法对照验收标准',
            'the project has no reclamation region (criteriaRegion) to look its criteria up by',
            'criteriaRegion',
          );
        const measurements = await store.listMeasurements(tx, [projectId], scopeLikePattern(actor));
        const latest = measurements.at(-1);
        const values = latest ? indicatorValuesOf(latest) : [];
        const types = restorationTypes.filter((t) => (project.targetAreaM2[t] ?? 0) > 0);
        const checks = [];
        for (const type of types)
          checks.push({
            type,
            ...(await checkAcceptanceCriteria(tx, {
              divisionCode: project.divisionCode,
              region: project.criteriaRegion,
              direction: directionOf[type],
              values,
            })),
          });
        return { measuredOn: latest?.measuredOn ?? null, checks };
      });
    },
  };
}

export type MeasurementService = ReturnType<typeof createMeasurementService>;
