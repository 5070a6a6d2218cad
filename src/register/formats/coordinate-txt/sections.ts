// Splits the file into its [节] sections and reads [属性描述] (key=value lines). Other
// sections seen in the wild ([扩展信息], [项目信息]) carry nothing the register keeps.
import { firstControlCharacter, shown } from '../../../platform/control-characters.ts';
import type { ProblemList } from './problems.ts';

/** A non-blank line, trimmed, with its 1-based number in the file. */
export interface Line {
  text: string;
  number: number;
}

export interface Sections {
  attributeLines: Line[];
  parcelLines: Line[];
  hasParcelSection: boolean;
}

export const attributeSection = '属性描述';
export const parcelSection = '地块坐标';

// Real lines are well under 1 000 characters; a longer one is refused before it is split, so
// that a hostile line of a million commas does not become a million fields.
export const maxLineChars = 10_000;

// Full-width brackets appear when a header is typed with a Chinese input method.
const sectionHeader = /^[[【]\s*([^\]】]+?)\s*[\]】]$/;

export function splitSections(
  lines: readonly string[],
  problems: ProblemList,
  warnings: ProblemList,
): Sections {
  const sections: Sections = { attributeLines: [], parcelLines: [], hasParcelSection: false };
  let current: Line[] | 'skipped' | undefined;
  let firstOutside: number | undefined;
  lines.forEach((raw, i) => {
    const number = i + 1;
    if (raw.length > maxLineChars) {
      problems.add('TXT_LINE_TOO_LONG', { line: number }, { chars: raw.length, max: maxLineChars });
      return;
    }
    const text = raw.trim();
    if (text === '') return;
    const header = sectionHeader.exec(text);
    if (header) {
      const name = header[1] ?? '';
      if (name === attributeSection) current = sections.attributeLines;
      else if (name === parcelSection) {
        current = sections.parcelLines;
        sections.hasParcelSection = true;
      } else {
        current = 'skipped';
        warnings.add('TXT_SECTION_SKIPPED', { line: number }, { name });
      }
      return;
    }
    if (current === undefined) firstOutside ??= number;
    else if (current !== 'skipped') current.push({ text, number });
  });
  // Without a parcel section the file is something else altogether; one problem says so.
  if (!sections.hasParcelSection) problems.add('TXT_NO_PARCEL_SECTION', {});
  else if (firstOutside !== undefined) problems.add('TXT_OUTSIDE_SECTION', { line: firstOutside });
  return sections;
}

/** Reads key=value lines; keeps every key, even unknown ones and empty values, in file order. */
export function readAttributes(
  lines: readonly Line[],
  problems: ProblemList,
  warnings: ProblemList,
): Record<string, string> {
  // A Map, then Object.fromEntries: a key such as "__proto__" becomes an ordinary property.
  const attributes = new Map<string, string>();
  for (const { text, number } of lines) {
    const equals = text.indexOf('=');
    const key = equals < 0 ? '' : text.slice(0, equals).trim();
    if (key === '') {
      problems.add('TXT_ATTRIBUTE_SYNTAX', { line: number }, { text });
      continue;
    }
    const value = text.slice(equals + 1).trim();
    const control = firstControlCharacter(key) ?? firstControlCharacter(value);
    if (control) {
      problems.add('TXT_CONTROL_CHARACTER', { line: number, field: shown(key) }, { char: control });
    }
    if (attributes.has(key)) warnings.add('TXT_ATTRIBUTE_DUPLICATE', { line: number }, { key });
    attributes.set(key, value);
  }
  return Object.fromEntries(attributes);
}
