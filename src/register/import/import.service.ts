// Import and check of exchange files. Both read the file, build every geometry in PostGIS
// and collect every problem first. `check` evaluates the rules and stores nothing; `import`
// writes all records in one transaction, or none if anything is wrong.
import type { Db, Queryable } from '../../platform/db/db.ts';
import { Rehearsal, rehearsed } from '../../platform/db/rehearsal.ts';
import { AppError, type Problem } from '../../platform/errors.ts';
import type { Progress, ProgressTask } from '../../platform/progress.ts';
import { todayInShanghai } from '../../platform/time/iso-date.ts';
import type { Actor } from '../../identity/domain/actor.ts';
import { asActor } from '../../identity/scoped-db.ts';
import type { Finding } from '../domain/finding.ts';
import { toHectares, toMu, type AreaBreakdown, type OverlayFacts } from '../domain/record.ts';
import { evaluateRecord } from '../domain/rules/catalogue.ts';
import {
  type LayerAccess,
  type Overlap,
  overlayFacts,
  stagedBreakdowns,
  stagedOverlaps,
  storedBreakdown,
} from '../overlay.store.ts';
import { insertStagedRecords } from '../register.store.ts';
import {
  createImportStage,
  dropImportStage,
  type ImportStage,
  parallelOverlay,
  parallelOverlayFrom,
  stageBatch,
  stageBuilt,
  type StageItem,
} from './import-stage.store.ts';
import { checkDates, type RegisterService } from '../register.service.ts';
import { buildGeometry, type BuildResult } from './build-geometry.store.ts';
import type { ImportCandidate, ReadResult } from './candidate.ts';
import { readImportFile } from './read-file.ts';
import { previewRings, type PreviewRing } from './ring-preview.store.ts';
import { attribute } from './attribute-names.ts';
import { firstControlCharacter, shown } from '../../platform/control-characters.ts';
import { fieldsFromAttributes } from './record-from-attributes.ts';
import { importedDomainRecord, type ImportedFields } from './imported-record.ts';
import { provinceCodeOf } from '../../reference/divisions/domain/division-code.ts';

export interface CheckedFeature {
  feature: number;
  id: string;
  name: string;
  area_m2: number | null;
  area_mu: number | null;
  area_ha: number | null;
  /** Whether the geometry was made valid on request (a GEOMETRY_REPAIRED warning says how). */
  repaired: boolean;
  findings: Pick<Finding, 'code' | 'severity' | 'messageZh' | 'messageEn'>[];
  /** The built boundary (GeoJSON MultiPolygon, EPSG:4490), null when it could not be built. */
  geometry: unknown;
  /** When the boundary could not be built: its rings as written, to show problems on a map. */
  rings: PreviewRing[];
  /** The area the file declares, in m² (null when it declares none). */
  declaredAreaM2: number | null;
  /** Land classes under the boundary from the survey layers (null without a boundary). */
  computedBreakdown: (AreaBreakdown & { unsurveyedM2: number }) | null;
}

export interface ImportOptions {
  divisionCode?: string;
  dryRun?: boolean;
  /** Make invalid geometries valid instead of refusing them, reporting each change. */
  repair?: boolean;
  reason: string;
}

export interface CheckReport {
  file: string;
  format: ReadResult['format'];
  crs: string;
  features: CheckedFeature[];
  errors: Problem[];
  warnings: Problem[];
}

const noFeatures = (file: string): Problem => ({
  code: 'FILE_NO_FEATURES',
  messageZh: `文件 ${file} 中没有任何地块`,
  messageEn: `the file ${file} holds no parcels`,
  location: { file },
});

/** A problem per text attribute holding a control character (a bidi override can disguise a name). */
export function controlCharacterProblems(candidate: ImportCandidate, file: string): Problem[] {
  const problems: Problem[] = [];
  for (const [field, value] of Object.entries(candidate.properties)) {
    const bad = typeof value === 'string' ? firstControlCharacter(value) : undefined;
    if (bad) {
      problems.push({
        code: 'IMPORT_CONTROL_CHARACTER',
        messageZh: `属性“${shown(field)}”含有控制字符 ${bad}`,
        messageEn: `attribute "${shown(field)}" holds the control character ${bad}`,
        location: { file, feature: candidate.feature, field },
      });
    }
  }
  return problems;
}

/**
 * Checks every format gets, whatever its reader checked: no control characters in any text
 * attribute (a bidi override can disguise a name), and no parcel code used twice in a file.
 */
export function attributeProblems(read: ReadResult, file: string): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  for (const c of read.candidates) {
    problems.push(...controlCharacterProblems(c, file));
    const code = attribute(c.properties, 'code');
    if (code !== undefined) {
      const first = seen.get(code);
      if (first !== undefined) {
        problems.push({
          code: 'IMPORT_DUPLICATE_CODE',
          messageZh: `地块编号“${shown(code)}”与第 ${first} 个要素重复`,
          messageEn: `parcel code "${shown(code)}" repeats feature ${first}`,
          location: { file, feature: c.feature, field: 'code' },
        });
      } else {
        seen.set(code, c.feature);
      }
    }
  }
  return problems;
}

/** A warning per registered parcel a new one overlaps (same land registered twice?). */
function overlapProblems(
  overlaps: OverlayFacts['overlaps'],
  file: string,
  feature: number,
): Problem[] {
  return overlaps.map((o) => ({
    code: 'IMPORT_OVERLAP',
    messageZh: `与已登记地块 ${o.systemNumber ?? o.recordId} 重叠 ${o.sharedM2.toFixed(2)} 平方米`,
    messageEn: `overlaps registered parcel ${o.systemNumber ?? o.recordId} by ${o.sharedM2.toFixed(2)} m²`,
    location: { file, feature },
  }));
}

interface Built extends BuildResult {
  candidate: ImportCandidate;
}

export async function buildAll(
  q: Queryable,
  read: ReadResult,
  file: string,
  options: { repair?: boolean; progress?: Progress | undefined } = {},
): Promise<Built[]> {
  const task = options.progress?.start('geometry', read.candidates.length);
  const out: Built[] = [];
  for (const candidate of read.candidates) {
    out.push({ candidate, ...(await buildGeometry(q, candidate, file, options)) });
    task?.tick(candidate.label);
  }
  task?.done();
  return out;
}

/** A file of an import as read. */
interface ReadFile {
  file: string;
  read: ReadResult;
}

/** A candidate of an import with its place in the stage. */
interface Staged extends StageItem {
  file: string;
}

/** A candidate whose geometry is staged and whose fields passed every check. */
/**
 * A candidate whose geometry is staged and whose fields passed every check: what storing it
 * needs, without the parsed shape (released once staged, see import()).
 */
interface Ready {
  seq: number;
  file: string;
  feature: number;
  label: string;
  fields: ImportedFields;
  divisionCode: string;
}

interface ImportedRecord {
  file: string;
  feature: number;
  id: string;
  systemNumber: string | null;
  areaM2: number | null;
  /** How many findings the rules give the new record today. */
  findings: number;
}

/** What building gave one candidate: staged or not, its problems, a repair warning. */
interface StageResult {
  staged: boolean;
  problems: Problem[];
  repaired?: Problem;
}

/** What staging gives a clean candidate (one shared object: 100,000 of them add up). */
const stagedClean: StageResult = Object.freeze({ staged: true, problems: [] });

/** Candidates per statement: large enough that round trips do not count, small enough for memory. */
export const defaultBatchSize = 5_000;

/** An AppError (a division out of scope) as the import reports it: which feature cannot be imported. */
function located(error: AppError, where: { file: string; feature: number }): AppError {
  return AppError.many(
    error.kind,
    {
      code: 'IMPORT_INVALID',
      messageZh: `第 ${where.feature} 个要素无法导入`,
      messageEn: `feature ${where.feature} cannot be imported`,
    },
    error.problems.map((p) => ({ ...p, location: { ...p.location, ...where } })),
  );
}

export function createImportService(
  db: Db,
  register: RegisterService,
  tuning: { batchSize?: number } = {},
) {
  const batchSize = tuning.batchSize ?? defaultBatchSize;

  /**
   * Reads the files and builds and stages every candidate a batch at a time; candidates the
   * batch statement does not pass are built one by one for their located problems (or repaired
   * when asked). A file is read when staging needs its candidates, and the next one while the
   * database stages a batch of the ones before: in server mode the reading (JavaScript) and
   * the building (PostgreSQL) run side by side. A file that cannot be read fails the import.
   */
  async function stageAll(
    tx: Queryable,
    stage: ImportStage,
    files: readonly { name: string; bytes: Uint8Array }[],
    repair: boolean,
    progress?: Progress,
  ): Promise<{ reads: ReadFile[]; items: Staged[]; results: Map<number, StageResult> }> {
    const reads: ReadFile[] = [];
    const items: Staged[] = [];
    const results = new Map<number, StageResult>();
    let task: ProgressTask | undefined;
    const unread = () => reads.length < files.length;
    const readNext = async () => {
      const { name, bytes } = files[reads.length]!;
      const read = await readImportFile(bytes, name);
      if (read.candidates.length === 0) throw new AppError('invalid', noFeatures(name));
      reads.push({ file: name, read });
      for (const candidate of read.candidates)
        items.push({ seq: items.length + 1, file: name, candidate });
      task?.grow(read.candidates.length);
    };
    for (let i = 0; i < items.length || unread(); i += batchSize) {
      while (items.length < i + batchSize && unread()) await readNext();
      task ??= progress?.start('geometry', items.length);
      const batch = items.slice(i, i + batchSize);
      // Read the file the next batch needs while the database stages this one.
      const ahead = unread() && items.length < i + 2 * batchSize ? readNext : undefined;
      const staged = await stageBatch(tx, stage, batch, ahead);
      for (const { seq, file, candidate } of batch) {
        if (staged.has(seq)) {
          results.set(seq, stagedClean);
          continue;
        }
        const one = await buildGeometry(tx, candidate, file, { repair });
        if (one.built) await stageBuilt(tx, stage, seq, one.built.geometry);
        results.set(seq, {
          staged: one.built !== null,
          problems: one.problems,
          ...(one.repaired ? { repaired: one.repaired } : {}),
        });
      }
      task?.tick(batch.at(-1)?.candidate.label, batch.length);
    }
    task?.done();
    return { reads, items, results };
  }

  return {
    /**
     * Reads a file and evaluates every applicable rule as of `asOf`, storing nothing.
     * Throws AppError when the file cannot be read at all.
     */
    async check(
      actor: Actor,
      bytes: Uint8Array,
      file: string,
      asOf: string = todayInShanghai(),
      divisionCode = '000000',
      options: { repair?: boolean } = {},
    ): Promise<CheckReport> {
      const read = await readImportFile(bytes, file);
      if (read.candidates.length === 0) throw new AppError('invalid', noFeatures(file));
      // In the caller's scope: the overlay sees only the survey layers the caller may see.
      const report = await rehearsed<{
        features: CheckedFeature[];
        errors: Problem[];
        warnings: Problem[];
      }>(
        asActor(db, actor, async (tx) => {
          const built = await buildAll(tx, read, file, options);
          const { settings, calendar } = await register.ruleInputs(tx, divisionCode);
          const features: CheckedFeature[] = [];
          const fieldErrors: Problem[] = [];
          const warnings: Problem[] = [];
          for (const { candidate, built: geometry, repaired } of built) {
            const { fields } = fieldsFromAttributes(candidate);
            const base = {
              feature: candidate.feature,
              id: candidate.label,
              name: fields.projectName,
              repaired: repaired !== undefined,
              geometry: geometry?.geometry ?? null,
              rings: geometry ? [] : await previewRings(tx, candidate.shape),
              declaredAreaM2:
                typeof fields.declaredAreaM2 === 'number' ? fields.declaredAreaM2 : null,
              computedBreakdown: null as CheckedFeature['computedBreakdown'],
            };
            if (repaired) warnings.push(repaired);
            if (!geometry) {
              features.push({ ...base, area_m2: null, area_mu: null, area_ha: null, findings: [] });
              continue;
            }
            // Fields the register would refuse (an implausible date…) are errors, not rule input.
            const refused: Problem[] = [];
            checkDates(fields, refused);
            if (refused.length > 0) {
              fieldErrors.push(
                ...refused.map((p) => ({
                  ...p,
                  location: { ...p.location, file, feature: candidate.feature },
                })),
              );
              features.push({
                ...base,
                area_m2: geometry.areaM2,
                area_mu: toMu(geometry.areaM2),
                area_ha: toHectares(geometry.areaM2),
                findings: [],
              });
              continue;
            }
            const overlay = await overlayFacts(tx, geometry.geometry, null);
            warnings.push(...overlapProblems(overlay.overlaps, file, candidate.feature));
            const findings = evaluateRecord({
              record: importedDomainRecord(fields, divisionCode, {
                id: `feature-${candidate.feature}`,
                areaM2: geometry.areaM2,
              }),
              overlay,
              asOf,
              calendar,
              settings,
            });
            features.push({
              ...base,
              computedBreakdown: { ...overlay.breakdown, unsurveyedM2: overlay.unsurveyedM2 },
              area_m2: geometry.areaM2,
              area_mu: toMu(geometry.areaM2),
              area_ha: toHectares(geometry.areaM2),
              findings: findings.map(({ code, severity, messageZh, messageEn }) => ({
                code,
                severity,
                messageZh,
                messageEn,
              })),
            });
          }
          throw new Rehearsal({
            features,
            errors: [...built.flatMap((b) => b.problems), ...fieldErrors],
            warnings,
          });
        }),
      );
      const { warnings, ...rest } = report;
      return {
        file,
        format: read.format,
        crs: read.crsBasis,
        ...rest,
        warnings: [...read.warnings, ...warnings],
      };
    },

    /**
     * Imports files as records in the caller's scope: every problem in every file is reported
     * and nothing is written unless all are clean. `dryRun` validates and rolls back. Set-based:
     * geometries are built and checked, overlaid and stored a batch at a time (see
     * import-stage.store.ts), then checked for overlaps all at once; the rules run in
     * JavaScript on the records as stored (see imported-record.ts).
     */
    async import(
      actor: Actor,
      files: readonly { name: string; bytes: Uint8Array }[],
      options: ImportOptions,
      progress?: Progress,
    ) {
      // The system (`reclaim import`) is the database owner: the overlay may use the layers'
      // indexes directly; anyone else reads them through the candidate functions (row-level security).
      const access: LayerAccess = actor.kind === 'system' ? 'owner' : 'scoped';
      const run = async (tx: Queryable) => {
        // The geometry functions' costs make PostgreSQL JIT-compile each batch statement, which
        // took 2–7 s a statement (more than the work of the statement); off until the transaction ends.
        await tx.query(`SELECT set_config('jit', 'off', true)`);
        const stage = await createImportStage(tx);
        const {
          reads,
          items,
          results: built,
        } = await stageAll(tx, stage, files, options.repair ?? false, progress);
        readWarnings = reads.flatMap((r) => r.read.warnings);
        if (items.length >= parallelOverlayFrom) await parallelOverlay(tx);
        const problems: Problem[] = reads.flatMap(({ file, read }) =>
          attributeProblems(read, file),
        );
        const admit = register.admissionChecker(tx, actor);
        const ready: Ready[] = [];
        let forbidden: AppError | undefined;
        for (const item of items) {
          const { candidate, file } = item;
          const result = built.get(item.seq);
          problems.push(...(result?.problems ?? []));
          if (result?.repaired) repairWarnings.push(result.repaired);
          const { fields, useAsWritten, divisionCode } = fieldsFromAttributes(candidate);
          const division = divisionCode ?? options.divisionCode;
          const where = { file, feature: candidate.feature };
          if (useAsWritten !== undefined) {
            problems.push({
              code: 'RECORD_USE_TYPE',
              messageZh: `用途“${useAsWritten}”不在临时用地允许的用途清单内（TL-SCOPE-02）`,
              messageEn: `use "${useAsWritten}" is not an allowed temporary-land use (TL-SCOPE-02)`,
              location: { ...where, field: '地块用途' },
            });
          }
          if (!division) {
            problems.push({
              code: 'RECORD_DIVISION_MISSING',
              messageZh: '未指定行政区（文件中无“行政区代码”，导入时也未指定）',
              messageEn:
                'no division: the file has no 行政区代码 attribute and none was given to the import',
              location: { ...where, field: 'divisionCode' },
            });
            continue;
          }
          if (!result?.staged) continue;
          const admitted = await admit(division, fields).catch((error: unknown) => {
            if (!(error instanceof AppError)) throw error;
            forbidden ??= located(error, where);
            return [];
          });
          problems.push(...admitted.map((p) => ({ ...p, location: { ...p.location, ...where } })));
          ready.push({
            seq: item.seq,
            file,
            feature: candidate.feature,
            label: candidate.label,
            fields,
            divisionCode: division,
          });
        }
        const [first, ...rest] = problems;
        if (first)
          throw AppError.many(
            'invalid',
            {
              code: 'IMPORT_INVALID',
              messageZh: `发现 ${problems.length} 处问题，未导入任何数据`,
              messageEn: `${problems.length} problems found; nothing was imported`,
            },
            [first, ...rest],
          );
        if (forbidden) throw forbidden;
        // The parsed files (shapes and attributes, a few KB a parcel) are not needed any more:
        // released before the longest phase, since every major garbage collection marks what
        // is still reachable (at 100,000 parcels, GC was most of the import's JavaScript time).
        items.length = 0;
        reads.length = 0;
        // A fresh table has no statistics: the overlay's plans need them (0.24 s at 100,000
        // parcels; taken only once the import is known to be clean).
        await tx.exec(`ANALYZE ${stage}`);
        const created = await storeAll(tx, stage, ready, progress);
        if (options.dryRun) throw new Rehearsal(created);
        await dropImportStage(tx, stage);
        return created;
      };
      let readWarnings: Problem[] = [];
      const repairWarnings: Problem[] = [];
      const overlapWarnings: Problem[] = [];
      /**
       * Stores the ready candidates a batch at a time: overlay, INSERT … SELECT; then the
       * overlaps of all of them in one statement. The next batch's overlay (after the last
       * batch, the overlaps) is sent before this batch's rules run, so that the database works
       * on it while JavaScript evaluates the rules (one connection: statements still run one
       * after another, in the same order as unpipelined but for the overlay of batch i + 1
       * coming before the rules of batch i, which send nothing).
       */
      const storeAll = async (
        tx: Queryable,
        stage: ImportStage,
        ready: readonly Ready[],
        p?: Progress,
      ) => {
        const created: ImportedRecord[] = [];
        const inputs = new Map<string, Awaited<ReturnType<RegisterService['ruleInputs']>>>();
        const asOf = todayInShanghai();
        const task = p?.start('records', ready.length);
        const batches: Ready[][] = [];
        for (let i = 0; i < ready.length; i += batchSize)
          batches.push(ready.slice(i, i + batchSize));
        /** A statement sent now and awaited later, after the rules of a batch. */
        const sent = <T>(pending: Promise<T>) => {
          // Awaited below; handled here too, so a failure while rules run is not unhandled.
          pending.catch(() => undefined);
          return pending;
        };
        const seqsOf = (parcels: readonly Ready[]) => parcels.map((r) => r.seq);
        const overlayOf = (batch: readonly Ready[] | undefined) =>
          batch && sent(stagedBreakdowns(tx, stage, seqsOf(batch), access));
        // The overlaps of every parcel, once all are stored: one statement instead of one per
        // batch, sent before the last batch's rules run.
        let overlaps: Promise<Map<number, Overlap[]>> | undefined;
        let nextOverlays = overlayOf(batches[0]);
        for (const [b, batch] of batches.entries()) {
          const overlays = await nextOverlays!;
          const rows = await insertStagedRecords(
            tx,
            stage,
            batch.map((r) => {
              const overlay = overlays.get(r.seq);
              return {
                key: r.seq,
                divisionCode: r.divisionCode,
                fields: {
                  ...r.fields,
                  source: { file: r.file, feature: r.feature, label: r.label },
                  ...(overlay ? { computedBreakdown: storedBreakdown(overlay) } : {}),
                },
              };
            }),
          );
          // The rule inputs of provinces first seen here, before the next statement is sent.
          for (const r of batch) {
            const province = provinceCodeOf(r.divisionCode);
            if (!inputs.has(province))
              inputs.set(province, await register.ruleInputs(tx, r.divisionCode));
          }
          if (b + 1 < batches.length) nextOverlays = overlayOf(batches[b + 1]);
          else overlaps = sent(stagedOverlaps(tx, stage, seqsOf(ready), access));
          const bySeq = new Map(rows.map((row) => [row.key, row]));
          for (const r of batch) {
            const row = bySeq.get(r.seq);
            if (!row) throw new Error(`import: feature ${r.feature} was not stored`);
            // As present() evaluates a record just stored: no attachments, the stored overlay
            // (storedOverlay of what storedBreakdown stored gives these facts back).
            const findings = evaluateRecord({
              record: importedDomainRecord(r.fields, r.divisionCode, {
                id: row.id,
                areaM2: row.areaM2 ?? 0,
              }),
              overlay: overlays.get(r.seq) ?? null,
              asOf,
              ...inputs.get(provinceCodeOf(r.divisionCode))!,
            });
            created.push({
              file: r.file,
              feature: r.feature,
              id: row.id,
              systemNumber: null,
              areaM2: row.areaM2,
              findings: findings.length,
            });
          }
          task?.tick(batch.at(-1)?.label, batch.length);
        }
        const shared = (await overlaps) ?? new Map<number, Overlap[]>();
        for (const r of ready)
          overlapWarnings.push(...overlapProblems(shared.get(r.seq) ?? [], r.file, r.feature));
        task?.done();
        return created;
      };
      const records = await rehearsed(asActor(db, actor, run, options.reason));
      return {
        dryRun: options.dryRun ?? false,
        records,
        warnings: [...readWarnings, ...repairWarnings, ...overlapWarnings],
      };
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
