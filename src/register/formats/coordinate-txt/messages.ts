// Every problem the coordinate-txt reader and writer can report: a stable code, a Chinese and
// an English message. Kept in one catalogue so the README and the UI can list them all.
import { shown } from '../../../platform/control-characters.ts';

export type Text = readonly [zh: string, en: string];
type HeaderNumberReason = 'integer' | 'number' | 'finite' | 'negative';
type WriteReason = 'separator' | 'control' | 'whitespace' | 'key';

const headerNumber: Record<HeaderNumberReason, Text> = {
  integer: ['不是非负整数', 'is not a non-negative integer'],
  number: ['不是数字', 'is not a number'],
  finite: ['超出数值范围', 'is not a finite number'],
  negative: ['为负数', 'is negative'],
};

const writeReason: Record<WriteReason, Text> = {
  separator: ['字段含有分隔符（“,” 或 “，”）', 'the field contains a separator ("," or "，")'],
  control: ['字段含有控制字符或换行', 'the field contains a control character or a line break'],
  whitespace: [
    '字段首尾有空白，读回时会被去掉',
    'the field starts or ends with white space, which reading back would drop',
  ],
  key: ['属性名为空、含“=”或以“[”开头', 'the attribute key is empty, holds "=" or starts with "["'],
};

type NumberKind = 'finite' | 'nonNegative' | 'count' | 'ring';
const numberKind: Record<NumberKind, Text> = {
  finite: ['有限数', 'a finite number'],
  nonNegative: ['非负的有限数', 'a finite number, not negative'],
  count: ['非负整数', 'a non-negative integer'],
  ring: ['正整数', 'a positive integer'],
};

export const catalogue = {
  // Reading: errors
  TXT_INVALID: (p: { file: string; count: number }): Text => [
    `${p.file}：发现 ${p.count} 处错误，未导入任何数据`,
    `${p.file}: ${p.count} problem(s) found; nothing was imported`,
  ],
  TXT_EMPTY: (): Text => ['文件为空', 'the file is empty'],
  TXT_TOO_LARGE: (p: { bytes: number; maxBytes: number }): Text => [
    `文件大小 ${p.bytes} 字节，超过上限 ${p.maxBytes} 字节`,
    `the file is ${p.bytes} bytes, over the limit of ${p.maxBytes}`,
  ],
  TXT_BINARY: (): Text => [
    '文件含有 NUL 字节，不是文本文件（可能是二进制文件或 UTF-16 编码），请另存为 GBK 或 UTF-8 文本',
    'the file contains NUL bytes: it is not a text file (binary, or UTF-16); save it as GBK or UTF-8 text',
  ],
  TXT_UNDECODABLE: (): Text => [
    '含有无法识别的字节（既不是 UTF-8 也不是 GBK/GB18030 编码）',
    'holds bytes that are neither UTF-8 nor GBK/GB18030',
  ],
  TXT_NO_PARCEL_SECTION: (): Text => [
    '缺少 [地块坐标] 节',
    'the [地块坐标] (parcel coordinates) section is missing',
  ],
  TXT_NO_PARCELS: (): Text => [
    '[地块坐标] 节中没有任何地块',
    'the [地块坐标] section holds no parcels',
  ],
  TXT_OUTSIDE_SECTION: (): Text => [
    '第一个节标题（如 [属性描述]）之前不应有内容',
    'text before the first section header (such as [属性描述])',
  ],
  TXT_LINE_TOO_LONG: (p: { chars: number; max: number }): Text => [
    `该行有 ${p.chars} 个字符，超过上限 ${p.max}，未读取`,
    `the line has ${p.chars} characters, over the limit of ${p.max}; it was not read`,
  ],
  TXT_ATTRIBUTE_SYNTAX: (p: { text: string }): Text => [
    `[属性描述] 中的行应为“名称=值”，实际为“${shown(p.text)}”`,
    `a [属性描述] line must be "key=value", not "${shown(p.text)}"`,
  ],
  TXT_HEADER_NO_AT: (): Text => ['地块头行应以“@”结尾', 'a parcel header line must end with "@"'],
  TXT_HEADER_FIELDS: (p: { count: number }): Text => [
    `地块头行在“@”之前应至少有 8 个字段（界址点数,地块面积,地块编号,地块名称,记录图形属性,图幅号,地块用途,地类编码），实际为 ${p.count} 个`,
    `a parcel header needs at least 8 fields (point count, area, code, name, geometry kind, sheet, use, land class) before "@"; it has ${p.count}`,
  ],
  TXT_HEADER_NUMBER: (p: {
    field: 'pointCount' | 'areaHa';
    text: string;
    reason: HeaderNumberReason;
  }): Text => {
    const [zh, en] = headerNumber[p.reason];
    return p.field === 'pointCount'
      ? [`界址点数“${shown(p.text)}”${zh}`, `point count "${shown(p.text)}" ${en}`]
      : [`地块面积“${shown(p.text)}”${zh}`, `area "${shown(p.text)}" ${en}`];
  },
  TXT_POINT_BEFORE_HEADER: (): Text => [
    '界址点行出现在第一个地块头行（以“@”结尾）之前',
    'a point line comes before the first parcel header (the line ending in "@")',
  ],
  TXT_POINT_FIELDS: (p: { count: number }): Text => [
    `界址点行应为“点号,圈号,X坐标,Y坐标”4 个字段，实际为 ${p.count} 个`,
    `a point line must have the 4 fields "name,ring,X,Y"; it has ${p.count}`,
  ],
  TXT_POINT_NUMBER: (p: { axis: 'X' | 'Y'; text: string; reason: 'number' | 'finite' }): Text =>
    p.reason === 'number'
      ? [`${p.axis} 坐标“${shown(p.text)}”不是数字`, `${p.axis} "${shown(p.text)}" is not a number`]
      : [
          `${p.axis} 坐标“${shown(p.text)}”超出数值范围`,
          `${p.axis} "${shown(p.text)}" is not a finite number`,
        ],
  TXT_RING_NUMBER: (p: { text: string }): Text => [
    `圈号“${shown(p.text)}”不是正整数`,
    `ring number "${shown(p.text)}" is not a positive integer`,
  ],
  TXT_PARCEL_EMPTY: (): Text => ['地块没有任何界址点', 'the parcel has no points'],
  TXT_RING_TOO_FEW: (p: { distinct: number }): Text => [
    `一个圈至少需要 3 个不同的界址点（闭合后 4 个），这里只有 ${p.distinct} 个`,
    `a ring needs at least 3 distinct points (4 with the closing point); this one has ${p.distinct}`,
  ],
  TXT_TOO_MANY_VERTICES: (p: { max: number }): Text => [
    `地块的界址点超过上限 ${p.max} 个，其余点未读取`,
    `the parcel has more than ${p.max} points; the rest were not read`,
  ],
  TXT_TOO_MANY_PARCELS: (p: { max: number }): Text => [
    `地块数超过上限 ${p.max} 个，之后的内容未读取`,
    `more than ${p.max} parcels; the rest of the file was not read`,
  ],
  TXT_DUPLICATE_CODE: (p: { code: string; feature: number; line: number }): Text => [
    `地块编号“${shown(p.code)}”与第 ${p.line} 行的地块 ${p.feature} 重复`,
    `parcel code "${shown(p.code)}" repeats parcel ${p.feature} (line ${p.line})`,
  ],
  TXT_CONTROL_CHARACTER: (p: { char: string }): Text => [
    `字段含有控制字符 ${p.char}`,
    `the field holds the control character ${p.char}`,
  ],
  TXT_COORDINATE_RANGE: (p: { axis: 'X' | 'Y'; value: number }): Text =>
    p.axis === 'X'
      ? [
          `X 坐标（北坐标）${p.value} 超出 0–6,500,000 米`,
          `X (northing) ${p.value} m is outside 0–6,500,000 m`,
        ]
      : [
          `Y 坐标（东坐标）${p.value} 去掉两位带号后超出 0–1,000,000 米`,
          `Y (easting) ${p.value} m is outside 0–1,000,000 m after removing a 2-digit zone prefix`,
        ],
  TXT_AXES_SWAPPED: (p: { count: number; total: number }): Text => [
    `X、Y 坐标疑似写反：本圈 ${p.total} 个点中有 ${p.count} 个的 X 像东坐标、Y 像北坐标（X 应为北坐标，Y 应为带带号的东坐标）`,
    `X and Y look swapped: ${p.count} of the ${p.total} points in this ring have an easting in X and a northing in Y (X must be the northing, Y the zone-prefixed easting)`,
  ],
  TXT_TOO_MANY_PROBLEMS: (p: { max: number; more: number }): Text => [
    `问题过多，仅列出前 ${p.max} 处，另有 ${p.more} 处未列出`,
    `too many problems: the first ${p.max} are listed, ${p.more} more are not`,
  ],
  // Reading: warnings
  TXT_RING_NOT_CLOSED: (): Text => [
    '圈未闭合（末点应重复首点），已自动闭合',
    'the ring was not closed (its last point must repeat the first); the reader closed it',
  ],
  TXT_POINT_COUNT_MISMATCH: (p: { declared: number; written: number; distinct: number }): Text => [
    `声明的界址点数为 ${p.declared}，实际读到 ${p.written} 个点（不计闭合点为 ${p.distinct} 个）`,
    `declared point count ${p.declared}, but ${p.written} points were read (${p.distinct} without the closing points)`,
  ],
  TXT_AREA_MISSING: (): Text => ['地块面积为空', 'the parcel area is missing'],
  TXT_RING_NUMBER_REUSED: (p: { ring: number }): Text => [
    `圈号 ${p.ring} 在本地块中用于多个圈，按出现顺序分别读取`,
    `ring number ${p.ring} is used for more than one ring in this parcel; they are read as separate rings`,
  ],
  TXT_POINT_COLUMNS_DROPPED: (): Text => [
    '界址点行有 6 个字段（部备案格式），第 5、6 字段（边长、界址点类型）未读取',
    'point lines have 6 fields (部备案 layout); fields 5 and 6 (distance, marker type) were not read',
  ],
  TXT_SECTION_SKIPPED: (p: { name: string }): Text => [
    `未知的节 [${shown(p.name)}] 未读取`,
    `unknown section [${shown(p.name)}] was skipped`,
  ],
  TXT_ATTRIBUTE_DUPLICATE: (p: { key: string }): Text => [
    `属性“${shown(p.key)}”重复出现，取最后一个值`,
    `attribute "${shown(p.key)}" appears more than once; the last value is kept`,
  ],
  // Writing
  TXT_WRITE_INVALID: (p: { count: number }): Text => [
    `无法写出坐标文件：${p.count} 处数据无法表示`,
    `cannot write the coordinate file: ${p.count} value(s) cannot be represented`,
  ],
  TXT_WRITE_UNREPRESENTABLE: (p: { reason: WriteReason }): Text => writeReason[p.reason],
  TXT_WRITE_NUMBER: (p: { value: number; expected: NumberKind }): Text => {
    const [zh, en] = numberKind[p.expected];
    return [`数值 ${p.value} 无法写入，应为${zh}`, `cannot write ${p.value}: it must be ${en}`];
  },
  TXT_WRITE_EMPTY_RING: (): Text => ['圈没有界址点', 'the ring has no points'],
} satisfies Record<string, (p: never) => Text>;

type Catalogue = typeof catalogue;
export type TxtCode = keyof Catalogue;
export type TxtParams<C extends TxtCode> = Parameters<Catalogue[C]>;

/** Every code, for the README and for tests that check each one is documented. */
export const txtCodes = Object.keys(catalogue) as TxtCode[];
