// The latest measurement checked against the acceptance criteria (TL-RECL-05), per
// restoration type: the verdict, and per criterion the threshold, the measured value and the
// server's own sentence; demo criteria are said to be demo.
import { useI18n } from '../i18n/i18n.tsx';
import { directionLabel, findingLabel, thresholdText, typeLabel, verdictLabel } from './labels.ts';
import type { ProjectCheck } from './types.ts';

export function CriteriaFindings({ check }: { check: ProjectCheck | null }) {
  const { t, lang, pick } = useI18n();
  return (
    <section data-testid="criteria-check">
      <h3>{t('restCheckTitle')}</h3>
      {!check ? <p className="muted">{t('loading')}</p> : null}
      {check && check.measuredOn === null ? <p className="muted">{t('restCheckNone')}</p> : null}
      {check?.measuredOn ? (
        <p className="muted">{t('restCheckOf', { date: check.measuredOn })}</p>
      ) : null}
      {check?.measuredOn
        ? check.checks.map((c) => (
            <div
              key={c.type}
              className={`rest-check verdict-${c.verdict}`}
              data-type={c.type}
              data-verdict={c.verdict}
            >
              <h4>
                {typeLabel(c.type, lang)}{' '}
                <span className="muted">→ {directionLabel(c.direction, lang)}</span>
                <span className={`rest-verdict ${c.verdict}`}>{verdictLabel(c.verdict, lang)}</span>
              </h4>
              {c.demoCriteria ? <p className="muted">{t('restDemoCriteria')}</p> : null}
              {c.findings.length > 0 ? (
                <table className="small">
                  <thead>
                    <tr>
                      <th>{t('restIndicatorZh')}</th>
                      <th>{t('restThreshold')}</th>
                      <th>{t('restMeasured')}</th>
                      <th>{t('restFinding')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.findings.map((f, i) => (
                      <tr key={i} data-indicator={f.indicator} data-status={f.status}>
                        <td>{f.indicator}</td>
                        <td>{thresholdText(f.operator, f.threshold, f.thresholdHigh, f.unit)}</td>
                        <td>{f.measured ? `${f.measured.value} ${f.measured.unit}` : '—'}</td>
                        <td className={f.status === 'met' ? 'ok' : 'error'}>
                          <strong>{findingLabel(f.status, lang)}</strong>
                          <div className="finding-text">{pick(f.messageZh, f.messageEn)}</div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              {c.notAssessed.length > 0 ? (
                <p className="muted">
                  {t('restNotAssessed')}：
                  {c.notAssessed.map((v) => `${v.indicator} ${v.value} ${v.unit}`).join('；')}
                </p>
              ) : null}
            </div>
          ))
        : null}
    </section>
  );
}
