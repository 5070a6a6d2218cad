// The Shapefile field sidecar: DBF names and values cut on UTF-8 character boundaries, unique
// short names, and a sidecar that is validated before it is trusted.
import { expect, it } from 'vitest';
import {
  applyShapefileFields,
  cutToUtf8Bytes,
  parseShapefileFields,
  shortFieldNames,
} from './shapefile-fields.ts';

it('cuts text to a number of UTF-8 bytes without splitting a character', () => {
  expect(cutToUtf8Bytes('临时用地', 10)).toBe('临时用'); // 9 bytes: a fourth would make 12
  expect(cutToUtf8Bytes('a临𠀀b', 5)).toBe('a临'); // 𠀀 takes 4 bytes (a surrogate pair)
  expect(cutToUtf8Bytes('a临𠀀b', 8)).toBe('a临𠀀');
  expect(cutToUtf8Bytes('short', 254)).toBe('short');
});

it('shortens field names to 10 bytes and keeps them unique, ignoring case', () => {
  expect(
    shortFieldNames([
      'projectName',
      'projectNameZh',
      'PROJECTNAMES',
      'id',
      '项目名称',
      '项目名称说明',
    ]),
  ).toEqual(['projectNam', 'projectN_2', 'PROJECTN_3', 'id', '项目名', '项目_2']);
});

it('refuses a sidecar that is not JSON or not ours, saying where', () => {
  expect(parseShapefileFields('{')).toHaveProperty('reason');
  expect(
    parseShapefileFields(
      JSON.stringify({
        format: 'reclaim-shapefile-fields',
        version: 1,
        fields: [],
        values: [{ record: 0 }],
      }),
    ),
  ).toMatchObject({ reason: expect.stringContaining('/values/0') as unknown });
});

it('renames fields and restores values only where the DBF still holds what was written', () => {
  const sidecar = {
    format: 'reclaim-shapefile-fields' as const,
    version: 1 as const,
    fields: [{ dbf: 'projectNam', name: 'projectName', type: 'text' }],
    values: [
      { record: 1, field: 'projectName', dbf: '很长', value: '很长的名称' },
      { record: 2, field: 'projectName', dbf: '很长', value: '很长的名称' },
      { record: 3, field: 'projectName', dbf: '很长', value: '很长的名称' },
    ],
  };
  const { records, stale } = applyShapefileFields(
    [{ projectNam: '很长', other: 1 }, { projectNam: '改了' }],
    sidecar,
  );
  expect(records).toEqual([{ projectName: '很长的名称', other: 1 }, { projectName: '改了' }]);
  expect(stale).toEqual([
    { record: 2, field: 'projectName' },
    { record: 3, field: 'projectName' },
  ]);
});
