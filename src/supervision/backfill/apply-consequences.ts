// Runs the steps planConsequences chose for a polygon inside the caller's transaction: creates
// the back-filled record (backfilled = true, through the register's lifecycle to the state the
// decision names), issues or closes the rectification order, opens or dismisses the
// illegal-land-use case, writes a back-filled record off. Every write is versioned with the
// transaction's reason.
import type { Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../identity/domain/actor.ts';
import type { RecordState, TransitionAction } from '../../register/domain/lifecycle.ts';
import type { ImportCandidate } from '../../register/import/candidate.ts';
import { fieldsFromAttributes } from '../../register/import/record-from-attributes.ts';
import { overlayFacts } from '../../register/overlay.store.ts';
import type { RegisterService } from '../../register/register.service.ts';
import { insertCase, findCase, moveCase } from '../illegal-cases/illegal-cases.store.ts';
import { orderDeadline } from '../rectification/domain/rectification-order.ts';
import { findOrder, insertOrder, moveOrder } from '../rectification/rectification.store.ts';
import type { WriteOffService } from '../write-offs/write-offs.service.ts';
import type { Decision } from './domain/classify.ts';
import type { Step } from './domain/consequences.ts';
import type { PolygonSource } from './polygons.store.ts';

/** The polygon as the steps need it. */
export interface PolygonSubject extends PolygonSource {
  id: string;
  record: { id: string; link: 'created' | 'linked' } | null;
}

export interface StepContext {
  /** The date the steps happen on (the batch's as-of date, or the review's date). */
  occurredOn: string;
  decision: Decision;
  rectificationDays: number;
  /** Why, in words, for the notes on transitions and dossiers. */
  why: string;
}

export interface StepOutcome {
  /** The record the polygon now has, when a step changed it. */
  record?: { id: string; link: 'created' | 'linked' };
  orderId?: string;
  caseId?: string;
  writeOffId?: string;
}

/** The lifecycle path from a new record (approved) to the states a decision may name. */
const pathTo: Partial<Record<RecordState, readonly [TransitionAction, string][]>> = {
  in_use: [
    ['register', 'BACKFILLED'],
    ['start_use', 'WORKS_STARTED'],
  ],
  expired: [
    ['register', 'BACKFILLED'],
    ['start_use', 'WORKS_STARTED'],
    ['expire', 'TERM_ENDED'],
  ],
  reclaiming: [
    ['register', 'BACKFILLED'],
    ['start_use', 'WORKS_STARTED'],
    ['start_reclamation', 'USE_ENDED'],
  ],
};

/** The basis a dossier keeps: the decision's grounds, message and the signals behind it. */
export function dossierBasis(decision: Decision, polygon: PolygonSubject, why: string) {
  return {
    rule: decision.rule,
    class: decision.class,
    grounds: decision.grounds,
    messageZh: decision.messageZh,
    messageEn: decision.messageEn,
    dates: decision.dates,
    signals: decision.basis,
    polygon: { id: polygon.id, surveyCode: polygon.surveyCode, batchId: polygon.batchId },
    why,
  };
}

export function createStepRunner(register: RegisterService, writeOffs: WriteOffService) {
  async function createRecord(
    tx: Queryable,
    actor: Actor,
    polygon: PolygonSubject,
    state: RecordState,
    ctx: StepContext,
  ): Promise<string> {
    const candidate: ImportCandidate = {
      feature: polygon.feature,
      label: polygon.surveyCode ?? `#${polygon.feature}`,
      properties: polygon.attributes,
      shape: { kind: 'geojson', srid: 4490, geometry: polygon.geometry },
    };
    const { fields } = fieldsFromAttributes(candidate);
    const overlay = await overlayFacts(tx, polygon.geometry, null);
    let view = await register.createWithin(
      tx,
      actor,
      {
        ...fields,
        divisionCode: polygon.divisionCode,
        geometry: polygon.geometry,
        source: {
          kind: 'backfill',
          rule: 'TL-STOCK-01',
          batchId: polygon.batchId,
          polygonId: polygon.id,
          surveyYear: polygon.surveyYear,
          surveyCode: polygon.surveyCode,
          file: polygon.file,
          feature: polygon.feature,
        },
      },
      { overlay, backfill: true },
    );
    const dates = ctx.decision.dates;
    const written = (v: unknown) => (typeof v === 'string' && v < ctx.occurredOn ? v : undefined);
    // Works started when the term did (or on approval); the term ended on its end date.
    const on = (action: TransitionAction) =>
      action === 'start_use'
        ? (written(fields.termStart) ?? written(fields.approvalDate) ?? ctx.occurredOn)
        : action === 'expire'
          ? (written(dates?.termEnd) ?? ctx.occurredOn)
          : ctx.occurredOn;
    const path = pathTo[state];
    if (!path) throw new Error(`a back-filled record does not start as ${state}`);
    for (const [action, reasonCode] of path) {
      view = await register.transitionWithin(tx, actor, view.id, view.version, {
        action,
        reasonCode,
        occurredOn: on(action),
        note: `存量补录 back-fill (TL-STOCK-01) ${polygon.surveyCode ?? polygon.id}`,
      });
    }
    return view.id;
  }

  /** Runs `steps` for `polygon`; returns what changed. */
  return async function runSteps(
    tx: Queryable,
    actor: Actor,
    polygon: PolygonSubject,
    steps: readonly Step[],
    ctx: StepContext,
  ): Promise<StepOutcome> {
    const outcome: StepOutcome = {};
    let record = polygon.record;
    const basis = dossierBasis(ctx.decision, polygon, ctx.why);
    for (const step of steps) {
      switch (step.kind) {
        case 'create_record': {
          const id = await createRecord(tx, actor, polygon, step.state, ctx);
          record = { id, link: 'created' };
          outcome.record = record;
          break;
        }
        case 'issue_order': {
          if (!record) throw new Error('a rectification order needs the record it concerns');
          outcome.orderId = await insertOrder(tx, {
            divisionCode: polygon.divisionCode,
            recordId: record.id,
            polygonId: polygon.id,
            grounds: step.grounds,
            issuedOn: ctx.occurredOn,
            deadline: orderDeadline(ctx.occurredOn, ctx.rectificationDays),
            basis,
          });
          break;
        }
        case 'close_order': {
          const order = await findOrder(tx, step.orderId, '%');
          if (order) await moveOrder(tx, order.id, order.version, 'closed', ctx.why);
          break;
        }
        case 'open_case': {
          outcome.caseId = await insertCase(tx, {
            divisionCode: polygon.divisionCode,
            polygonId: polygon.id,
            recordId: record?.id ?? null,
            openedOn: ctx.occurredOn,
            basis,
          });
          break;
        }
        case 'dismiss_case': {
          const found = await findCase(tx, step.caseId, '%');
          if (found) await moveCase(tx, found.id, found.version, 'dismissed', ctx.why);
          break;
        }
        case 'write_off_record': {
          const done = await writeOffs.writeOffWithin(tx, actor, {
            recordId: step.recordId,
            reasonCode: step.reasonCode,
            occurredOn: ctx.occurredOn,
            note: ctx.why,
            polygonId: polygon.id,
            ...(outcome.caseId ? { caseId: outcome.caseId } : {}),
          });
          outcome.writeOffId = done.id;
          break;
        }
      }
    }
    return outcome;
  };
}

export type StepRunner = ReturnType<typeof createStepRunner>;
