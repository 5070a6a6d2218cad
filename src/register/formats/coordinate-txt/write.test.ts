// The writer's promise: what it writes, the reader reads back to the same data — checked on
// every valid fixture, in both encodings and line ends, and on random parcels (fast-check).
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { firstControlCharacter } from '../../../platform/control-characters.ts';
import type {
  CoordinateTxtContent,
  CoordinateTxtParcel,
  CoordinateTxtPoint,
  CoordinateTxtRing,
} from './model.ts';
import { readCoordinateTxt, type CoordinateTxtFile } from './read.ts';
import { fixtureNames, loadFixture } from './test-fixtures.ts';
import { writeCoordinateTxt, type WriteOptions } from './write.ts';

type Parcel = CoordinateTxtContent['parcels'][number];

/** The data a round trip must keep: not the line numbers, not how the file closed rings. */
function data(parcels: readonly Parcel[]) {
  return parcels.map((p) => {
    const { feature: _f, headerLine: _h, ...rest } = p as Partial<CoordinateTxtParcel> & Parcel;
    return {
      ...rest,
      rings: p.rings.map((r) => ({
        ring: r.ring,
        points: r.points.map(({ name, x, y }) => ({ name, x, y })),
      })),
    };
  });
}

const variants: WriteOptions[] = [
  {},
  { encoding: 'utf-8', lineEnd: '\n' },
  { encoding: 'gb18030', lineEnd: '\n' },
  { encoding: 'utf-8', lineEnd: '\r\n' },
];

function readable(name: string): CoordinateTxtFile | undefined {
  const fixture = loadFixture(name);
  try {
    return readCoordinateTxt(fixture.bytes, fixture.fileName, fixture.config.options);
  } catch {
    return undefined;
  }
}

const validFixtures = fixtureNames.filter((name) => readable(name) !== undefined);

it('has valid fixtures to round-trip', () => {
  expect(validFixtures.length).toBeGreaterThanOrEqual(20);
});

for (const name of validFixtures) {
  it(`round trip: ${name}`, () => {
    const first = readable(name)!;
    for (const options of variants) {
      const bytes = writeCoordinateTxt(first, options);
      const again = readCoordinateTxt(bytes, 'written.txt');
      expect(again.encoding).toBe(options.encoding ?? 'gb18030');
      expect(again.attributes).toEqual(first.attributes);
      expect(data(again.parcels)).toEqual(data(first.parcels));
      expect(again.parcels.every((p) => p.rings.every((r) => r.closedAsWritten))).toBe(true);
      // Writing what was read back gives the same bytes: the output is stable.
      expect(writeCoordinateTxt(again, options)).toEqual(bytes);
    }
  });
}

const ring = (ringNumber: number, corners: [number, number][]): CoordinateTxtRing => ({
  ring: ringNumber,
  closedAsWritten: false,
  points: corners.map(([x, y], i) => ({ name: `J${i + 1}`, x, y, line: 0 })),
});

const sample: CoordinateTxtContent = {
  attributes: { 格式版本号: '1.01', 坐标系: '2000国家大地坐标系', 带号: '39', 转换参数: ',,,,,,' },
  parcels: [
    {
      pointCount: 5,
      areaHa: 0.045,
      code: 'TL-2025-001',
      name: '某项目拌合站',
      geometryKind: '面',
      sheet: '',
      use: '临时用地',
      landClassCode: '0103',
      extraFields: [],
      rings: [
        ring(1, [
          [3812345.678, 39512345.678],
          [3812345.678, 39512545.678],
          [3812120.6, 39512545.678],
          [3812120.6, 39512345],
        ]),
      ],
    },
  ],
};

it('writes GBK with CRLF by default, closes rings and ends headers with @', () => {
  const expected = [
    '[属性描述]',
    '格式版本号=1.01',
    '坐标系=2000国家大地坐标系',
    '带号=39',
    '转换参数=,,,,,,',
    '[地块坐标]',
    '5,0.045,TL-2025-001,某项目拌合站,面,,临时用地,0103,@',
    'J1,1,3812345.678,39512345.678',
    'J2,1,3812345.678,39512545.678',
    'J3,1,3812120.6,39512545.678',
    'J4,1,3812120.6,39512345',
    'J1,1,3812345.678,39512345.678',
    '',
  ];
  const bytes = writeCoordinateTxt(sample);
  expect(Buffer.from(bytes)).toEqual(iconv.encode(expected.join('\r\n'), 'gb18030'));
  // GBK section names are never valid UTF-8, so no reader mistakes the file for UTF-8.
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
  const utf8 = writeCoordinateTxt(sample, { encoding: 'utf-8', lineEnd: '\n' });
  expect(new TextDecoder().decode(utf8)).toBe(expected.join('\n'));
});

it('refuses values the reader could not give back, listing every one', () => {
  const [parcel] = sample.parcels;
  const bad: CoordinateTxtContent = {
    attributes: { 'a=b': '1', 备注: ' 前后有空格 ' },
    parcels: [
      {
        ...parcel!,
        pointCount: 1.5,
        areaHa: -1,
        code: 'TL,1',
        use: '临时\n用地',
        extraFields: ['ok', '\u001b[31m'],
        rings: [
          {
            ring: 0,
            closedAsWritten: false,
            points: [
              { name: 'J1，', x: 1, y: 1, line: 0 },
              { name: 'J2', x: Number.NaN, y: Number.POSITIVE_INFINITY, line: 0 },
            ],
          },
          { ring: 2, closedAsWritten: false, points: [] },
        ],
      },
    ],
  };
  let error: unknown;
  try {
    writeCoordinateTxt(bad);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AppError);
  const problems = (error as AppError).problems;
  expect(problems[0]?.code).toBe('TXT_WRITE_INVALID');
  expect(problems.slice(1).map((p) => [p.code, p.location])).toEqual([
    ['TXT_WRITE_UNREPRESENTABLE', { field: 'a=b' }],
    ['TXT_WRITE_UNREPRESENTABLE', { field: '备注' }],
    ['TXT_WRITE_NUMBER', { feature: 1, field: 'pointCount' }],
    ['TXT_WRITE_NUMBER', { feature: 1, field: 'areaHa' }],
    ['TXT_WRITE_UNREPRESENTABLE', { feature: 1, field: 'code' }],
    ['TXT_WRITE_UNREPRESENTABLE', { feature: 1, field: 'use' }],
    ['TXT_WRITE_UNREPRESENTABLE', { feature: 1, field: 'extraFields[1]' }],
    ['TXT_WRITE_NUMBER', { feature: 1, field: 'ring' }],
    ['TXT_WRITE_UNREPRESENTABLE', { feature: 1, vertex: 1, field: 'name' }],
    ['TXT_WRITE_NUMBER', { feature: 1, vertex: 2, field: 'x' }],
    ['TXT_WRITE_NUMBER', { feature: 1, vertex: 2, field: 'y' }],
    // The closing point the writer adds repeats J1's name.
    ['TXT_WRITE_UNREPRESENTABLE', { feature: 1, vertex: 3, field: 'name' }],
    ['TXT_WRITE_EMPTY_RING', { feature: 1, ring: 2 }],
  ]);
  expect(problems[9]?.messageEn).toBe(
    'parcel 1, vertex 1, field name: the field contains a separator ("," or "，")',
  );
});

// ---- Property: random valid parcels round-trip exactly ----

/** Drops what the format cannot carry in a field: controls, separators, U+FFFD, end spaces. */
function fieldText(s: string, gb18030: boolean): string {
  return [...s]
    .filter((c) => !firstControlCharacter(c) && !',，\uFFFD'.includes(c))
    .filter((c) => !gb18030 || !isBmpPrivateUse(c))
    .join('')
    .trim();
}

// iconv-lite and the WHATWG GB18030 decoder map a few private-use code points
// (U+E5E5, U+E78D–E796, U+E81E…) differently; no real parcel name holds them.
const isBmpPrivateUse = (c: string) => {
  const n = c.codePointAt(0) ?? 0;
  return n >= 0xe000 && n <= 0xf8ff;
};

function contentArbitrary(gb18030: boolean): fc.Arbitrary<CoordinateTxtContent> {
  const text = fc
    .oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.string({
        unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((n) => String.fromCodePoint(n)),
        maxLength: 12,
      }),
      fc.string({ maxLength: 12 }),
    )
    .map((s) => fieldText(s, gb18030));
  const key = text.filter((k) => k !== '' && !k.includes('=') && !/^[[【]/.test(k));
  const point: fc.Arbitrary<CoordinateTxtPoint> = fc.record({
    name: text,
    x: fc.double({ min: 0, max: 6_500_000, noNaN: true }),
    y: fc.oneof(
      fc.double({ min: 0, max: 999_999.999, noNaN: true }),
      fc.double({ min: 10_000_000, max: 99_999_999.999, noNaN: true }),
    ),
    line: fc.constant(0),
  });
  const ringArb: fc.Arbitrary<CoordinateTxtRing> = fc
    .record({
      ring: fc.integer({ min: 1, max: 4 }),
      points: fc.uniqueArray(point, {
        minLength: 3,
        maxLength: 7,
        selector: (p) => `${p.x},${p.y}`,
      }),
      closed: fc.boolean(),
    })
    .map(({ ring: number, points, closed }) => ({
      ring: number,
      // Closed or not: the writer closes what is open.
      points: closed ? [...points, { ...points[0]! }] : points,
      closedAsWritten: closed,
    }));
  const parcel: fc.Arbitrary<Parcel> = fc.record({
    pointCount: fc.option(fc.nat({ max: 10_000 }), { nil: null }),
    areaHa: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: null }),
    code: text,
    name: text,
    geometryKind: fc.constantFrom('面', '线', '点', ''),
    sheet: text,
    use: text,
    landClassCode: text,
    extraFields: fc.array(text, { maxLength: 5 }),
    rings: fc.array(ringArb, { minLength: 1, maxLength: 3 }),
  });
  return fc.record({
    attributes: fc.dictionary(key, text, { maxKeys: 8 }),
    // 地块编号 must be unique within a file (empty ones excepted).
    parcels: fc
      .array(parcel, { minLength: 1, maxLength: 4 })
      .map((ps) => ps.map((p, i) => (p.code === '' ? p : { ...p, code: `${p.code}#${i}` }))),
  });
}

/** What the reader gives back for a ring the writer had to close: the first point repeated. */
function closeRings(parcel: Parcel): Parcel {
  const rings = parcel.rings.map((r) =>
    r.closedAsWritten ? r : { ...r, points: [...r.points, { ...r.points[0]! }] },
  );
  return { ...parcel, rings };
}

for (const encoding of ['utf-8', 'gb18030'] as const) {
  it(`random valid parcels round-trip exactly (${encoding})`, () => {
    fc.assert(
      fc.property(contentArbitrary(encoding === 'gb18030'), (content) => {
        const read = readCoordinateTxt(writeCoordinateTxt(content, { encoding }), 'random.txt');
        expect(read.encoding).toBe(encoding);
        expect(read.attributes).toEqual(content.attributes);
        expect(data(read.parcels)).toEqual(data(content.parcels.map(closeRings)));
      }),
      { numRuns: 200 },
    );
  });
}
