// Importing a batch of satellite-enforcement (卫片执法) or change-survey polygons, all or
// nothing, with its provenance (source, month, the deliverer's batch id, division), and
// recomputing a batch's cross-check. Re-delivering the same batch is idempotent: the same
// bytes, or the same content in other files, return the existing batch untouched; different
// content under the same batch id is a conflict unless the caller asks to replace, which
// supersedes the old batch (kept) and closes its findings. Every step runs in one transaction
// as the owner after the caller's scope was checked (see crosscheck.ts for why).
import type { Db, Queryable } from '../../platform/db/db.ts';
import { Rehearsal, rehearsed } from '../../platform/db/rehearsal.ts';
import { AppError, type Problem } from '../../platform/errors.ts';
import type { Progress } from '../../platform/progress.ts';
import { todayInShanghai } from '../../platform/time/iso-date.ts';
import { firstControlCharacter } from '../../platform/control-characters.ts';
import { type Actor, scopePrefix } from '../../identity/domain/actor.ts';
import { requireWithinScope } from '../../identity/require-scope.ts';
import { asSystem, inScope } from '../../identity/scoped-db.ts';
import { isDivisionCode } from '../../reference/divisions/domain/division-code.ts';
import { buildAll } from '../../register/import/import.service.ts';
import { readImportFile } from '../../register/import/read-file.ts';
import {
  contentFingerprint,
  describeFile,
  filesFingerprint,
  type DeliveredFile,
} from './batch-fingerprint.ts';
import {
  finishBatch,
  findBatch,
  findCurrentBatch,
  insertBatch,
  insertPolygons,
  supersedeBatch,
  type BatchRow,
  type EnforcementSource,
  type NewPolygon,
} from './batches.store.ts';
import {
  changePolygonFacts,
  duplicateCodeProblems,
  surveyCodeOf,
} from './change-polygon-attributes.ts';
import { computeCoverage, reconcileFindings, type CrosscheckSummary } from './crosscheck.ts';
import { parseBatchMonth } from './domain/batch-month.ts';
import { observedUse } from './domain/observed-use.ts';
import { closeFindingsOfBatch } from './enforcement-findings.store.ts';
import { batchNotFound } from './not-found.ts';

export const enforcementSources: readonly EnforcementSource[] = [
  'satellite_enforcement',
  'change_survey',
];

export interface EnforcementImportInput {
  source: EnforcementSource;
  /** 'YYYY-MM'. */
  month: string;
  /** The deliverer's batch id (批次号), as delivered. */
  batchId: string;
  /** The division the batch covers (county or above, in the caller's scope). */
  divisionCode: string;
  /** Supersede the current batch of this id when the content differs. */
  replace?: boolean;
  dryRun?: boolean;
  /** Make invalid shapes valid (ST_MakeValid), reporting each change. */
  repair?: boolean;
  reason: string;
}

export interface EnforcementImportResult {
  /** created: a new batch; replaced: a new batch superseding one; unchanged: the same batch again. */
  outcome: 'created' | 'replaced' | 'unchanged';
  dryRun: boolean;
  batch: BatchRow;
  crosscheck: CrosscheckSummary | null;
  warnings: Problem[];
}

const polygonChunk = 2_000;

function invalid(code: string, zh: string, en: string, field: string): AppError {
  return new AppError('invalid', { code, messageZh: zh, messageEn: en, location: { field } });
}

function checkInput(input: EnforcementImportInput): { externalId: string; month: string } {
  if (!enforcementSources.includes(input.source)) {
    throw invalid(
      'ENFORCEMENT_SOURCE',
      `来源应为 ${enforcementSources.join('、')} 之一`,
      `source must be one of ${enforcementSources.join(', ')}`,
      'source',
    );
  }
  const externalId = input.batchId.trim();
  if (externalId.length < 1 || externalId.length > 200 || firstControlCharacter(externalId)) {
    throw invalid(
      'ENFORCEMENT_BATCH_ID',
      '批次号应为 1–200 个字符，且不含控制字符',
      'the batch id must be 1–200 characters without control characters',
      'batchId',
    );
  }
  if (!isDivisionCode(input.divisionCode)) {
    throw invalid(
      'DIVISION_UNKNOWN',
      `行政区代码 ${input.divisionCode} 不存在`,
      `division ${input.divisionCode} does not exist`,
      'divisionCode',
    );
  }
  return { externalId, month: parseBatchMonth(input.month).month };
}

/** Reads and builds every polygon of every file; throws with every problem found. */
async function buildPolygons(
  tx: Queryable,
  files: readonly { name: string; bytes: Uint8Array }[],
  divisionCode: string,
  options: { repair?: boolean; progress?: Progress | undefined },
): Promise<{ polygons: NewPolygon[]; formats: string[]; warnings: Problem[] }> {
  const knownDivisions = new Set(
    (await tx.query<{ code: string }>('SELECT code FROM division')).map((r) => r.code),
  );
  const landClasses = new Map<string, string>();
  for (const c of await tx.query<{ code: string; nameZh: string }>(
    'SELECT code, name_zh AS "nameZh" FROM land_class',
  )) {
    landClasses.set(c.code, c.code);
    landClasses.set(c.nameZh, c.code);
  }
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const polygons: NewPolygon[] = [];
  const codes: { file: string; feature: number; surveyCode: string | null }[] = [];
  const formats: string[] = [];
  for (const file of files) {
    const read = await readImportFile(file.bytes, file.name);
    formats.push(read.format);
    // One by one: a file may hold more warnings or problems than a call takes arguments.
    for (const w of read.warnings) warnings.push(w);
    if (read.candidates.length === 0) {
      problems.push({
        code: 'FILE_NO_FEATURES',
        messageZh: `文件 ${file.name} 中没有任何图斑`,
        messageEn: `the file ${file.name} holds no polygons`,
        location: { file: file.name },
      });
      continue;
    }
    const context = { file: file.name, batchDivision: divisionCode, knownDivisions, landClasses };
    for (const b of await buildAll(tx, read, file.name, options)) {
      problems.push(...b.problems);
      if (b.repaired) warnings.push(b.repaired);
      const { facts, problems: attributeProblems } = changePolygonFacts(b.candidate, context);
      problems.push(...attributeProblems);
      codes.push({
        file: file.name,
        feature: b.candidate.feature,
        surveyCode: surveyCodeOf(b.candidate.properties),
      });
      if (!b.built || !facts) continue;
      const seen = observedUse(facts.landClassCode, facts.changeType);
      polygons.push({
        ...facts,
        fileName: file.name,
        feature: b.candidate.feature,
        observedUse: seen.use,
        disallowedUses: seen.disallowedUses,
        geometry: b.built.geometry,
      });
    }
  }
  for (const p of duplicateCodeProblems(codes)) problems.push(p);
  const [first, ...rest] = problems;
  if (first) {
    throw AppError.many(
      'invalid',
      {
        code: 'ENFORCEMENT_IMPORT_INVALID',
        messageZh: `发现 ${problems.length} 处问题，未导入任何图斑`,
        messageEn: `${problems.length} problems found; no polygon was imported`,
      },
      [first, ...rest],
    );
  }
  return { polygons, formats, warnings };
}

function conflict(current: BatchRow): AppError {
  return new AppError('conflict', {
    code: 'ENFORCEMENT_BATCH_CONFLICT',
    messageZh:
      `批次 ${current.externalId}（${current.month}，${current.featureCount} 个图斑，${current.createdAt.toISOString()} 导入）` +
      `已存在且内容不同；确需替换请指定 replace（原批次保留并标记为已替换）`,
    messageEn:
      `batch ${current.externalId} (${current.month}, ${current.featureCount} polygons, imported ${current.createdAt.toISOString()}) ` +
      `already exists with different content; to supersede it, import again with replace (the old batch is kept, marked superseded)`,
    location: { field: 'batchId' },
  });
}

export function createEnforcementImportService(db: Db) {
  return {
    async import(
      actor: Actor,
      files: readonly { name: string; bytes: Uint8Array }[],
      input: EnforcementImportInput,
      progress?: Progress,
    ): Promise<EnforcementImportResult> {
      const { externalId, month } = checkInput(input);
      requireWithinScope(actor, input.divisionCode);
      const delivered: DeliveredFile[] = files.map(describeFile);
      const filesSha256 = filesFingerprint(delivered);
      const key = { source: input.source, externalId, divisionCode: input.divisionCode };
      const run = async (tx: Queryable): Promise<EnforcementImportResult> => {
        const [division] = await tx.query('SELECT 1 FROM division WHERE code = $1', [
          input.divisionCode,
        ]);
        if (!division) {
          throw invalid(
            'DIVISION_UNKNOWN',
            `行政区代码 ${input.divisionCode} 不存在`,
            `division ${input.divisionCode} does not exist`,
            'divisionCode',
          );
        }
        // Two deliveries of one batch at once wait for each other instead of both inserting.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
          `enforcement|${key.source}|${key.externalId}|${key.divisionCode}`,
        ]);
        const current = await findCurrentBatch(tx, key);
        const unchanged = (batch: BatchRow): EnforcementImportResult => ({
          outcome: 'unchanged',
          dryRun: input.dryRun ?? false,
          batch,
          crosscheck: null,
          warnings: [],
        });
        if (current && current.filesSha256 === filesSha256 && current.month === month)
          return unchanged(current);
        const built = await buildPolygons(tx, files, input.divisionCode, {
          repair: input.repair ?? false,
          progress,
        });
        const contentSha256 = contentFingerprint(month, input.divisionCode, built.polygons);
        if (current && current.contentSha256 === contentSha256) return unchanged(current);
        if (current && !input.replace) throw conflict(current);

        const asOf = todayInShanghai();
        if (current) {
          await supersedeBatch(tx, current.id);
          await closeFindingsOfBatch(tx, current.id, asOf);
        }
        const batchId = await insertBatch(tx, {
          ...key,
          month,
          files: delivered.map((f, i) => ({ ...f, format: built.formats[i] ?? 'unknown' })),
          filesSha256,
          contentSha256,
          supersedes: current?.id ?? null,
        });
        const task = progress?.start('polygons', built.polygons.length);
        for (let i = 0; i < built.polygons.length; i += polygonChunk) {
          const chunk = built.polygons.slice(i, i + polygonChunk);
          await insertPolygons(tx, batchId, chunk);
          task?.tick(`${i + chunk.length}`, chunk.length);
        }
        task?.done();
        await finishBatch(tx, batchId);
        const batch = (await findBatch(tx, batchId, ''))!;
        const polygons = await computeCoverage(tx, batch, progress);
        const findings = await reconcileFindings(tx, batch, asOf, input.reason);
        const result: EnforcementImportResult = {
          outcome: current ? 'replaced' : 'created',
          dryRun: input.dryRun ?? false,
          batch: (await findBatch(tx, batchId, ''))!,
          crosscheck: { polygons, findings },
          warnings: built.warnings,
        };
        if (input.dryRun) throw new Rehearsal(result);
        return result;
      };
      return rehearsed(asSystem(db, actor, run, input.reason));
    },

    /**
     * Recomputes a current batch's coverage against the register as it is now (records
     * registered, extended or written off since) and reconciles its findings.
     */
    async recompute(
      actor: Actor,
      batchId: string,
      reason: string,
      progress?: Progress,
    ): Promise<{ batch: BatchRow; crosscheck: CrosscheckSummary }> {
      const visible = await inScope(db, actor, (tx) => findBatch(tx, batchId, scopePrefix(actor)));
      if (!visible) throw batchNotFound();
      requireWithinScope(actor, visible.divisionCode);
      if (visible.status !== 'current') {
        throw new AppError('conflict', {
          code: 'ENFORCEMENT_BATCH_SUPERSEDED',
          messageZh: `批次已被替换（新批次 ${visible.supersededBy}），不再核对`,
          messageEn: `the batch was superseded by ${visible.supersededBy}; it is no longer cross-checked`,
        });
      }
      return asSystem(
        db,
        actor,
        async (tx) => {
          const polygons = await computeCoverage(tx, visible, progress);
          const findings = await reconcileFindings(tx, visible, todayInShanghai(), reason);
          return {
            batch: (await findBatch(tx, batchId, ''))!,
            crosscheck: { polygons, findings },
          };
        },
        reason,
      );
    },
  };
}

export type EnforcementImportService = ReturnType<typeof createEnforcementImportService>;
