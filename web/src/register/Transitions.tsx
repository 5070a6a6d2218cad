// The lifecycle transitions a record allows in its state, each with its reason codes, the
// date it happened and a reason; extension and reassignment ask for what they need.
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/http.ts';
import type { RecordView } from '../api/types.ts';
import { todayInShanghai, useI18n } from '../i18n/i18n.tsx';
import { actionLabel, transitions } from './labels.ts';
import { ReasonField } from './parts.tsx';
import { DateInput } from '../app/DateInput.tsx';

export function Transitions({ record, onDone }: { record: RecordView; onDone: () => void }) {
  const { t, lang, pick } = useI18n();
  const [action, setAction] = useState<string | null>(null);
  const [reasonCode, setReasonCode] = useState('');
  const [occurredOn, setOccurredOn] = useState(todayInShanghai());
  const [reason, setReason] = useState('');
  const [extension, setExtension] = useState({
    approvalNumber: '',
    approvedOn: todayInShanghai(),
    newTermEnd: '',
  });
  const [projectName, setProjectName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Write-offs go through the dossier, acceptance through the reclamation acceptance workflow.
  const actions = record.availableActions.filter((a) => a !== 'write_off' && a !== 'accept');

  if (actions.length === 0) return <p className="muted">{t('noTransitions')}</p>;

  const choose = (a: string) => {
    setAction(a);
    setReasonCode(transitions[a as keyof typeof transitions].reasons[0] ?? '');
    setReason('');
    setError(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!action) return;
    setBusy(true);
    api(`/api/register/records/${record.id}/transitions`, {
      method: 'POST',
      body: {
        version: record.version,
        action,
        reasonCode,
        occurredOn,
        reason,
        ...(action === 'extend' ? { extension } : {}),
        ...(action === 'reassign' ? { project: { name: projectName } } : {}),
      },
    })
      .then(() => {
        setAction(null);
        onDone();
      })
      .catch((e: unknown) => {
        setError(
          e instanceof ApiError
            ? [
                pick(e.messageZh, e.message),
                ...e.problems.slice(1).map((p) => pick(p.messageZh, p.messageEn)),
              ].join('；')
            : String(e),
        );
      })
      .finally(() => setBusy(false));
  };

  return (
    <div className="transitions">
      <div className="buttons">
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            className={a === action ? 'active' : ''}
            onClick={() => choose(a)}
          >
            {actionLabel(a, lang)}
          </button>
        ))}
      </div>
      {action ? (
        <form onSubmit={submit} className="form">
          <label>
            {t('reasonCode')}
            <select value={reasonCode} onChange={(e) => setReasonCode(e.target.value)}>
              {transitions[action as keyof typeof transitions].reasons.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
          <label>
            {t('occurredOn')}
            <DateInput name="occurredOn" value={occurredOn} onChange={setOccurredOn} required />
          </label>
          {action === 'extend' ? (
            <>
              <label>
                {t('approvalNumber')}
                <input
                  value={extension.approvalNumber}
                  onChange={(e) => setExtension({ ...extension, approvalNumber: e.target.value })}
                  required
                />
              </label>
              <label>
                {t('approvalDate')}
                <DateInput
                  name="approvedOn"
                  value={extension.approvedOn}
                  onChange={(approvedOn) => setExtension({ ...extension, approvedOn })}
                  required
                />
              </label>
              <label>
                {t('termEnd')}
                <DateInput
                  name="newTermEnd"
                  value={extension.newTermEnd}
                  onChange={(newTermEnd) => setExtension({ ...extension, newTermEnd })}
                  required
                />
              </label>
            </>
          ) : null}
          {action === 'reassign' ? (
            <label>
              {t('project')}
              <input
                value={projectName}
                onChange={(e) => setProjectName(e.target.value)}
                required
              />
            </label>
          ) : null}
          <ReasonField label={t('reason')} value={reason} onChange={setReason} />
          {error ? <p className="error">{error}</p> : null}
          <div className="buttons">
            <button type="submit" disabled={busy}>
              {t('apply')}
            </button>
            <button type="button" className="link" onClick={() => setAction(null)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
