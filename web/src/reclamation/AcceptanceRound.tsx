// One acceptance round: who applied and when, the 60-working-day decision deadline as the
// server counts it (on time, near, overdue), the measured indicators checked against the
// acceptance criteria, the joint panel by department, and the verdict — or the form to record it.
import { useSession } from '../auth/session.tsx';
import { formatNumber, useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { AcceptanceResult } from './AcceptanceResult.tsx';
import { departmentLabel, landClassKeys } from './labels.ts';
import { PanelForm } from './PanelForm.tsx';
import type { Acceptance } from './types.ts';
import { VerdictForm } from './VerdictForm.tsx';

export function AcceptanceRound(props: {
  acceptance: Acceptance;
  previousPanel: Acceptance['panel'];
  canWrite: boolean;
  onDone: () => void;
}) {
  const { t, lang } = useI18n();
  const session = useSession();
  const me = session.state.status === 'user' ? session.state.user.id : null;
  const a = props.acceptance;
  const open = a.status === 'applied';
  const onPanel = me !== null && a.panel.some((m) => m.userId === me);
  return (
    <article className={`acceptance-round ${a.status}`} data-testid={`round-${a.round}`}>
      <h4>
        {t('reclRound', { n: a.round })}{' '}
        <span className={`chip acceptance-${a.status}`} data-testid="round-status">
          {t(`reclAcceptance_${a.status}`)}
        </span>
      </h4>
      <p>
        {t('reclAppliedBy', { who: a.applicant, d: a.appliedOn })} · {t(`reclFiledBy_${a.filedBy}`)}
      </p>
      {a.statement ? <p className="muted">{a.statement}</p> : null}
      <p data-testid="decision-due" className={`due due-${a.due.flag}`}>
        {t('reclDecisionDue')} <strong>{a.dueOn}</strong>{' '}
        {a.due.flag === 'decided' ? null : (
          <span
            className={`countdown ${a.due.flag === 'on_time' ? 'ok' : a.due.flag === 'near' ? 'soon' : 'over'}`}
          >
            {a.due.flag === 'overdue'
              ? t('workingDaysOver', { n: a.due.workingDaysOverdue })
              : t('workingDaysLeft', { n: a.due.workingDaysLeft })}
          </span>
        )}
        {a.due.flag === 'near' ? <span className="error"> {t('reclDueNear')}</span> : null}
        {a.due.flag === 'overdue' ? <span className="error"> {t('reclDueOverdue')}</span> : null}
        {a.dueProvisional ? <small className="muted"> {t('provisional')}</small> : null}
      </p>

      <CriteriaChecks acceptance={a} />

      <h5>{t('reclPanel')}</h5>
      {a.panel.length === 0 ? (
        <p className="muted">{t('reclNoPanel')}</p>
      ) : (
        <table className="small" data-testid="panel">
          <tbody>
            {a.panel.map((m, i) => (
              <tr key={i}>
                <td>{departmentLabel(m.department, lang)}</td>
                <td>
                  {m.name}
                  {m.userId ? <span className="chip">{t('reclRecordsVerdict')}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {a.panelMissing.length > 0 ? (
        <p className="error" data-testid="panel-missing">
          {t('reclPanelMissing', {
            d: a.panelMissing
              .map((d) => departmentLabel(d, lang))
              .join(lang === 'zh' ? '、' : ', '),
          })}
        </p>
      ) : null}
      {open && props.canWrite ? (
        <PanelForm
          acceptance={a}
          initial={a.panel.length > 0 ? a.panel : props.previousPanel}
          onDone={props.onDone}
        />
      ) : null}

      {open ? (
        onPanel ? (
          <VerdictForm acceptance={a} onDone={props.onDone} />
        ) : (
          <p className="muted">{t('reclOnlyPanelDecides')}</p>
        )
      ) : null}

      {a.status === 'failed' ? (
        <div data-testid="rectification">
          <h5>{t('reclRectificationItems', { d: a.rectificationDueOn ?? '' })}</h5>
          <ol>
            {(a.rectificationItems ?? []).map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ol>
          {a.verdictNote ? <p className="muted">{a.verdictNote}</p> : null}
        </div>
      ) : null}

      {a.status === 'passed' ? (
        <>
          <p data-testid="confirmation">
            {t('reclConfirmation', {
              n: a.confirmationNumber ?? '',
              d: a.confirmationDate ?? '',
              on: a.decidedOn ?? '',
            })}
          </p>
          {a.reclaimed ? (
            <p className="small muted">
              {t('reclReclaimed')}:{' '}
              {landClassKeys
                .filter((k) => (a.reclaimed?.[k] ?? 0) > 0)
                .map((k) => `${t(k)} ${formatNumber(a.reclaimed?.[k])} ${t('squareMetres')}`)
                .join(' · ')}
            </p>
          ) : null}
          <AcceptanceResult acceptance={a} canAnswer={props.canWrite} />
        </>
      ) : null}
    </article>
  );
}

const directionKeys: Partial<Record<string, MessageKey>> = {
  cultivated: 'reclDirection_cultivated',
  forest: 'reclDirection_forest',
  construction: 'reclDirection_construction',
};

function CriteriaChecks({ acceptance: a }: { acceptance: Acceptance }) {
  const { t, pick } = useI18n();
  if (!a.criteriaRegion) return <p className="muted small">{t('reclNoCriteriaRegion')}</p>;
  return (
    <div data-testid="criteria-checks">
      <h5>{t('reclCriteriaTitle', { r: a.criteriaRegion })}</h5>
      {a.criteriaChecks.length === 0 ? <p className="muted">{t('reclNoCriteria')}</p> : null}
      {a.criteriaChecks.map((c) => (
        <div key={c.direction} className="criteria-check" data-direction={c.direction}>
          <p>
            {directionKeys[c.direction] ? t(directionKeys[c.direction]!) : c.direction}{' '}
            <span className={`chip verdict-${c.verdict}`} data-testid="criteria-verdict">
              {t(`reclCriteria_${c.verdict}`)}
            </span>
            {c.demoCriteria ? <small className="muted"> {t('reclDemoCriteria')}</small> : null}
          </p>
          <ul className="findings">
            {c.findings.map((f, i) => (
              <li
                key={i}
                className={`finding ${f.status === 'met' ? 'info' : f.status === 'not_met' ? 'error' : 'warning'}`}
                data-status={f.status}
              >
                <code>{f.indicator}</code>
                <span className="message">{pick(f.messageZh, f.messageEn)}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
