// Import and check of exchange files. Both read the file, build every geometry in PostGIS
// and collect every problem first. `check` evaluates the rules and stores nothing; `import`
// writes all records in one transaction, or none if anything is wrong.
import type { Db, Queryable } from '../../platform/db/db.ts';
import { Rehearsal, rehearsed } from '../../platform/db/rehearsal.ts';
import { AppError, type Problem } from '../../platform/errors.ts';
import type { Progress } from '../../platform/progress.ts';
import { todayInShanghai } from '../../platform/time/iso-date.ts';
import type { Actor } from '../../identity/domain/actor.ts';
import { asActor } from '../../identity/scoped-db.ts';
import type { Finding } from '../domain/finding.ts';
import { toHectares, toMu, type OverlayFacts, type TemporaryLandRecord } from '../domain/record.ts';
import { evaluateRecord } from '../domain/rules/catalogue.ts';
import { overlayFacts } from '../overlay.store.ts';
import { checkDates, type RegisterService } from '../register.service.ts';
import { buildGeometry, type BuildResult, type BuiltGeometry } from './build-geometry.store.ts';
import type { ImportCandidate, ReadResult } from './candidate.ts';
import { readImportFile } from './read-file.ts';
import { attribute } from './attribute-names.ts';
import { firstControlCharacter, shown } from '../../platform/control-characters.ts';
import { fieldsFromAttributes } from './record-from-attributes.ts';

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

function domainRecord(
  candidate: ImportCandidate,
  built: BuiltGeometry,
  divisionCode: string,
): TemporaryLandRecord {
  const { fields } = fieldsFromAttributes(candidate);
  const s = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    id: `feature-${candidate.feature}`,
    systemNumber: null,
    divisionCode,
    state: 'approved',
    project: {
      name: fields.projectName,
      projectClass: fields.projectClass as TemporaryLandRecord['project']['projectClass'],
      longCycle: false,
      oilGasIntegrated: false,
      owner: s(fields.projectOwner) ?? '',
      landUser: s(fields.landUser) ?? '',
    },
    useType: fields.useType,
    approval: {
      number: s(fields.approvalNumber),
      date: s(fields.approvalDate),
      body: s(fields.approvalBody),
      level: s(fields.approvalLevel) as TemporaryLandRecord['approval']['level'],
    },
    termStart: s(fields.termStart),
    termEnd: s(fields.termEnd),
    extensions: [],
    backfilled: false,
    registeredOn: null,
    areaM2: built.areaM2,
    declaredAreaM2: typeof fields.declaredAreaM2 === 'number' ? fields.declaredAreaM2 : null,
    declaredBreakdown: null,
    hasBoundary: true,
    contractAttached: false,
    photoCount: 0,
    railwayException: null,
    restoresCultivation: false,
    reassignedFromProject: null,
    reclamationExtension: null,
    disclosure: { publishedOn: null, where: null },
  };
}

export function createImportService(db: Db, register: RegisterService) {
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
              record: domainRecord(candidate, geometry, divisionCode),
              overlay,
              asOf,
              calendar,
              settings,
            });
            features.push({
              ...base,
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
     * and nothing is written unless all are clean. `dryRun` validates and rolls back.
     */
    async import(
      actor: Actor,
      files: readonly { name: string; bytes: Uint8Array }[],
      options: ImportOptions,
      progress?: Progress,
    ) {
      const reads: { file: string; read: ReadResult }[] = [];
      for (const f of files) {
        const read = await readImportFile(f.bytes, f.name);
        if (read.candidates.length === 0) throw new AppError('invalid', noFeatures(f.name));
        reads.push({ file: f.name, read });
      }
      const run = async (tx: Queryable) => {
        const problems: Problem[] = [];
        const created: {
          file: string;
          feature: number;
          id: string;
          systemNumber: string | null;
          areaM2: number | null;
          findings: number;
        }[] = [];
        const ready: {
          file: string;
          candidate: ImportCandidate;
          built: BuiltGeometry;
          divisionCode: string;
        }[] = [];
        for (const { file, read } of reads) {
          for (const problem of attributeProblems(read, file)) problems.push(problem);
          const built = await buildAll(tx, read, file, { repair: options.repair, progress });
          for (const b of built) {
            problems.push(...b.problems);
            if (b.repaired) repairWarnings.push(b.repaired);
            const { useAsWritten, divisionCode } = fieldsFromAttributes(b.candidate);
            const division = divisionCode ?? options.divisionCode;
            if (useAsWritten !== undefined) {
              problems.push({
                code: 'RECORD_USE_TYPE',
                messageZh: `用途“${useAsWritten}”不在临时用地允许的用途清单内（TL-SCOPE-02）`,
                messageEn: `use "${useAsWritten}" is not an allowed temporary-land use (TL-SCOPE-02)`,
                location: { file, feature: b.candidate.feature, field: '地块用途' },
              });
            }
            if (!division) {
              problems.push({
                code: 'RECORD_DIVISION_MISSING',
                messageZh: '未指定行政区（文件中无“行政区代码”，导入时也未指定）',
                messageEn:
                  'no division: the file has no 行政区代码 attribute and none was given to the import',
                location: { file, feature: b.candidate.feature, field: 'divisionCode' },
              });
            }
            if (b.built && division)
              ready.push({ file, candidate: b.candidate, built: b.built, divisionCode: division });
          }
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
        const task = progress?.start('records', ready.length);
        for (const r of ready) {
          // Earlier records of the same import are already inserted, so they count too. The
          // geometry was checked by buildGeometry; the overlay is reused for the record.
          const overlay = await overlayFacts(tx, r.built.geometry, null);
          overlapWarnings.push(...overlapProblems(overlay.overlaps, r.file, r.candidate.feature));
          const { fields } = fieldsFromAttributes(r.candidate);
          const view = await register
            .createWithin(
              tx,
              actor,
              {
                ...fields,
                divisionCode: r.divisionCode,
                geometry: r.built.geometry,
                source: { file: r.file, feature: r.candidate.feature, label: r.candidate.label },
              },
              { overlay },
            )
            .catch((error: unknown) => {
              if (error instanceof AppError) {
                throw AppError.many(
                  error.kind,
                  {
                    code: 'IMPORT_INVALID',
                    messageZh: `第 ${r.candidate.feature} 个要素无法导入`,
                    messageEn: `feature ${r.candidate.feature} cannot be imported`,
                  },
                  error.problems.map((p) => ({
                    ...p,
                    location: { ...p.location, file: r.file, feature: r.candidate.feature },
                  })),
                );
              }
              throw error;
            });
          created.push({
            file: r.file,
            feature: r.candidate.feature,
            id: view.id,
            systemNumber: view.systemNumber,
            areaM2: view.area.m2,
            findings: view.findings.length,
          });
          task?.tick(r.candidate.label);
        }
        task?.done();
        if (options.dryRun) throw new Rehearsal(created);
        return created;
      };
      const overlapWarnings: Problem[] = [];
      const repairWarnings: Problem[] = [];
      const records = await rehearsed(asActor(db, actor, run, options.reason));
      return {
        dryRun: options.dryRun ?? false,
        records,
        warnings: [...reads.flatMap((r) => r.read.warnings), ...repairWarnings, ...overlapWarnings],
      };
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
