// Loading a county's survey layer (land-class patches 地类图斑, permanent basic farmland
// 永久基本农田 or division boundaries 行政区) from any import format, all or nothing: every
// feature is built and checked in PostGIS, every attribute problem is located, and only a
// clean load is written. The new batch supersedes the county's previous one (kept, marked
// superseded). Division boundaries may also come as one file of several counties, loaded by a
// city or province (or the ministry) into a batch per county in one transaction. After a patch layer the overlay of every live record in the county is
// recomputed against it, since the findings of TL-SCOPE-01, TL-APPR-01, TL-PBF-01/02 and
// TL-REUSE-01 rest on it; boundaries only draw the map and change no finding.
import type { Db, Queryable } from '../../platform/db/db.ts';
import { Rehearsal, rehearsed } from '../../platform/db/rehearsal.ts';
import { AppError, type Problem } from '../../platform/errors.ts';
import type { Progress } from '../../platform/progress.ts';
import type { Actor } from '../../identity/domain/actor.ts';
import { requireCountyInScope, requireDivisionInScope } from '../../identity/require-county.ts';
import { asActor } from '../../identity/scoped-db.ts';
import {
  insertBatch,
  insertBoundaries,
  insertFeatures,
  referenceLayerTables,
  type BoundaryFeature,
  type LayerFeature,
} from '../../reference/layers/layers.store.ts';
import { buildAll } from '../import/import.service.ts';
import { readLoadFiles } from '../import/read-file.ts';
import { boundaryFeatureAttributes } from './boundary-attributes.ts';
import { surveyFeatureAttributes, type SurveyLayer } from './survey-layer-attributes.ts';
import { reoverlayDivision, type ReoverlayResult } from './reoverlay.store.ts';

export interface SurveyLayerImportInput {
  layer: SurveyLayer;
  /**
   * The county the batch covers (the land-change survey is delivered per county); for the
   * division layer any division the caller reaches, whose counties the file may hold.
   */
  divisionCode: string;
  surveyYear: number;
  source: string;
  dryRun?: boolean;
  reason: string;
}

/** One batch a load made: a county's (or, for boundaries, each division's in the file). */
export interface LoadedBatch {
  batchId: string;
  divisionCode: string;
  features: number;
  supersededBatches: string[];
}

export interface SurveyLayerImportResult {
  dryRun: boolean;
  /** The first (for a county's load, the only) batch of `batches`. */
  batchId: string;
  layer: SurveyLayer;
  divisionCode: string;
  /** Every batch made, by division code: one per division the boundaries of the file lie in. */
  batches: LoadedBatch[];
  features: number;
  areaM2: number;
  supersededBatches: string[];
  reoverlay: ReoverlayResult;
  warnings: Problem[];
}

const chunkSize = 2_000;

/**
 * The features of a load by the division their batch is for, in code order: a county's load is
 * one batch (even with no feature); boundaries go to the division of their code.
 */
function byDivision<F extends { divisionCode: string }>(
  loadDivision: string,
  rows: readonly F[],
): [string, F[]][] {
  const groups = new Map<string, F[]>();
  for (const row of rows) {
    const group = groups.get(row.divisionCode);
    if (group) group.push(row);
    else groups.set(row.divisionCode, [row]);
  }
  if (groups.size === 0) groups.set(loadDivision, []);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

export function createSurveyLayerImportService(db: Db) {
  return {
    async import(
      actor: Actor,
      files: readonly { name: string; bytes: Uint8Array }[],
      input: SurveyLayerImportInput,
      progress?: Progress,
    ): Promise<SurveyLayerImportResult> {
      const reads = await readLoadFiles(files, { zh: '图斑', en: 'patches' });
      const run = async (tx: Queryable): Promise<SurveyLayerImportResult> => {
        if (input.layer === 'division') await requireDivisionInScope(tx, actor, input.divisionCode);
        else
          await requireCountyInScope(tx, actor, input.divisionCode, 'LAYER_DIVISION_LEVEL', {
            zh: '调查图层',
            en: 'survey layers',
          });
        const known = new Set(
          (await tx.query<{ code: string }>('SELECT code FROM land_class')).map((r) => r.code),
        );
        const divisions =
          input.layer === 'division'
            ? new Set(
                (await tx.query<{ code: string }>('SELECT code FROM division')).map((r) => r.code),
              )
            : new Set<string>();
        const problems: Problem[] = [];
        const features: LayerFeature[] = [];
        const boundaries: BoundaryFeature[] = [];
        let adjustable = 0;
        for (const { file, read } of reads) {
          for (const b of await buildAll(tx, read, file, { progress })) {
            problems.push(...b.problems);
            if (input.layer === 'division') {
              const read = boundaryFeatureAttributes(
                b.candidate,
                input.divisionCode,
                divisions,
                file,
              );
              problems.push(...read.problems);
              if (b.built && read.attributes)
                boundaries.push({ ...read.attributes, geometry: b.built.geometry });
              continue;
            }
            const read = surveyFeatureAttributes(
              b.candidate,
              input.layer,
              input.divisionCode,
              known,
              file,
            );
            problems.push(...read.problems);
            if (!b.built || !read.attributes) continue;
            if (read.attributes.adjustableCode) adjustable += 1;
            features.push({
              divisionCode: read.attributes.divisionCode,
              surveyCode: read.attributes.surveyCode,
              ...(read.attributes.landClassCode
                ? { landClassCode: read.attributes.landClassCode }
                : {}),
              geometry: b.built.geometry,
            });
          }
        }
        const [first, ...rest] = problems;
        if (first) {
          throw AppError.many(
            'invalid',
            {
              code: 'LAYER_IMPORT_INVALID',
              messageZh: `发现 ${problems.length} 处问题，未导入任何图斑`,
              messageEn: `${problems.length} problems found; no patch was loaded`,
            },
            [first, ...rest],
          );
        }
        const { layer } = input;
        const count = layer === 'division' ? boundaries.length : features.length;
        const task = progress?.start('patches', count);
        let done = 0;
        /** Stores each division's rows as a new batch superseding its current one. */
        const store = async <F extends { divisionCode: string }>(
          rows: readonly F[],
          insert: (batchId: string, chunk: F[]) => Promise<void>,
        ): Promise<LoadedBatch[]> => {
          const made: LoadedBatch[] = [];
          for (const [divisionCode, group] of byDivision(input.divisionCode, rows)) {
            // The division's current batch of this layer steps aside first: one is current.
            const superseded = await tx.query<{ id: string }>(
              `UPDATE reference_layer_batch SET status = 'superseded'
               WHERE layer = $1 AND division_code = $2 AND status = 'current' RETURNING id`,
              [layer, divisionCode],
            );
            const batchId = await insertBatch(tx, { ...input, divisionCode });
            for (let i = 0; i < group.length; i += chunkSize) {
              const chunk = group.slice(i, i + chunkSize);
              await insert(batchId, chunk);
              done += chunk.length;
              task?.tick(`${done}`);
            }
            made.push({
              batchId,
              divisionCode,
              features: group.length,
              supersededBatches: superseded.map((r) => r.id),
            });
          }
          return made;
        };
        const batches =
          layer === 'division'
            ? await store(boundaries, (id, chunk) => insertBoundaries(tx, id, chunk))
            : await store(features, (id, chunk) => insertFeatures(tx, layer, id, chunk));
        task?.done();
        const [area] = await tx.query<{ m2: number }>(
          `SELECT coalesce(sum(area_m2), 0) AS m2 FROM ${referenceLayerTables[layer]} WHERE batch_id = ANY($1::uuid[])`,
          [batches.map((b) => b.batchId)],
        );
        const reoverlay =
          layer === 'division'
            ? { checked: 0, changed: [] }
            : await reoverlayDivision(tx, input.divisionCode, progress);
        const warnings: Problem[] =
          adjustable > 0
            ? [
                {
                  code: 'LAYER_ADJUSTABLE_CLASSES',
                  messageZh: `${adjustable} 个图斑的地类编码带“K”（可调整地类），按其基本地类计入`,
                  messageEn: `${adjustable} patches carry a land-class code with the 'K' (adjustable) suffix; they count as their base class`,
                },
              ]
            : [];
        const result: SurveyLayerImportResult = {
          dryRun: input.dryRun ?? false,
          batchId: batches[0]!.batchId,
          layer: input.layer,
          divisionCode: input.divisionCode,
          batches,
          features: count,
          areaM2: area?.m2 ?? 0,
          supersededBatches: batches.flatMap((b) => b.supersededBatches),
          reoverlay,
          warnings,
        };
        if (input.dryRun) throw new Rehearsal(result);
        return result;
      };
      return rehearsed(asActor(db, actor, run, input.reason));
    },
  };
}

export type SurveyLayerImportService = ReturnType<typeof createSurveyLayerImportService>;
