// Checks on the free text the notice board takes (titles, bodies, objections, answers):
// trimmed, not empty, and free of control characters other than line breaks and tabs.
import { firstControlCharacter } from '../platform/control-characters.ts';
import { AppError, type Problem } from '../platform/errors.ts';

/** The trimmed text, or a problem naming `field`. */
export function checkedText(
  value: string,
  field: string,
): { text: string; problem?: undefined } | { text?: undefined; problem: Problem } {
  const text = value.trim();
  if (text === '')
    return {
      problem: {
        code: 'TEXT_EMPTY',
        messageZh: `${field} 不能为空`,
        messageEn: `${field} may not be empty`,
        location: { field },
      },
    };
  const control = firstControlCharacter(text.replace(/\r?\n/g, ' '));
  if (control)
    return {
      problem: {
        code: 'TEXT_CONTROL_CHARACTER',
        messageZh: `${field} 含有不允许的控制字符 ${control}`,
        messageEn: `${field} holds a control character ${control}, which is not allowed`,
        location: { field },
      },
    };
  return { text };
}

/**
 * Checks every given field at once: returns the trimmed texts (null stays null), or throws
 * one error listing every problem.
 */
export function requireTexts<K extends string>(
  fields: Record<K, string | null | undefined>,
): Record<K, string | null> {
  const out = {} as Record<K, string | null>;
  const problems: Problem[] = [];
  for (const [field, value] of Object.entries(fields) as [K, string | null | undefined][]) {
    if (value === null || value === undefined) {
      out[field] = null;
      continue;
    }
    const checked = checkedText(value, field);
    if (checked.problem) problems.push(checked.problem);
    else out[field] = checked.text;
  }
  const [first, ...rest] = problems;
  if (first) throw AppError.many('invalid', first, rest);
  return out;
}
