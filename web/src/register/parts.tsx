// Pieces the parcel page and the file registration share: the computed-vs-declared area
// breakdown and the list of rule findings.
import type { Breakdown, Finding } from '../api/types.ts';
import { formatNumber, useI18n } from '../i18n/i18n.tsx';

const rows: (keyof Breakdown | 'unsurveyedM2')[] = [
  'cultivatedM2',
  'farmlandM2',
  'forestM2',
  'otherAgriculturalM2',
  'constructionM2',
  'unusedM2',
  'unsurveyedM2',
];

export function BreakdownTable(props: {
  computed: (Breakdown & { unsurveyedM2: number }) | null;
  declared: Breakdown | null | undefined;
  computedTotal: number | null;
  declaredTotal: number | null | undefined;
}) {
  const { t } = useI18n();
  const diff = (a: number | null | undefined, b: number | null | undefined) =>
    a === null || a === undefined || b === null || b === undefined ? '—' : formatNumber(a - b);
  return (
    <table className="breakdown" data-testid="breakdown">
      <thead>
        <tr>
          <th>{t('squareMetres')}</th>
          <th className="num">{t('computed')}</th>
          <th className="num">{t('declared')}</th>
          <th className="num">{t('difference')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const computed = props.computed?.[row] ?? null;
          const declared = row === 'unsurveyedM2' ? null : (props.declared?.[row] ?? null);
          if (row === 'unsurveyedM2' && !computed) return null;
          return (
            <tr key={row} className={row === 'farmlandM2' && (computed ?? 0) > 0 ? 'alert' : ''}>
              <th>{t(row)}</th>
              <td className="num">{formatNumber(computed)}</td>
              <td className="num">{props.declared ? formatNumber(declared) : t('notDeclared')}</td>
              <td className="num">{diff(computed, declared)}</td>
            </tr>
          );
        })}
        <tr className="total">
          <th>{t('totalArea')}</th>
          <td className="num">{formatNumber(props.computedTotal)}</td>
          <td className="num">
            {props.declaredTotal === null || props.declaredTotal === undefined
              ? t('notDeclared')
              : formatNumber(props.declaredTotal)}
          </td>
          <td className="num">{diff(props.computedTotal, props.declaredTotal)}</td>
        </tr>
      </tbody>
    </table>
  );
}

export function FindingList({ findings }: { findings: Finding[] }) {
  const { t, lang } = useI18n();
  if (findings.length === 0) return <p className="ok">{t('noFindings')}</p>;
  return (
    <ul className="findings" data-testid="findings">
      {findings.map((f, i) => (
        <li key={`${f.code}-${i}`} className={`finding ${f.severity}`}>
          <code>{f.code}</code>
          <span className="message">{f.messageZh}</span>
          {lang === 'en' ? <span className="message en">{f.messageEn}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** The "why" every change carries into history (2 to 500 characters). */
export function ReasonField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {props.label}
      <input
        name="reason"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        minLength={2}
        maxLength={500}
        required
      />
    </label>
  );
}
