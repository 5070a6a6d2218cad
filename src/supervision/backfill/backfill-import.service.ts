// Stock back-fill (存量补录, TL-STOCK-01): a county's temporary-land polygons from the 2021
// land-change survey, in any import format, become one batch — all or nothing, every problem
// located. Each polygon is classified (domain/classify.ts) from its attributes, the register
// (a polygon on a registered record is linked, not back-filled twice) and the evidence supplied,
// and the consequences follow in the same transaction: back-filled records, rectification
// orders, illegal-land-use cases. The same files for the same county return the batch already
// made (idempotent), whatever else the request says.
import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { Rehearsal, rehearsed } from '../../platform/db/rehearsal.ts';
import { AppError, type Problem } from '../../platform/errors.ts';
import type { Progress } from '../../platform/progress.ts';
import { requireIsoDate } from '../../platform/time/iso-date.ts';
import { type Actor, actorLabel } from '../../identity/domain/actor.ts';
import { requireCountyInScope } from '../../identity/require-county.ts';
import { asActor } from '../../identity/scoped-db.ts';
import { attributeProblems, buildAll } from '../../register/import/import.service.ts';
import { readLoadFiles } from '../../register/import/read-file.ts';
import type { RegisterService } from '../../register/register.service.ts';
import type { StepRunner } from './apply-consequences.ts';
import * as batchStore from './batches.store.ts';
import * as polygonStore from './polygons.store.ts';
import { classifyPolygon, classLetters, type Decision } from './domain/classify.ts';
import { requires } from './domain/consequences.ts';
import { polygonFacts } from './domain/polygon-facts.ts';
import type { EvidenceItem } from './domain/signals.ts';
import { linkFacts } from './link.ts';
import { writePolygon, type ImportedPolygon } from './write-polygon.ts';
import { codeProblems, matchEvidence, useProblems, type Prepared } from './batch-checks.ts';
import type { CheckedFile, EvidenceInput } from './evidence-files.ts';

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
  counts: batchStore.BatchCounts;
  polygons: ImportedPolygon[];
  warnings: Problem[];
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
    batch: batchStore.BatchRow,
    warnings: Problem[],
  ): Promise<BackfillImportResult> {
    const { items } = await polygonStore.listPolygons(tx, {
      scopeLike: '%',
      batchId: batch.id,
      limit: 1_000_000,
      offset: 0,
    });
    const dossiers = await batchStore.liveDossiersOfBatch(tx, batch.id);
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
      counts: await batchStore.batchCounts(tx, batch.id),
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
        const existing = await batchStore.findBatchByContent(tx, input.divisionCode, digest);
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
        const pairs = await polygonStore.overlappingPairs(
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
        const batchId = await batchStore.insertBatch(tx, {
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
            await writePolygon(tx, actor, runSteps, {
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
          counts: await batchStore.batchCounts(tx, batchId),
          polygons,
          warnings,
        };
        if (input.dryRun) throw new Rehearsal(result);
        return result;
      };
      return rehearsed(asActor(db, actor, run, input.reason));
    },
  };
}
