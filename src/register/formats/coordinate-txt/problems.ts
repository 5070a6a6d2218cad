// Problems as the reader and writer report them: a catalogue message prefixed with where it
// is (line, parcel, ring, vertex), collected up to a limit and listed in file order.
import type { ErrorLocation, Problem } from '../../../platform/errors.ts';
import { catalogue, type Text, type TxtCode, type TxtParams } from './messages.ts';

/** "第 12 行（地块 2，圈 1，第 3 点）：" / "line 12 (parcel 2, ring 1, vertex 3): ". */
function prefix(where: ErrorLocation): Text {
  const zh: string[] = [];
  const en: string[] = [];
  const add = (partZh: string, partEn: string) => {
    zh.push(partZh);
    en.push(partEn);
  };
  if (where.feature !== undefined) add(`地块 ${where.feature}`, `parcel ${where.feature}`);
  if (where.ring !== undefined) add(`圈 ${where.ring}`, `ring ${where.ring}`);
  if (where.vertex !== undefined) add(`第 ${where.vertex} 点`, `vertex ${where.vertex}`);
  // Without a line (the writer's problems) the field is the only way to tell which value.
  if (where.line === undefined) {
    if (where.field !== undefined) add(`字段 ${where.field}`, `field ${where.field}`);
    return zh.length ? [`${zh.join('，')}：`, `${en.join(', ')}: `] : ['', ''];
  }
  return [
    `第 ${where.line} 行${zh.length ? `（${zh.join('，')}）` : ''}：`,
    `line ${where.line}${en.length ? ` (${en.join(', ')})` : ''}: `,
  ];
}

/** Builds a problem; the message starts with the line (and parcel, ring, vertex) when known. */
export function txtProblem<C extends TxtCode>(
  code: C,
  where: ErrorLocation,
  ...params: TxtParams<C>
): Problem {
  const message = catalogue[code] as (...p: TxtParams<C>) => Text;
  const [zh, en] = message(...params);
  const [atZh, atEn] = prefix(where);
  const location: ErrorLocation = {};
  for (const key of ['file', 'line', 'feature', 'ring', 'vertex', 'field'] as const) {
    if (where[key] !== undefined) Object.assign(location, { [key]: where[key] });
  }
  return { code, messageZh: atZh + zh, messageEn: atEn + en, location };
}

/**
 * Collects problems for one file, up to a limit: a hostile file must not turn into a
 * million-entry error list. Reported sorted by line, the overflow note last.
 */
export class ProblemList {
  private readonly items: Problem[] = [];
  private dropped = 0;

  constructor(
    private readonly file: string | undefined,
    private readonly max: number,
  ) {}

  add<C extends TxtCode>(
    code: C,
    where: Omit<ErrorLocation, 'file'>,
    ...params: TxtParams<C>
  ): void {
    if (this.items.length >= this.max) {
      this.dropped++;
      return;
    }
    this.items.push(txtProblem(code, { file: this.file, ...where }, ...params));
  }

  get count(): number {
    return this.items.length + this.dropped;
  }

  list(): Problem[] {
    const byLine = [...this.items].sort(
      (a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0),
    );
    if (this.dropped > 0) {
      byLine.push(
        txtProblem(
          'TXT_TOO_MANY_PROBLEMS',
          { file: this.file },
          { max: this.max, more: this.dropped },
        ),
      );
    }
    return byLine;
  }
}
