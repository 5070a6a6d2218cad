// After a pass: the acceptance notice on the public board (its window of at least 30 days, a
// link to the public page), the objections filed on it with their answers (and the form to
// answer one), and the land-class change event recorded for the land-change survey.
import { useState, type FormEvent } from 'react';
import { api, query } from '../api/http.ts';
import { Link } from '../app/router.tsx';
import { formatNumber, useI18n } from '../i18n/i18n.tsx';
import { ReasonField } from '../register/parts.tsx';
import { isGovernment, useSession } from '../auth/session.tsx';
import { useApi } from '../supervision/use-api.ts';
import { LandClassTable } from './LandClassTable.tsx';
import type { Acceptance, LandClassChange, Notice, Objection, Page } from './types.ts';
import { FormButtons, TextField } from './fields.tsx';
import { useAction } from './use-action.ts';

export function AcceptanceResult(props: { acceptance: Acceptance; canAnswer: boolean }) {
  const { t, pick } = useI18n();
  const a = props.acceptance;
  const session = useSession();
  // Objections and the land-change survey are the bureau's: the land user's account sees the notice.
  const official = isGovernment(session.state);
  const notice = useApi<Notice>(a.noticeId ? `/api/notices/${a.noticeId}` : null);
  const objections = useApi<Page<Objection>>(
    official && a.noticeId
      ? `/api/notices/objections${query({ noticeId: a.noticeId, limit: 100 })}`
      : null,
  );
  const changes = useApi<Page<LandClassChange>>(
    official
      ? `/api/reclamation/land-class-changes${query({ recordId: a.recordId, limit: 10 })}`
      : null,
  );
  const n = notice.data;
  const change = changes.data?.items.find((c) => c.acceptanceId === a.id);
  return (
    <>
      <div data-testid="acceptance-notice">
        <h5>{t('reclNoticeTitle')}</h5>
        {n ? (
          <p>
            <Link to={`/notices/${n.id}`}>{pick(n.title.zh, n.title.en ?? n.title.zh)}</Link>
            {n.window ? (
              <>
                <br />
                <small className="muted">
                  {t('reclNoticeWindow', {
                    from: n.window.publishedOn,
                    to: n.window.endsOn,
                    n: n.window.length,
                  })}
                </small>
              </>
            ) : null}
          </p>
        ) : (
          <p className="muted">{notice.error ?? t('loading')}</p>
        )}
        {official ? <h5>{t('reclObjections')}</h5> : null}
        {official && objections.data?.items.length === 0 ? (
          <p className="muted">{t('reclNoObjections')}</p>
        ) : null}
        <ul className="objections" data-testid="objections">
          {objections.data?.items.map((o) => (
            <li key={o.id} data-status={o.status}>
              <p>
                <span className="chip">{t(`reclObjection_${o.status}`)}</span>{' '}
                <span className="muted small">
                  {o.receiptHint} · {o.receivedOn} ·{' '}
                  {t('reclAnswerDue', { d: o.answerDeadline.dueOn })}
                </span>
              </p>
              <blockquote>{o.body}</blockquote>
              {o.answer ? (
                <p className="ok" data-testid="objection-answer">
                  {t('reclAnswer')}: {o.answer}
                </p>
              ) : props.canAnswer ? (
                <AnswerForm objection={o} onDone={objections.reload} />
              ) : null}
            </li>
          ))}
        </ul>
      </div>
      {official ? (
        <div data-testid="land-class-change">
          <h5>{t('reclLandClassChange')}</h5>
          {change ? (
            <>
              <p className="small">{t('reclChangeOn', { d: change.occurredOn })}</p>
              <LandClassTable
                className="small compare"
                heads={[t('reclBefore'), t('reclAfter')]}
                cellClasses={['before', 'after']}
                cells={(k) => [formatNumber(change.beforeM2[k]), formatNumber(change.afterM2[k])]}
              />
            </>
          ) : (
            <p className="muted">{changes.error ?? t('loading')}</p>
          )}
        </div>
      ) : null}
    </>
  );
}

function AnswerForm({ objection, onDone }: { objection: Objection; onDone: () => void }) {
  const { t } = useI18n();
  const [answer, setAnswer] = useState('');
  const [reason, setReason] = useState('');
  const action = useAction(onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(() =>
      api(`/api/notices/objections/${objection.id}/actions`, {
        method: 'POST',
        body: { action: 'answer', version: objection.version, answer, reason },
      }),
    );
  };
  return (
    <form className="form" onSubmit={submit} data-testid="answer-form">
      <TextField
        long
        name="answer"
        label={t('reclAnswer')}
        value={answer}
        onChange={setAnswer}
        required
      />
      <ReasonField label={t('reason')} value={reason} onChange={setReason} />
      <FormButtons error={action.error} busy={action.busy} submit={t('reclSendAnswer')} />
    </form>
  );
}
