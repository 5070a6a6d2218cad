// The panel's verdict, recorded by one of its members. Pass: the written confirmation (number
// and date); the server then marks the record accepted, publishes the acceptance notice and
// records the land-class change. Fail: the rectification items, one a line, and their deadline.
import { useState, type FormEvent } from 'react';
import { api } from '../api/http.ts';
import { todayInShanghai, useI18n } from '../i18n/i18n.tsx';
import { ReasonField } from '../register/parts.tsx';
import type { Acceptance } from './types.ts';
import { useAction } from './use-action.ts';

export function VerdictForm(props: { acceptance: Acceptance; onDone: () => void }) {
  const { t } = useI18n();
  const today = todayInShanghai();
  const [verdict, setVerdict] = useState<'pass' | 'fail'>('pass');
  const [decidedOn, setDecidedOn] = useState(today);
  const [confirmationNumber, setConfirmationNumber] = useState('');
  const [confirmationDate, setConfirmationDate] = useState(today);
  const [items, setItems] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const action = useAction(props.onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const outcome =
      verdict === 'pass'
        ? { confirmationNumber, confirmationDate }
        : {
            rectificationItems: items
              .split('\n')
              .map((i) => i.trim())
              .filter(Boolean),
            rectificationDueOn: dueOn,
          };
    void action.run(() =>
      api(`/api/reclamation/acceptances/${props.acceptance.id}/verdict`, {
        method: 'POST',
        body: {
          verdict,
          version: props.acceptance.version,
          decidedOn,
          ...outcome,
          ...(note ? { note } : {}),
          reason,
        },
      }),
    );
  };
  return (
    <form className="form" onSubmit={submit} data-testid="verdict-form">
      <h5>{t('reclVerdict')}</h5>
      <div className="choices">
        <label className="check">
          <input
            type="radio"
            name="verdict"
            value="pass"
            checked={verdict === 'pass'}
            onChange={() => setVerdict('pass')}
          />{' '}
          {t('reclPass')}
        </label>
        <label className="check">
          <input
            type="radio"
            name="verdict"
            value="fail"
            checked={verdict === 'fail'}
            onChange={() => setVerdict('fail')}
          />{' '}
          {t('reclFail')}
        </label>
      </div>
      <label>
        {t('reclDecidedOn')}
        <input
          type="date"
          name="decidedOn"
          value={decidedOn}
          onChange={(e) => setDecidedOn(e.target.value)}
          required
        />
      </label>
      {verdict === 'pass' ? (
        <>
          <label>
            {t('reclConfirmationNumber')}
            <input
              name="confirmationNumber"
              value={confirmationNumber}
              onChange={(e) => setConfirmationNumber(e.target.value)}
              required
            />
          </label>
          <label>
            {t('reclConfirmationDate')}
            <input
              type="date"
              name="confirmationDate"
              value={confirmationDate}
              onChange={(e) => setConfirmationDate(e.target.value)}
              required
            />
          </label>
        </>
      ) : (
        <>
          <label>
            {t('reclItems')}
            <textarea
              name="rectificationItems"
              value={items}
              onChange={(e) => setItems(e.target.value)}
              required
            />
          </label>
          <label>
            {t('reclRectifyBy')}
            <input
              type="date"
              name="rectificationDueOn"
              value={dueOn}
              onChange={(e) => setDueOn(e.target.value)}
              required
            />
          </label>
        </>
      )}
      <label>
        {t('reclVerdictNote')}
        <textarea name="note" value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <ReasonField label={t('reason')} value={reason} onChange={setReason} />
      {action.error ? <p className="error">{action.error}</p> : null}
      <div className="buttons">
        <button type="submit" disabled={action.busy}>
          {t('reclRecordVerdict')}
        </button>
      </div>
    </form>
  );
}
