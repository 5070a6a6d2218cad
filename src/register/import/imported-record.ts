// The record the rules see for a parcel of an import, built from its fields without reading the
// stored row back: what the import writes is its fields, the area the database computed and
// the columns' defaults (migration 0005), which this mirrors. Tested against the stored row
// (imported-record.test.ts).
import type { TemporaryLandRecord } from '../domain/record.ts';
import type { RecordFields } from '../register.store.ts';

/** The fields an import writes (record-from-attributes.ts): the required three are always set. */
export type ImportedFields = RecordFields & {
  projectName: string;
  projectClass: string;
  useType: string;
};

const text = (v: unknown) => (typeof v === 'string' ? v : null);

/**
 * As toDomainRecord (record-mapping.ts) makes it of the row an import stores: a new record,
 * `approved`, with a boundary of `areaM2` and no attachments; every column the import does not
 * write is its default.
 */
export function importedDomainRecord(
  fields: ImportedFields,
  divisionCode: string,
  stored: { id: string; areaM2: number },
): TemporaryLandRecord {
  return {
    id: stored.id,
    systemNumber: null,
    divisionCode,
    state: 'approved',
    project: {
      name: fields.projectName,
      projectClass: fields.projectClass as TemporaryLandRecord['project']['projectClass'],
      longCycle: false,
      oilGasIntegrated: false,
      owner: text(fields.projectOwner) ?? '',
      landUser: text(fields.landUser) ?? '',
    },
    useType: fields.useType,
    approval: {
      number: text(fields.approvalNumber),
      date: text(fields.approvalDate),
      body: text(fields.approvalBody),
      level: text(fields.approvalLevel) as TemporaryLandRecord['approval']['level'],
    },
    termStart: text(fields.termStart),
    termEnd: text(fields.termEnd),
    extensions: [],
    backfilled: false,
    registeredOn: null,
    areaM2: stored.areaM2,
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
