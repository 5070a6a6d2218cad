// GB/T 2260 division codes: six digits, two per level (province, city, county).

export type DivisionLevel = 'nation' | 'province' | 'city' | 'county';

/** The nation: the ministry's scope. Not a GB/T 2260 code; Reclaim's own. */
export const nationCode = '000000';

export function isDivisionCode(code: string): boolean {
  return /^[0-9]{6}$/.test(code);
}

/** The level a code denotes by its shape: xx0000 province, xxxx00 city, else county. */
export function levelOfCode(code: string): DivisionLevel {
  if (code === nationCode) return 'nation';
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/**
 * The code prefix shared by everything inside a division ('32' for Jiangsu, '3203' for
 * Xuzhou, '320305' for Jiawang), or 'national' for the nation.
 */
export function scopePrefixOf(code: string): string {
  switch (levelOfCode(code)) {
    case 'nation':
      return 'national';
    case 'province':
      return code.slice(0, 2);
    case 'city':
      return code.slice(0, 4);
    case 'county':
      return code;
  }
}

/** True when `code` lies inside (or is) the division `container`. */
export function isWithinDivision(code: string, container: string): boolean {
  const prefix = scopePrefixOf(container);
  return prefix === 'national' || code.startsWith(prefix);
}

/** The province code (first two digits): the distribution column of large tables. */
export function provinceCodeOf(code: string): string {
  return code.slice(0, 2);
}
