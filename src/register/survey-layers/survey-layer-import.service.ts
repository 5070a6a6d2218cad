// Loading a county's survey layer (land-class patches 地类图斑 or permanent basic farmland
// 永久基本农田) from any import format, all or nothing: every feature is built and checked in
// PostGIS, every attribute problem is located, and only a clean load is written. The new
// batch supersedes the county's previous one (kept, marked superseded), and the overlay of
// every live record in the county is recomputed against it, since the findings of TL-SCOPE-01,
// TL-APPR-01, TL-PBF-01/02 and TL-REUSE-01 rest on it.
import type { Db, Queryable } from '../../platform/db/db.ts';
import { Rehearsal, rehearsed } from '../../platform/db/rehearsal.ts';
import { AppError, type Problem } from '../../platform/errors.ts';
import type { Progress } from '../../platform/progress.ts';
import type { Actor } from '../../identity/domain/actor.ts';
import { requireWithinScope } from '../../identity/require-scope.ts';
import { asActor } from '../../identity/scoped-db.ts';
import { isDivisionCode, levelOfCode } from '../../reference/divisions/domain/division-code.ts';
import { findDivision } from '../../reference/divisions/divisions.store.ts';
import {
  insertBatch,
  insertFeatures,
  type LayerFeature,
} from '../../reference/layers/layers.store.ts';
import { buildAll } from '../import/import.service.ts';
import type { ReadResult } from '../import/candidate.ts';
import { readImportFile } from '../import/read-file.ts';
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

function invalid(code: string, zh: string, en: string, field: string): AppError {
  return new AppError('invalid', {
    code,
    messageZh: zh,
    messageEn: en,
    location: { field },
  });
}

async function checkDivision(q: Queryable, actor: Actor, code: string): Promise<void> {
  if (!isDivisionCode(code) || levelOfCode(code) !== 'county') {
    throw invalid(
      'LAYER_DIVISION_LEVEL',
      `调查图层按县级行政区导入，${code} 不是县级代码`,
      `survey layers are loaded per county; ${code} is not a county code`,
      'divisionCode',
    );
  }
  if (!(await findDivision(q, code))) {
    throw invalid(
      'DIVISION_UNKNOWN',
      `行政区代码 ${code} 不存在`,
      `division ${code} does not exist`,
      'divisionCode',
    );
  }
  requireWithinScope(actor, code);
}

export function createSurveyLayerImportService(db: Db) {
  return {
    async import(
      actor: Actor,
      files: readonly { name: string; bytes: Uint8Array }[],
      input: SurveyLayerImportInput,
      progress?: Progress,
    ): Promise<SurveyLayerImportResult> {
      const reads: { file: string; read: ReadResult }[] = [];
      for (const f of files) {
        const read = await readImportFile(f.bytes, f.name);
        if (read.candidates.length === 0) {
          throw new AppError('invalid', {
            code: 'FILE_NO_FEATURES',
            messageZh: `文件 ${f.name} 中没有任何图斑`,
            messageEn: `the file ${f.name} holds no patches`,
            location: { file: f.name },
          });
        }
        reads.push({ file: f.name, read });
      }
      const run = async (tx: Queryable): Promise<SurveyLayerImportResult> => {
        await checkDivision(tx, actor, input.divisionCode);
        const known = new Set(
          (await tx.query<{ code: string }>('SELECT code FROM land_class')).map((r) => r.code),
        );
        const problems: Problem[] = [];
        const features: LayerFeature[] = [];
        let adjustable = 0;
        for (const { file, read } of reads) {
          for (const b of await buildAll(tx, read, file, { progress })) {
            problems.push(...b.problems);
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
        const task = progress?.start('patches', features.length);
        for (let i = 0; i < features.length; i += chunkSize) {
          const chunk = features.slice(i, i + chunkSize);
          await insertFeatures(tx, input.layer, batchId, chunk);
          task?.tick(`${i + chunk.length}`);
        }
        task?.done();
        const [area] = await tx.query<{ m2: number }>(
          `SELECT coalesce(sum(area_m2), 0) AS m2 FROM ${input.layer === 'land_class' ? 'land_class_parcel' : 'farmland_parcel'} WHERE batch_id = $1`,
          [batchId],
        );
        const reoverlay = await reoverlayDivision(tx, input.divisionCode, progress);
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
          features: features.length,
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
