// Loading a county's survey layer (land-class patches 地类图斑, permanent basic farmland
// 永久基本农田 or division boundaries 行政区) from any import format, all or nothing: every
// feature is built and checked in PostGIS, every attribute problem is located, and only a
// clean load is written. The new batch supersedes the county's previous one (kept, marked
// superseded). After a patch layer the overlay of every live record in the county is
// recomputed against it, since the findings of TL-SCOPE-01, TL-APPR-01, TL-PBF-01/02 and
// TL-REUSE-01 rest on it; boundaries only draw the map and change no finding.
import type { Db, Queryable } from '../../platform/db/db.ts';
import { Rehearsal, rehearsed } from '../../platform/db/rehearsal.ts';
import { AppError, type Problem } from '../../platform/errors.ts';
import type { Progress } from '../../platform/progress.ts';
import type { Actor } from '../../identity/domain/actor.ts';
import { requireCountyInScope } from '../../identity/require-county.ts';
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
  /** The county the batch covers (the land-change survey is delivered per county). */
  divisionCode: string;
  surveyYear: number;
  source: string;
  dryRun?: boolean;
  reason: string;
}

export interface SurveyLayerImportResult {
  dryRun: boolean;
  batchId: string;
  layer: SurveyLayer;
  divisionCode: string;
  features: number;
  areaM2: number;
  supersededBatches: string[];
  reoverlay: ReoverlayResult;
  warnings: Problem[];
}

const chunkSize = 2_000;

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
        // The county's current batch of this layer steps aside first: at most one is current.
        const superseded = await tx.query<{ id: string }>(
          `UPDATE reference_layer_batch SET status = 'superseded'
           WHERE layer = $1 AND division_code = $2 AND status = 'current' RETURNING id`,
          [input.layer, input.divisionCode],
        );
        const batchId = await insertBatch(tx, input);
        const { layer } = input;
        const count = layer === 'division' ? boundaries.length : features.length;
        const task = progress?.start('patches', count);
        for (let i = 0; i < count; i += chunkSize) {
          if (layer === 'division')
            await insertBoundaries(tx, batchId, boundaries.slice(i, i + chunkSize));
          else await insertFeatures(tx, layer, batchId, features.slice(i, i + chunkSize));
          task?.tick(`${Math.min(i + chunkSize, count)}`);
        }
        task?.done();
        const [area] = await tx.query<{ m2: number }>(
          `SELECT coalesce(sum(area_m2), 0) AS m2 FROM ${referenceLayerTables[layer]} WHERE batch_id = $1`,
          [batchId],
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
          batchId,
          layer: input.layer,
          divisionCode: input.divisionCode,
          features: count,
          areaM2: area?.m2 ?? 0,
          supersededBatches: superseded.map((s) => s.id),
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
