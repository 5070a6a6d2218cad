// Writes the ministry's parcel-coordinate text file (界址点坐标 txt). Pure: returns bytes.
// What it writes, readCoordinateTxt reads back to the same data; a value that could not
// survive that trip (a comma in a name, a line break) is refused rather than altered.
import iconv from 'iconv-lite';
import { AppError, type ErrorLocation } from '../../../platform/errors.ts';
import { samePosition } from './checks.ts';
import { firstControlCharacter, shown } from '../../../platform/control-characters.ts';
import type { CoordinateTxtContent, CoordinateTxtRing } from './model.ts';
import { formatDecimal } from './numbers.ts';
import { ProblemList, txtProblem } from './problems.ts';
import { attributeSection, parcelSection } from './sections.ts';

export interface WriteOptions {
  /** Default gb18030: what the ministry's and provinces' Windows tools expect. */
  encoding?: 'utf-8' | 'gb18030';
  /** Default CRLF, for the same reason. */
  lineEnd?: '\r\n' | '\n';
}

type Where = Omit<ErrorLocation, 'file'>;

/**
 * Writes a coordinate file: [属性描述] with every attribute in order, then [地块坐标] with
 * per parcel a header ending in "@" and its rings as "点号,圈号,X,Y" lines, each ring closed.
 * Coordinates are plane metres, x = northing, y = easting as stored (zone prefix kept);
 * numbers are written in their shortest exact decimal form, never with an exponent.
 * @throws AppError('invalid', TXT_WRITE_INVALID) listing every value that cannot be written
 */
export function writeCoordinateTxt(
  file: CoordinateTxtContent,
  options: WriteOptions = {},
): Uint8Array {
  const encoding = options.encoding ?? 'gb18030';
  const lineEnd = options.lineEnd ?? '\r\n';
  const problems = new ProblemList(undefined, 1000);
  const lines: string[] = [`[${attributeSection}]`];

  for (const [key, value] of Object.entries(file.attributes)) {
    const where = { field: shown(key) };
    if (key === '' || key.includes('=') || /^[[【]/.test(key)) {
      problems.add('TXT_WRITE_UNREPRESENTABLE', where, { reason: 'key' });
    }
    text(key, where, '', problems);
    text(value, where, '', problems);
    lines.push(`${key}=${value}`);
  }

  lines.push(`[${parcelSection}]`);
  file.parcels.forEach((parcel, i) => {
    const feature = i + 1;
    const header = [
      parcel.pointCount === null
        ? ''
        : count(parcel.pointCount, { feature, field: 'pointCount' }, problems),
      parcel.areaHa === null
        ? ''
        : decimal(parcel.areaHa, { feature, field: 'areaHa' }, 'nonNegative', problems),
    ];
    const textFields: [string, string][] = [
      ['code', parcel.code],
      ['name', parcel.name],
      ['geometryKind', parcel.geometryKind],
      ['sheet', parcel.sheet],
      ['use', parcel.use],
      ['landClassCode', parcel.landClassCode],
      ...parcel.extraFields.map((value, j): [string, string] => [`extraFields[${j}]`, value]),
    ];
    for (const [field, value] of textFields) {
      header.push(text(value, { feature, field }, ',', problems));
    }
    lines.push([...header, '@'].join(','));
    for (const ring of parcel.rings) lines.push(...ringLines(ring, feature, problems));
  });

  const [first, ...rest] = problems.list();
  if (first) {
    const summary = txtProblem('TXT_WRITE_INVALID', {}, { count: problems.count });
    throw AppError.many('invalid', summary, [first, ...rest]);
  }
  const content = lines.join(lineEnd) + lineEnd;
  if (encoding === 'utf-8') return new TextEncoder().encode(content);
  // The section names in GBK ("[属性描述]" starts 5B CA F4) are never valid UTF-8, so a
  // reader that tries UTF-8 first cannot mistake this file for UTF-8 text.
  const buffer = iconv.encode(content, 'gb18030');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function ringLines(ring: CoordinateTxtRing, feature: number, problems: ProblemList): string[] {
  const ringOk = Number.isSafeInteger(ring.ring) && ring.ring > 0;
  const at: Where = ringOk ? { feature, ring: ring.ring } : { feature };
  if (!ringOk) {
    problems.add(
      'TXT_WRITE_NUMBER',
      { ...at, field: 'ring' },
      { value: ring.ring, expected: 'ring' },
    );
  }
  const first = ring.points[0];
  const last = ring.points.at(-1);
  if (!first || !last) {
    problems.add('TXT_WRITE_EMPTY_RING', at);
    return [];
  }
  // The same test the reader uses to see a ring as closed.
  const closed = ring.points.length >= 4 && samePosition(first, last);
  const points = closed ? ring.points : [...ring.points, first];
  return points.map((point, i) => {
    const where = { ...at, vertex: i + 1 };
    return [
      // The reader treats a full-width comma in a point line as a separator.
      text(point.name, { ...where, field: 'name' }, ',，', problems),
      String(ring.ring),
      decimal(point.x, { ...where, field: 'x' }, 'finite', problems),
      decimal(point.y, { ...where, field: 'y' }, 'finite', problems),
    ].join(',');
  });
}

/** `value` as written, after checking the reader would give it back unchanged. */
function text(value: string, where: Where, separators: string, problems: ProblemList): string {
  if ([...separators].some((s) => value.includes(s))) {
    problems.add('TXT_WRITE_UNREPRESENTABLE', where, { reason: 'separator' });
  }
  if (firstControlCharacter(value)) {
    problems.add('TXT_WRITE_UNREPRESENTABLE', where, { reason: 'control' });
  }
  if (value !== value.trim()) {
    problems.add('TXT_WRITE_UNREPRESENTABLE', where, { reason: 'whitespace' });
  }
  return value;
}

function decimal(
  value: number,
  where: Where,
  expected: 'finite' | 'nonNegative',
  problems: ProblemList,
): string {
  if (Number.isFinite(value) && (expected === 'finite' || value >= 0)) {
    return formatDecimal(value);
  }
  problems.add('TXT_WRITE_NUMBER', where, { value, expected });
  return '';
}

function count(value: number, where: Where, problems: ProblemList): string {
  if (Number.isSafeInteger(value) && value >= 0) return String(value);
  problems.add('TXT_WRITE_NUMBER', where, { value, expected: 'count' });
  return '';
}
