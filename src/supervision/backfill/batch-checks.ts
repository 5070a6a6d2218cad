// The checks a back-fill batch passes before anything is written: patch numbers neither
// repeated nor back-filled before, an allowed use for every polygon to be back-filled, and
// evidence that names a polygon of the batch with a file of the right type. Problems are
// located by file, feature and field.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/db.ts';
import type { Problem } from '../../platform/errors.ts';
import { shown } from '../../platform/control-characters.ts';
import { findUseType } from '../../register/domain/classification.ts';
import { fieldsFromAttributes } from '../../register/import/record-from-attributes.ts';
import type { PolygonFacts } from './domain/polygon-facts.ts';
import type { EvidenceItem } from './domain/signals.ts';
import { checkEvidenceFile, type CheckedFile, type EvidenceInput } from './evidence-files.ts';
import { takenSurveyCodes } from './polygons.store.ts';

/** A polygon read, built and checked, before it is classified. */
export interface Prepared {
  file: string;
  feature: number;
  label: string;
  properties: Record<string, unknown>;
  geometry: unknown;
  facts: PolygonFacts;
}

/** Patch numbers repeated in the batch, or back-filled before for the county and year. */
export async function codeProblems(
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
  const taken = await takenSurveyCodes(tx, divisionCode, surveyYear, [...seen.keys()]);
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
export function useProblems(p: Prepared): Problem[] {
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
export function matchEvidence(
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
