// Writing one classified polygon of a batch: the polygon with its decision, the evidence that
// came with it, and the consequences its class requires (run by apply-consequences.ts).
import type { Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../identity/domain/actor.ts';
import type { RuleSettings } from '../../register/domain/settings.ts';
import type { StepRunner } from './apply-consequences.ts';
import type { Prepared } from './batch-checks.ts';
import type { Decision } from './domain/classify.ts';
import { planConsequences, targetFor } from './domain/consequences.ts';
import type { EvidenceItem } from './domain/signals.ts';
import * as evidenceStore from './evidence.store.ts';
import { storeEvidenceFile, type CheckedFile } from './evidence-files.ts';
import * as polygonStore from './polygons.store.ts';

/** What became of one polygon of a batch. */
export interface ImportedPolygon {
  id: string;
  file: string;
  feature: number;
  surveyCode: string | null;
  class: Decision['class'];
  letter: Decision['letter'];
  grounds: Decision['grounds'];
  recordId: string | null;
  recordLink: 'created' | 'linked' | null;
  orderId: string | null;
  caseId: string | null;
  reviewDue: boolean;
}

export async function writePolygon(
  tx: Queryable,
  actor: Actor,
  runSteps: StepRunner,
  w: {
    batchId: string;
    divisionCode: string;
    surveyYear: number;
    p: Prepared;
    decision: Decision;
    evidence: { item: EvidenceItem; file: CheckedFile | null }[];
    occurredOn: string;
    rectificationDays: number;
    settings: RuleSettings;
  },
): Promise<ImportedPolygon> {
  const { p, decision } = w;
  const linked = decision.linked ? { id: decision.linked.recordId, link: 'linked' as const } : null;
  const subject = {
    batchId: w.batchId,
    divisionCode: w.divisionCode,
    surveyYear: w.surveyYear,
    file: p.file,
    feature: p.feature,
    surveyCode: p.facts.surveyCode,
    attributes: p.properties,
    geometry: p.geometry,
  };
  const id = await polygonStore.insertPolygon(tx, {
    ...subject,
    facts: p.facts,
    class: decision.class,
    decision,
    reviewDue: decision.review.length > 0,
  });
  for (const { item, file } of w.evidence) {
    if (file) await storeEvidenceFile(tx, file);
    await evidenceStore.insertEvidence(tx, {
      id: item.id,
      polygonId: id,
      divisionCode: w.divisionCode,
      kind: item.kind,
      shows: item.shows,
      note: item.note,
      file: file
        ? {
            name: file.name,
            contentType: file.contentType,
            sha256: file.sha256,
            sizeBytes: file.sizeBytes,
          }
        : null,
    });
  }
  const steps = planConsequences(
    {
      record: decision.linked
        ? { id: decision.linked.recordId, link: 'linked', state: decision.linked.state }
        : null,
      liveOrderId: null,
      liveCaseId: null,
    },
    targetFor(decision.class, decision),
  );
  const outcome = await runSteps(tx, actor, { ...subject, id, record: linked }, steps, {
    occurredOn: w.occurredOn,
    decision,
    rectificationDays: w.rectificationDays,
    why: `存量补录 back-fill ${decision.letter}: ${decision.grounds}`,
  });
  const record = outcome.record ?? linked;
  if (record) await polygonStore.updatePolygon(tx, id, 1, { record });
  return {
    id,
    file: p.file,
    feature: p.feature,
    surveyCode: p.facts.surveyCode,
    class: decision.class,
    letter: decision.letter,
    grounds: decision.grounds,
    recordId: record?.id ?? null,
    recordLink: record?.link ?? null,
    orderId: outcome.orderId ?? null,
    caseId: outcome.caseId ?? null,
    reviewDue: decision.review.length > 0,
  };
}
