// Reading back-fill batches and polygons in scope, adding evidence to a polygon, and the
// supervisor's review: a city, province or ministry confirms a polygon's class or overrides
// it with a reason, and the consequences are re-run to match (domain/consequences.ts).
// Evidence added later never changes a class by itself: the classifier is re-run, and when it
// now says otherwise the polygon is marked for review. History keeps every version.
import { createHash, randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors.ts';
import { requireIsoDate, todayInShanghai } from '../../platform/time/iso-date.ts';
import { type Actor, actorLabel, scopeLikePattern } from '../../identity/domain/actor.ts';
import { inScope } from '../../identity/scoped-db.ts';
import { effectiveTermEnd } from '../../register/domain/rules/term-rules.ts';
import { toDomainRecord } from '../../register/record-mapping.ts';
import { findRecord, type RecordRow } from '../../register/register.store.ts';
import { readContent } from '../../register/attachments.store.ts';
import { supervisorRoles } from '../domain/status-machine.ts';
import { dossierNotFound, staleVersion } from '../dossier-errors.ts';
import { listCases } from '../illegal-cases/illegal-cases.store.ts';
import type { OrderGrounds } from '../rectification/domain/rectification-order.ts';
import { listOrders } from '../rectification/rectification.store.ts';
import { toOrderView } from '../rectification/rectification.service.ts';
import { liveCaseOf } from '../illegal-cases/illegal-cases.store.ts';
import { liveOrderOf } from '../rectification/rectification.store.ts';
import type { StepRunner } from './apply-consequences.ts';
import * as batchStore from './batches.store.ts';
import * as evidenceStore from './evidence.store.ts';
import * as polygonStore from './polygons.store.ts';
import {
  classifyPolygon,
  classLetters,
  classNames,
  type BackfillClass,
  type Decision,
} from './domain/classify.ts';
import { planConsequences, targetFor } from './domain/consequences.ts';
import type { LinkedRecordFacts } from './domain/signals.ts';
import { checkEvidenceFile, storeEvidenceFile, type EvidenceInput } from './evidence-files.ts';

const polygonWhat = { zh: '补录图斑', en: 'back-fill polygon' };
const polygonNotFound = () =>
  dossierNotFound('BACKFILL_POLYGON_NOT_FOUND', '补录图斑', 'back-fill polygon');
const batchNotFound = () =>
  dossierNotFound('BACKFILL_BATCH_NOT_FOUND', '补录批次', 'back-fill batch');

export interface ReviewInput {
  class: BackfillClass;
  version: number;
  reason: string;
  /** The date the consequences take effect (default today). */
  occurredOn?: string;
  /** For class c: why the order is issued (default from the polygon's dates). */
  grounds?: OrderGrounds;
}

function linkedFacts(row: RecordRow, share: number): LinkedRecordFacts {
  return {
    recordId: row.id,
    systemNumber: row.systemNumber,
    state: row.state,
    termEnd: effectiveTermEnd(toDomainRecord(row, { contracts: 0, photos: 0 })),
    share,
  };
}

export function createBackfillReviewService(db: Db, runSteps: StepRunner) {
  /** The polygon with its shape, in the caller's scope. */
  async function loadPolygon(tx: Queryable, actor: Actor, id: string) {
    const row = await polygonStore.findPolygon(tx, id, scopeLikePattern(actor), true);
    if (!row) throw polygonNotFound();
    return row;
  }

  async function loadBatch(tx: Queryable, actor: Actor, id: string) {
    const batch = await batchStore.findBatch(tx, id, scopeLikePattern(actor));
    if (!batch) throw batchNotFound();
    return batch;
  }

  /** The polygon with its shape (the map shows it), evidence, orders and cases. */
  async function present(tx: Queryable, actor: Actor, id: string) {
    const row = await loadPolygon(tx, actor, id);
    const scopeLike = scopeLikePattern(actor);
    const page = { limit: 100, offset: 0 };
    const orders = await listOrders(tx, {
      scopeLike,
      polygonId: id,
      asOf: todayInShanghai(),
      ...page,
    });
    return {
      ...row,
      letter: classLetters[row.class],
      className: classNames[row.class],
      evidence: await evidenceStore.listEvidence(tx, id),
      orders: orders.items.map((o) => toOrderView(o)),
      cases: (await listCases(tx, { scopeLike, polygonId: id, ...page })).items,
    };
  }

  /** The classifier's view now, with every active piece of evidence. */
  async function reclassify(
    tx: Queryable,
    actor: Actor,
    row: polygonStore.PolygonRow,
  ): Promise<Decision> {
    const batch = await loadBatch(tx, actor, row.batchId);
    const evidence = await evidenceStore.listEvidence(tx, row.id);
    let linked: LinkedRecordFacts | null = null;
    if (row.recordLink === 'linked' && row.recordId) {
      const record = await findRecord(tx, row.recordId, scopeLikePattern(actor));
      if (record) linked = linkedFacts(record, row.decision.linked?.share ?? 1);
    }
    return classifyPolygon({
      facts: row.facts,
      evidence: evidence.map((e) => ({ id: e.id, kind: e.kind, shows: e.shows, note: e.note })),
      linked,
      partialOverlaps: row.decision.partialOverlaps,
      asOf: batch.asOf,
      surveyYear: batch.surveyYear,
      settings: batch.settings,
    });
  }

  return {
    listBatches(actor: Actor, limit: number) {
      return inScope(db, actor, async (tx) => {
        const batches = await batchStore.listBatches(tx, scopeLikePattern(actor), limit);
        const out = [];
        for (const b of batches) out.push({ ...b, counts: await batchStore.batchCounts(tx, b.id) });
        return out;
      });
    },

    getBatch(actor: Actor, id: string) {
      return inScope(db, actor, async (tx) => {
        const batch = await loadBatch(tx, actor, id);
        return { ...batch, counts: await batchStore.batchCounts(tx, id) };
      });
    },

    listPolygons(actor: Actor, filter: Omit<polygonStore.PolygonFilter, 'scopeLike'>) {
      return inScope(db, actor, async (tx) => {
        const { items, total } = await polygonStore.listPolygons(tx, {
          ...filter,
          scopeLike: scopeLikePattern(actor),
        });
        return {
          items: items.map((p) => ({
            ...p,
            letter: classLetters[p.class],
            className: classNames[p.class],
          })),
          total,
        };
      });
    },

    /** The filtered polygons as a GeoJSON FeatureCollection for the map, with class letters. */
    polygonFeatures(actor: Actor, filter: Omit<polygonStore.PolygonFilter, 'scopeLike'>) {
      return inScope(db, actor, async (tx) => {
        const { features, total } = await polygonStore.polygonFeatures(tx, {
          ...filter,
          scopeLike: scopeLikePattern(actor),
        });
        return {
          type: 'FeatureCollection' as const,
          total,
          features: features.map((f) => ({
            ...f,
            properties: { ...f.properties, letter: classLetters[f.properties.class] },
          })),
        };
      });
    },

    getPolygon(actor: Actor, id: string) {
      return inScope(db, actor, (tx) => present(tx, actor, id));
    },

    /**
     * Adds a photo, document or flag to a polygon and re-runs the classifier; the class stays
     * until a supervisor reviews it (the polygon is marked for review when the classifier now
     * disagrees).
     */
    addEvidence(actor: Actor, polygonId: string, input: EvidenceInput, reason: string) {
      const checked = checkEvidenceFile(input, 'file');
      const [problem, ...more] = checked.problems;
      if (problem) throw AppError.many('invalid', problem, more);
      return inScope(
        db,
        actor,
        async (tx) => {
          const row = await loadPolygon(tx, actor, polygonId);
          if (checked.file) await storeEvidenceFile(tx, checked.file);
          const f = checked.file;
          await evidenceStore.insertEvidence(tx, {
            id: randomUUID(),
            polygonId,
            divisionCode: row.divisionCode,
            kind: input.kind,
            shows: input.shows,
            note: input.note ?? null,
            file: f
              ? {
                  name: f.name,
                  contentType: f.contentType,
                  sha256: f.sha256,
                  sizeBytes: f.sizeBytes,
                }
              : null,
          });
          const decision = await reclassify(tx, actor, row);
          const reviewDue = row.override
            ? decision.class !== row.override.classifierClass && decision.class !== row.class
            : decision.class !== row.class || decision.review.length > 0;
          if (
            !(await polygonStore.updatePolygon(tx, polygonId, row.version, { decision, reviewDue }))
          )
            throw staleVersion(polygonWhat, row.version, row.version);
          return present(tx, actor, polygonId);
        },
        reason,
      );
    },

    /**
     * A supervisor's ruling: the same class confirms it, another overrides it and re-runs the
     * consequences (records back-filled or written off, orders issued or closed, cases opened
     * or dismissed) on `occurredOn`.
     */
    review(actor: Actor, polygonId: string, input: ReviewInput) {
      if (!supervisorRoles.includes(actor.role)) {
        throw new AppError('forbidden', {
          code: 'BACKFILL_REVIEW_ROLE',
          messageZh: '补录分类由市级及以上监管复核',
          messageEn: 'back-fill classes are reviewed by supervisors above the county',
        });
      }
      const occurredOn = requireIsoDate(input.occurredOn ?? todayInShanghai(), 'occurredOn');
      return inScope(
        db,
        actor,
        async (tx) => {
          const row = await loadPolygon(tx, actor, polygonId);
          if (row.version !== input.version)
            throw staleVersion(polygonWhat, row.version, input.version);
          const batch = await loadBatch(tx, actor, row.batchId);
          const record =
            row.recordId && row.recordLink && row.recordState
              ? { id: row.recordId, link: row.recordLink, state: row.recordState }
              : null;
          const steps = planConsequences(
            {
              record,
              liveOrderId: (await liveOrderOf(tx, polygonId))?.id ?? null,
              liveCaseId: (await liveCaseOf(tx, polygonId))?.id ?? null,
            },
            targetFor(input.class, row.decision, input.grounds),
          );
          const outcome = await runSteps(
            tx,
            actor,
            {
              id: row.id,
              batchId: row.batchId,
              divisionCode: row.divisionCode,
              surveyYear: row.surveyYear,
              file: row.file,
              feature: row.feature,
              surveyCode: row.surveyCode,
              attributes: row.attributes,
              geometry: row.geometry,
              record: record && { id: record.id, link: record.link },
            },
            steps,
            {
              occurredOn,
              decision: row.decision,
              rectificationDays: batch.settings.rectificationDays,
              why: `监管复核 supervisor's review (${classLetters[row.class]} → ${classLetters[input.class]}): ${input.reason}`,
            },
          );
          const updated = await polygonStore.updatePolygon(tx, polygonId, row.version, {
            class: input.class,
            override: {
              class: input.class,
              classifierClass: row.decision.class,
              by: actorLabel(actor),
              role: actor.role,
              on: occurredOn,
              reason: input.reason,
            },
            reviewDue: false,
            ...(outcome.record ? { record: outcome.record } : {}),
          });
          if (!updated) throw staleVersion(polygonWhat, row.version, input.version);
          return { ...(await present(tx, actor, polygonId)), steps: steps.map((s) => s.kind) };
        },
        input.reason,
      );
    },

    /** An evidence file's bytes, checked against the stored checksum. */
    evidenceContent(actor: Actor, id: string) {
      return inScope(db, actor, async (tx) => {
        const evidence = await evidenceStore.findEvidence(tx, id, scopeLikePattern(actor));
        if (!evidence?.sha256)
          throw dossierNotFound('EVIDENCE_NOT_FOUND', '依据文件', 'evidence file');
        const bytes = await readContent(tx, evidence.sha256);
        if (!bytes || createHash('sha256').update(bytes).digest('hex') !== evidence.sha256) {
          throw new AppError('unavailable', {
            code: 'EVIDENCE_CORRUPT',
            messageZh: '依据文件内容与校验值不符',
            messageEn: 'the stored content does not match its checksum',
          });
        }
        return { evidence, bytes };
      });
    },
  };
}

export type BackfillReviewService = ReturnType<typeof createBackfillReviewService>;
