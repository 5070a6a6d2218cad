// Pieces the restoration forms share: a failed request as the server words it (every
// problem with where it is: field, ring, vertex), and numeric inputs read as numbers.
import { ApiError, type Problem } from '../api/http.ts';
import { useI18n } from '../i18n/i18n.tsx';

export interface Failure {
  message: string;
  problems: Problem[];
}

/** A caught error as a Failure in the user's language. */
export function failureOf(e: unknown, pick: (zh: string, en: string) => string): Failure {
  return e instanceof ApiError
    ? { message: pick(e.messageZh, e.message), problems: e.problems }
    : { message: String(e), problems: [] };
}

function whereText(p: Problem, lang: 'zh' | 'en'): string {
  const l = p.location;
  if (!l) return '';
  const parts: string[] = [];
  if (l.field) parts.push(l.field);
  if (l.feature !== undefined)
    parts.push(lang === 'zh' ? `第 ${l.feature} 个面` : `polygon ${l.feature}`);
  if (l.ring !== undefined) parts.push(lang === 'zh' ? `第 ${l.ring} 环` : `ring ${l.ring}`);
  if (l.vertex !== undefined)
    parts.push(lang === 'zh' ? `第 ${l.vertex} 点` : `vertex ${l.vertex}`);
  return parts.join(' · ');
}

export function FailureBox({ failure }: { failure: Failure | null }) {
  const { lang, pick } = useI18n();
  if (!failure) return null;
  // The first problem is usually the message itself: its place is said beside the message.
  const same = failure.problems.filter((p) => pick(p.messageZh, p.messageEn) === failure.message);
  const others = failure.problems.filter((p) => !same.includes(p));
  const where = same.map((p) => whereText(p, lang)).filter((w) => w !== '');
  return (
    <div className="error" role="alert" data-testid="form-error">
      <p>
        {failure.message}
        {where.length > 0 ? <span className="muted"> （{where.join('；')}）</span> : null}
      </p>
      {others.length > 0 ? (
        <ul>
          {others.map((p, i) => (
            <li key={i}>
              {pick(p.messageZh, p.messageEn)}
              {p.location ? <span className="muted"> （{whereText(p, lang)}）</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A number typed into a field, or null when it is empty or not a number. */
export function numberOf(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}
