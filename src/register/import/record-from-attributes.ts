// Record fields from a feature's attributes (any accepted name, Chinese or English).
import { squareMetresPerMu } from '../domain/record.ts';
import type { RecordFields } from '../register.store.ts';
import {
  approvalLevelFrom,
  attribute,
  dateFrom,
  projectClassFrom,
  useTypeFrom,
} from './attribute-names.ts';
import type { ImportCandidate } from './candidate.ts';

const numberFrom = (text: string | undefined) =>
  text === undefined || !Number.isFinite(Number(text)) ? undefined : Number(text);

export interface FieldsFromAttributes {
  fields: RecordFields & { projectName: string; projectClass: string; useType: string };
  divisionCode: string | undefined;
  /** The use as written when it matches no known use (reported by TL-SCOPE-02 or refused on import). */
  useAsWritten: string | undefined;
}

export function fieldsFromAttributes(candidate: ImportCandidate): FieldsFromAttributes {
  const p = candidate.properties;
  const useAsWritten = attribute(p, 'useType');
  const m2 = numberFrom(attribute(p, 'declaredAreaM2'));
  const ha = numberFrom(attribute(p, 'declaredAreaHa'));
  const mu = numberFrom(attribute(p, 'declaredAreaMu'));
  const declaredAreaM2 =
    m2 ?? (ha !== undefined ? ha * 10_000 : mu !== undefined ? mu * squareMetresPerMu : undefined);
  const fields: FieldsFromAttributes['fields'] = {
    projectName: attribute(p, 'projectName') ?? candidate.label,
    projectClass: projectClassFrom(attribute(p, 'projectClass')) ?? 'other',
    useType: useTypeFrom(useAsWritten) ?? useAsWritten ?? 'unspecified',
  };
  const optional: RecordFields = {
    approvalNumber: attribute(p, 'approvalNumber'),
    approvalDate: dateFrom(attribute(p, 'approvalDate')),
    approvalBody: attribute(p, 'approvalBody'),
    approvalLevel: approvalLevelFrom(attribute(p, 'approvalLevel')),
    termStart: dateFrom(attribute(p, 'termStart')),
    termEnd: dateFrom(attribute(p, 'termEnd')),
    projectOwner: attribute(p, 'projectOwner'),
    landUser: attribute(p, 'landUser'),
    declaredAreaM2,
  };
  for (const [key, value] of Object.entries(optional))
    if (value !== undefined) (fields as Record<string, unknown>)[key] = value;
  return {
    fields,
    divisionCode: attribute(p, 'divisionCode'),
    useAsWritten: useTypeFrom(useAsWritten) ? undefined : useAsWritten,
  };
}
