// Value conversions shared by both drivers, so a repository sees the same JS types in both modes.

/** PostgreSQL type OIDs we parse ourselves. */
export const pgTypeOid = {
  int8: 20,
  date: 1082,
  numeric: 1700,
} as const;

/**
 * `date` stays a 'YYYY-MM-DD' string: turning it into a JS Date would attach a time zone
 * and shift deadlines by a day. int8 and numeric become numbers (counts and areas fit).
 */
export const valueParsers: Record<number, (text: string) => unknown> = {
  [pgTypeOid.int8]: (v) => Number(v),
  [pgTypeOid.date]: (v) => v,
  [pgTypeOid.numeric]: (v) => Number(v),
};
