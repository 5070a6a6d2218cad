// Stock back-fill (存量补录, TL-STOCK-01): a county's temporary-land polygons from the 2021
// land-change survey, in any import format, become one batch — all or nothing, every problem
// located. Each polygon is classified (domain/classify.ts) from its attributes, the register
// (a polygon on a registered record is linked, not back-filled twice) and the evidence supplied,
// and the consequences follow in the same transaction: back-filled records, rectification
// orders, illegal-land-use cases. The same files for the same county return the batch already
// made (idempotent), whatever else the request says.
import { createHash, randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { Rehearsal, rehearsed } from '../../platform/db/rehearsal.ts';
import { AppError, type Problem } from '../../platform/errors.ts';
import type { Progress } from '../../platform/progress.ts';
import { requireIsoDate } from '../../platform/time/iso-date.ts';
import { shown } from '../../platform/control-characters.ts';
import { type Actor, actorLabel } from '../../identity/domain/actor.ts';
import { requireCountyInScope } from '../../identity/require-county.ts';
import { asActor } from '../../identity/scoped-db.ts';
import { findUseType } from '../../register/domain/classification.ts';
import type { RuleSettings } from '../../register/domain/settings.ts';
import { attributeProblems, buildAll } from '../../register/import/import.service.ts';
import { readLoadFiles } from '../../register/import/read-file.ts';
import { fieldsFromAttributes } from '../../register/import/record-from-attributes.ts';
import type { RegisterService } from '../../register/register.service.ts';
import type { StepRunner } from './apply-consequences.ts';
import * as store from './backfill.store.ts';
import { classifyPolygon, classLetters, type Decision } from './domain/classify.ts';
import { planConsequences, requires, targetFor } from './domain/consequences.ts';
import { polygonFacts, type PolygonFacts } from './domain/polygon-facts.ts';
import type { EvidenceItem } from './domain/signals.ts';
import { linkFacts } from './link.ts';
import {
  checkEvidenceFile,
  storeEvidenceFile,
  type CheckedFile,
  type EvidenceInput,
} from './evidence-files.ts';

/** The land-change survey TL-STOCK-01 names as the baseline. */
export const baselineSurveyYear = 2021;

export interface BackfillImportInput {
  /** The county the batch covers. */
  divisionCode: string;
  /** The date the polygons' status is judged on (normally today); orders are issued on it. */
  asOf: string;
  surveyYear?: number;
  /** Provenance, e.g. 2021 年度国土变更调查临时用地图斑（省厅下发）. */
  source: string;
  /** Calendar days a rectification order gives; default the province's setting (TL-RECL-02). */
  rectificationDays?: number;
  /** Evidence for polygons, each naming its polygon by 图斑编号. */
  evidence?: readonly (EvidenceInput & { surveyCode: string })[];
  dryRun?: boolean;
  reason: string;
}

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

export interface BackfillImportResult {
  batchId: string;
  /** True when these files were already imported for the county: nothing new was done. */
  alreadyImported: boolean;
  dryRun: boolean;
  divisionCode: string;
  asOf: string;
  surveyYear: number;
  source: string;
  rectificationDays: number;
  counts: store.BatchCounts;
  polygons: ImportedPolygon[];
  warnings: Problem[];
}

interface Prepared {
  file: string;
  feature: number;
  label: string;
  properties: Record<string, unknown>;
  geometry: unknown;
  facts: PolygonFacts;
}

/** SHA-256 over the files' own checksums in order: the same files make the same batch. */
function contentDigest(files: readonly { sha256: string }[]): string {
  const hash = createHash('sha256');
  for (const sha of files.map((f) => f.sha256).sort()) hash.update(sha);
  return hash.digest('hex');
}

export function createBackfillImportService(
  db: Db,
  register: RegisterService,
  runSteps: StepRunner,
) {
  async function existingResult(
    tx: Queryable,
    batch: store.BatchRow,
    warnings: Problem[],
  ): Promise<BackfillImportResult> {
    const { items } = await store.listPolygons(tx, {
      scopeLike: '%',
      batchId: batch.id,
      limit: 1_000_000,
      offset: 0,
    });
    const dossiers = await store.liveDossiersOfBatch(tx, batch.id);
    const polygons: ImportedPolygon[] = items.map((p) => ({
      id: p.id,
      file: p.file,
      feature: p.feature,
      surveyCode: p.surveyCode,
      class: p.class,
      letter: classLetters[p.class],
      grounds: p.decision.grounds,
      recordId: p.recordId,
      recordLink: p.recordLink,
      orderId: dossiers.get(p.id)?.orderId ?? null,
      caseId: dossiers.get(p.id)?.caseId ?? null,
      reviewDue: p.reviewDue,
    }));
    return {
      batchId: batch.id,
      alreadyImported: true,
      dryRun: false,
      divisionCode: batch.divisionCode,
      asOf: batch.asOf,
      surveyYear: batch.surveyYear,
      source: batch.source,
      rectificationDays: batch.settings.rectificationDays,
      counts: await store.batchCounts(tx, batch.id),
      polygons,
      warnings,
    };
  }

  return {
    async import(
      actor: Actor,
      files: readonly { name: string; bytes: Uint8Array }[],
      input: BackfillImportInput,
      progress?: Progress,
    ): Promise<BackfillImportResult> {
      const asOf = requireIsoDate(input.asOf, 'asOf');
      const surveyYear = input.surveyYear ?? baselineSurveyYear;
      const reads = (await readLoadFiles(files, { zh: '图斑', en: 'polygons' })).map((r) => ({
        ...r,
        sha256: createHash('sha256').update(r.bytes).digest('hex'),
        sizeBytes: r.bytes.length,
      }));
      const digest = contentDigest(reads);

      const run = async (tx: Queryable): Promise<BackfillImportResult> => {
        await requireCountyInScope(tx, actor, input.divisionCode, 'BACKFILL_DIVISION_LEVEL', {
          zh: '存量补录批次',
          en: 'back-fill batches',
        });
        const warnings: Problem[] = reads.flatMap((r) => r.read.warnings);
        const existing = await store.findBatchByContent(tx, input.divisionCode, digest);
        if (existing) {
          warnings.push({
            code: 'BACKFILL_ALREADY_IMPORTED',
            messageZh: `这些文件已于 ${existing.createdAt.toISOString().slice(0, 10)} 作为批次 ${existing.id} 导入，返回该批次；本次请求的其他内容（评估日、依据等）未采用`,
            messageEn: `these files were imported as batch ${existing.id} on ${existing.createdAt.toISOString().slice(0, 10)}; that batch is returned and nothing else in this request was applied`,
          });
          return existingResult(tx, existing, warnings);
        }
        if (surveyYear !== baselineSurveyYear) {
          warnings.push({
            code: 'BACKFILL_SURVEY_YEAR',
            messageZh: `TL-STOCK-01 以 ${baselineSurveyYear} 年度变更调查为底数，本批次为 ${surveyYear} 年度`,
            messageEn: `TL-STOCK-01 takes the ${baselineSurveyYear} land-change survey as the baseline; this batch is from ${surveyYear}`,
          });
        }
        const { settings } = await register.ruleInputs(tx, input.divisionCode);
        const rectificationDays = input.rectificationDays ?? settings.rectificationDays;

        // 1. Read, build and check everything; nothing is written before all is clean.
        const problems: Problem[] = [];
        const prepared: Prepared[] = [];
        for (const { file, read } of reads) {
          problems.push(...attributeProblems(read, file));
          for (const b of await buildAll(tx, read, file, { progress })) {
            problems.push(...b.problems);
            const where = { file, feature: b.candidate.feature };
            const { facts, problems: factProblems } = polygonFacts(b.candidate.properties, where);
            problems.push(...factProblems);
            if (facts.locatedIn && facts.locatedIn.value !== input.divisionCode) {
              problems.push({
                code: 'BACKFILL_OUTSIDE_DIVISION',
                messageZh: `图斑坐落于 ${facts.locatedIn.value}，不属于本批次的县级行政区 ${input.divisionCode}`,
                messageEn: `the polygon lies in ${facts.locatedIn.value}, not in this batch's county ${input.divisionCode}`,
                location: { ...where, field: facts.locatedIn.field },
              });
            }
            if (b.built)
              prepared.push({
                file,
                feature: b.candidate.feature,
                label: b.candidate.label,
                properties: b.candidate.properties,
                geometry: b.built.geometry,
                facts,
              });
          }
        }
        problems.push(...(await codeProblems(tx, prepared, input.divisionCode, surveyYear)));
        const pairs = await store.overlappingPairs(
          tx,
          prepared.map((p) => p.geometry),
          settings.backfillLinkShare,
        );
        for (const { a, b, share } of pairs) {
          const first = prepared[a]!;
          const second = prepared[b]!;
          problems.push({
            code: 'BACKFILL_POLYGONS_OVERLAP',
            messageZh: `与 ${first.file} 第 ${first.feature} 个图斑重叠 ${(share * 100).toFixed(1)}%，同一块地不能补录两次`,
            messageEn: `overlaps ${first.file} feature ${first.feature} by ${(share * 100).toFixed(1)}%; the same land cannot be back-filled twice`,
            location: { file: second.file, feature: second.feature },
          });
        }
        const evidence = matchEvidence(input.evidence ?? [], prepared, problems);

        // 2. Classify every polygon against the register and its evidence.
        const classified: {
          p: Prepared;
          decision: Decision;
          evidence: { item: EvidenceItem; file: CheckedFile | null }[];
        }[] = [];
        const task = progress?.start('classify', prepared.length);
        for (const p of prepared) {
          // Only the county's own records: it answers for the polygons in its batch.
          const link = await linkFacts(tx, p.geometry, input.divisionCode, settings);
          const items = evidence.get(p) ?? [];
          const decision = classifyPolygon({
            facts: p.facts,
            evidence: items.map((e) => e.item),
            linked: link.linked,
            partialOverlaps: link.partial,
            asOf,
            surveyYear,
            settings,
          });
          if (requires(decision.class).record && !link.linked) problems.push(...useProblems(p));
          classified.push({ p, decision, evidence: items });
          task?.tick(p.label);
        }
        task?.done();
        const [first, ...rest] = problems;
        if (first) {
          throw AppError.many(
            'invalid',
            {
              code: 'BACKFILL_IMPORT_INVALID',
              messageZh: `发现 ${problems.length} 处问题，未补录任何图斑`,
              messageEn: `${problems.length} problems found; nothing was back-filled`,
            },
            [first, ...rest],
          );
        }

        // 3. Write the batch, the polygons, their evidence and their consequences.
        const batchId = await store.insertBatch(tx, {
          divisionCode: input.divisionCode,
          surveyYear,
          asOf,
          source: input.source,
          files: reads.map((r) => ({
            name: r.file,
            sha256: r.sha256,
            sizeBytes: r.sizeBytes,
            format: r.read.format,
            crs: r.read.crsBasis,
            polygons: r.read.candidates.length,
          })),
          contentSha256: digest,
          settings: {
            rectificationDays,
            backfillLinkShare: settings.backfillLinkShare,
            reclamationYears: settings.reclamationYears,
            termCapYears: settings.termCapYears,
            transitionalCapYears: settings.transitionalCapYears,
          },
          importedBy: actorLabel(actor),
        });
        const polygons: ImportedPolygon[] = [];
        const write = progress?.start('back-fill', classified.length);
        for (const { p, decision, evidence: items } of classified) {
          polygons.push(
            await writePolygon(tx, actor, {
              batchId,
              divisionCode: input.divisionCode,
              surveyYear,
              p,
              decision,
              evidence: items,
              occurredOn: asOf,
              rectificationDays,
              settings,
            }),
          );
          write?.tick(p.label);
        }
        write?.done();
        const result: BackfillImportResult = {
          batchId,
          alreadyImported: false,
          dryRun: input.dryRun ?? false,
          divisionCode: input.divisionCode,
          asOf,
          surveyYear,
          source: input.source,
          rectificationDays,
          counts: await store.batchCounts(tx, batchId),
          polygons,
          warnings,
        };
        if (input.dryRun) throw new Rehearsal(result);
        return result;
      };
      return rehearsed(asActor(db, actor, run, input.reason));
    },
  };

  async function writePolygon(
    tx: Queryable,
    actor: Actor,
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
    const linked = decision.linked
      ? { id: decision.linked.recordId, link: 'linked' as const }
      : null;
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
    const id = await store.insertPolygon(tx, {
      ...subject,
      facts: p.facts,
      class: decision.class,
      decision,
      reviewDue: decision.review.length > 0,
    });
    for (const { item, file } of w.evidence) {
      if (file) await storeEvidenceFile(tx, file);
      await store.insertEvidence(tx, {
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
    if (record) await store.updatePolygon(tx, id, 1, { record });
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
}

/** Patch numbers repeated in the batch, or back-filled before for the county and year. */
async function codeProblems(
  tx: Queryable,
  prepared: readonly Prepared[],
  divisionCode: string,
  surveyYear: number,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const seen = new Map<string, Prepared>();
  for (const p of prepared) {
    const code = p.facts.surveyCode;
    if (code === null) continue;
    const first = seen.get(code);
    if (first)
      problems.push({
        code: 'BACKFILL_DUPLICATE_SURVEY_CODE',
        messageZh: `图斑编号“${shown(code)}”与 ${first.file} 第 ${first.feature} 个图斑重复`,
        messageEn: `patch number "${shown(code)}" repeats ${first.file} feature ${first.feature}`,
        location: { file: p.file, feature: p.feature, field: '图斑编号' },
      });
    else seen.set(code, p);
  }
  const taken = await store.takenSurveyCodes(tx, divisionCode, surveyYear, [...seen.keys()]);
  for (const [code, p] of seen) {
    if (!taken.has(code)) continue;
    problems.push({
      code: 'BACKFILL_ALREADY_BACKFILLED',
      messageZh: `图斑“${shown(code)}”已在本县 ${surveyYear} 年度的其他批次中补录`,
      messageEn: `patch "${shown(code)}" was back-filled for this county and ${surveyYear} in another batch`,
      location: { file: p.file, feature: p.feature, field: '图斑编号' },
    });
  }
  return problems;
}

/** A polygon to be back-filled needs a known use (TL-SCOPE-03), like any record. */
function useProblems(p: Prepared): Problem[] {
  const candidate = {
    feature: p.feature,
    label: p.label,
    properties: p.properties,
    shape: { kind: 'geojson' as const, srid: 4490, geometry: p.geometry },
  };
  const { fields, useAsWritten } = fieldsFromAttributes(candidate);
  if (findUseType(fields.useType)) return [];
  return [
    {
      code: 'BACKFILL_USE_UNKNOWN',
      messageZh: useAsWritten
        ? `用途“${shown(useAsWritten)}”不在临时用地允许的用途清单内（TL-SCOPE-03），无法补录`
        : '图斑须补录，但未写明用途（用途 / 地块用途）',
      messageEn: useAsWritten
        ? `use "${shown(useAsWritten)}" is not an allowed temporary-land use (TL-SCOPE-03); the polygon cannot be back-filled`
        : 'the polygon is to be back-filled but names no use (用途 / useType)',
      location: { file: p.file, feature: p.feature, field: '用途' },
    },
  ];
}

/** Evidence items matched to their polygons by 图斑编号; unknown numbers and bad files are problems. */
function matchEvidence(
  inputs: readonly (EvidenceInput & { surveyCode: string })[],
  prepared: readonly Prepared[],
  problems: Problem[],
): Map<Prepared, { item: EvidenceItem; file: CheckedFile | null }[]> {
  const byCode = new Map(
    prepared.filter((p) => p.facts.surveyCode).map((p) => [p.facts.surveyCode!, p]),
  );
  const out = new Map<Prepared, { item: EvidenceItem; file: CheckedFile | null }[]>();
  inputs.forEach((e, i) => {
    const field = `evidence[${i}]`;
    const p = byCode.get(e.surveyCode);
    if (!p) {
      problems.push({
        code: 'EVIDENCE_POLYGON_UNKNOWN',
        messageZh: `依据所指图斑编号“${shown(e.surveyCode)}”不在本批次中`,
        messageEn: `evidence names patch "${shown(e.surveyCode)}", which is not in this batch`,
        location: { field: `${field}.surveyCode` },
      });
      return;
    }
    const checked = checkEvidenceFile(e, `${field}.file`);
    problems.push(...checked.problems);
    const item: EvidenceItem = {
      id: randomUUID(),
      kind: e.kind,
      shows: e.shows,
      note: e.note ?? null,
    };
    out.set(p, [...(out.get(p) ?? []), { item, file: checked.file }]);
  });
  return out;
}
