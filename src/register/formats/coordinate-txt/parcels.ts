// Reads the [地块坐标] section: per parcel a header line ending in "@", then point lines
// "点号,圈号,X,Y". Points are grouped into rings by 圈号, in file order.
import { finishParcel, samePosition, type ParcelDraft } from './checks.ts';
import { firstControlCharacter } from '../../../platform/control-characters.ts';
import type { CoordinateTxtParcel, CoordinateTxtRing } from './model.ts';
import { parseCount, parseDecimal } from './numbers.ts';
import type { ProblemList } from './problems.ts';
import type { Line } from './sections.ts';

export interface ParcelLimits {
  maxVerticesPerParcel: number;
  maxParcels: number;
}

const headerFieldNames = [
  'pointCount',
  'areaHa',
  'code',
  'name',
  'geometryKind',
  'sheet',
  'use',
  'landClassCode',
] as const;
const geometryKinds = new Set(['点', '线', '面']);
const isTerminator = (field: string | undefined) => field === '@' || field === '＠';

/**
 * A header ends in "@". Without one, a line is still taken as a (broken) header when its 5th
 * field is 点/线/面 or it has more fields than any point layout, so that its points are not
 * blamed on the parcel before.
 */
function isHeader(fields: readonly string[]): boolean {
  return isTerminator(fields.at(-1)) || geometryKinds.has(fields[4] ?? '') || fields.length >= 7;
}

/**
 * Splits on ASCII commas; full-width commas (typed with a Chinese input method) count as
 * separators in point lines, and in a header only when it has no ASCII comma at all, since a
 * parcel name may well hold "，".
 */
function splitLine(text: string): { fields: string[]; header: boolean } {
  const ascii = splitFields(text);
  const header = isHeader(ascii);
  if (header || !text.includes('，')) return { fields: ascii, header };
  const fields = splitFields(text.replace(/，/g, ','));
  return { fields, header: isHeader(fields) };
}

// The characters String.prototype.trim removes (JavaScript's \s is the same set).
const space = /\s/;

/** `text` split on ASCII commas, each field trimmed (most lines have no space to trim). */
function splitFields(text: string): string[] {
  const fields = text.split(',');
  return space.test(text) ? fields.map((f) => f.trim()) : fields;
}

export function readParcels(
  lines: readonly Line[],
  limits: ParcelLimits,
  problems: ProblemList,
  warnings: ProblemList,
): CoordinateTxtParcel[] {
  const parcels: CoordinateTxtParcel[] = [];
  const codes = new Map<string, { feature: number; line: number }>();
  let draft: ParcelDraft | undefined;
  let orphanReported = false;
  let columnsWarned = false;

  for (const line of lines) {
    const { fields, header } = splitLine(line.text);
    if (header) {
      if (draft) finishParcel(draft, problems, warnings);
      draft = undefined;
      if (parcels.length >= limits.maxParcels) {
        problems.add('TXT_TOO_MANY_PARCELS', { line: line.number }, { max: limits.maxParcels });
        break;
      }
      draft = startParcel(fields, line.number, parcels.length + 1, codes, problems, warnings);
      parcels.push(draft.parcel);
      continue;
    }
    if (!draft) {
      // Only possible before the first header; once is enough to say so.
      if (!orphanReported) problems.add('TXT_POINT_BEFORE_HEADER', { line: line.number });
      orphanReported = true;
      continue;
    }
    // Trailing commas ("J1,1,X,Y,") carry nothing.
    while (fields.length > 4 && fields.at(-1) === '') fields.pop();
    // The 6-column 部备案 layout adds the distance to the next point and the marker type.
    if (fields.length === 6 && !columnsWarned) {
      warnings.add('TXT_POINT_COLUMNS_DROPPED', { line: line.number });
      columnsWarned = true;
    }
    addPoint(draft, fields, line.number, limits, problems, warnings);
  }
  if (draft) finishParcel(draft, problems, warnings);
  if (parcels.length === 0 && !orphanReported) problems.add('TXT_NO_PARCELS', {});
  return parcels;
}

function startParcel(
  fields: readonly string[],
  line: number,
  feature: number,
  codes: Map<string, { feature: number; line: number }>,
  problems: ProblemList,
  warnings: ProblemList,
): ParcelDraft {
  const where = { line, feature };
  const terminated = isTerminator(fields.at(-1));
  const values = terminated ? fields.slice(0, -1) : [...fields];
  if (!terminated) problems.add('TXT_HEADER_NO_AT', where);
  if (values.length < 8) problems.add('TXT_HEADER_FIELDS', where, { count: values.length });
  const [countText = '', areaText = '', code = '', name = '', kind = '', sheet = '', use = ''] =
    values;
  const landClassCode = values[7] ?? '';
  const extraFields = values.slice(8);

  const pointCount = countText === '' ? null : (parseCount(countText) ?? null);
  if (countText !== '' && pointCount === null) {
    problems.add(
      'TXT_HEADER_NUMBER',
      { ...where, field: 'pointCount' },
      { field: 'pointCount', text: countText, reason: 'integer' },
    );
  }
  const area = areaText === '' ? null : parseDecimal(areaText);
  const areaHa = typeof area === 'number' && area >= 0 ? area : null;
  if (area === null) warnings.add('TXT_AREA_MISSING', { ...where, field: 'areaHa' });
  else if (areaHa === null) {
    const reason = area === 'nan' ? 'number' : area === 'infinite' ? 'finite' : 'negative';
    problems.add(
      'TXT_HEADER_NUMBER',
      { ...where, field: 'areaHa' },
      { field: 'areaHa', text: areaText, reason },
    );
  }

  values.forEach((value, i) => {
    const control = firstControlCharacter(value);
    const field = headerFieldNames[i] ?? `extraFields[${i - 8}]`;
    if (control) problems.add('TXT_CONTROL_CHARACTER', { ...where, field }, { char: control });
  });
  if (code !== '') {
    const earlier = codes.get(code);
    if (earlier) {
      problems.add('TXT_DUPLICATE_CODE', { ...where, field: 'code' }, { code, ...earlier });
    } else {
      codes.set(code, where);
    }
  }

  const parcel: CoordinateTxtParcel = {
    feature,
    headerLine: line,
    pointCount,
    areaHa,
    code,
    name,
    geometryKind: kind,
    sheet,
    use,
    landClassCode,
    extraFields,
    rings: [],
  };
  return { parcel, ringNumbers: new Set(), pointLines: 0, rejectedLines: 0, overflowed: false };
}

function addPoint(
  draft: ParcelDraft,
  fields: readonly string[],
  line: number,
  limits: ParcelLimits,
  problems: ProblemList,
  warnings: ProblemList,
): void {
  const { parcel } = draft;
  const feature = parcel.feature;
  draft.pointLines++;
  if (fields.length !== 4 && fields.length !== 6) {
    problems.add('TXT_POINT_FIELDS', { line, feature }, { count: fields.length });
    draft.rejectedLines++;
    return;
  }
  const [name = '', ringText = '', xText = '', yText = ''] = fields;
  const ringNumber = parseCount(ringText);
  if (ringNumber === undefined || ringNumber === 0) {
    problems.add('TXT_RING_NUMBER', { line, feature, field: 'ring' }, { text: ringText });
    draft.rejectedLines++;
    return;
  }
  if (draft.pointLines > limits.maxVerticesPerParcel) {
    if (!draft.overflowed) {
      problems.add(
        'TXT_TOO_MANY_VERTICES',
        { line, feature },
        { max: limits.maxVerticesPerParcel },
      );
    }
    draft.overflowed = true;
    return;
  }

  let ring: CoordinateTxtRing | undefined = parcel.rings.at(-1);
  // A new ring starts when 圈号 changes, or when the ring before has closed: some files
  // write several closed rings under one number.
  if (!ring || ring.ring !== ringNumber || ring.closedAsWritten) {
    if (draft.ringNumbers.has(ringNumber)) {
      warnings.add(
        'TXT_RING_NUMBER_REUSED',
        { line, feature, ring: ringNumber },
        { ring: ringNumber },
      );
    }
    draft.ringNumbers.add(ringNumber);
    ring = { ring: ringNumber, points: [], closedAsWritten: false };
    parcel.rings.push(ring);
  }
  const control = firstControlCharacter(name);
  const xValue = parseDecimal(xText);
  const yValue = parseDecimal(yText);
  if (control || typeof xValue !== 'number' || typeof yValue !== 'number') {
    const where = { line, feature, ring: ringNumber, vertex: ring.points.length + 1 };
    if (control) {
      problems.add('TXT_CONTROL_CHARACTER', { ...where, field: 'name' }, { char: control });
    }
    coordinateProblem(xValue, xText, 'X', where, problems);
    coordinateProblem(yValue, yText, 'Y', where, problems);
  }
  const x = typeof xValue === 'number' ? xValue : Number.NaN;
  const y = typeof yValue === 'number' ? yValue : Number.NaN;
  const point = { name, x, y, line };
  const first = ring.points[0];
  ring.points.push(point);
  // Closed once the first point comes back after at least three others.
  if (first && ring.points.length >= 4 && samePosition(first, point)) ring.closedAsWritten = true;
}

/** A coordinate that is not a finite decimal (NaN stands in for it). */
function coordinateProblem(
  value: ReturnType<typeof parseDecimal>,
  text: string,
  axis: 'X' | 'Y',
  where: { line: number; feature: number; ring: number; vertex: number },
  problems: ProblemList,
): void {
  if (typeof value === 'number') return;
  problems.add(
    'TXT_POINT_NUMBER',
    { ...where, field: axis.toLowerCase() },
    { axis, text, reason: value === 'nan' ? 'number' : 'finite' },
  );
}
