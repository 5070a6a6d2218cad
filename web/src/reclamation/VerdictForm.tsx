// The panel's verdict, recorded by one of its members. Pass: the written confirmation (number
// and date); the server then marks the record accepted, publishes the acceptance notice and
// records the land-class change. Fail: the rectification items, one a line, and their deadline.
import { useState, type FormEvent } from 'react';
import { api } from '../api/http.ts';
import { todayInShanghai, useI18n } from '../i18n/i18n.tsx';
import { ReasonField } from '../register/parts.tsx';
import type { Acceptance } from './types.ts';
import { DateField, FormButtons, TextField } from './fields.tsx';
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
      <DateField
        name="decidedOn"
        label={t('reclDecidedOn')}
        value={decidedOn}
        onChange={setDecidedOn}
      />
      {verdict === 'pass' ? (
        <>
          <TextField
            name="confirmationNumber"
            label={t('reclConfirmationNumber')}
            value={confirmationNumber}
            onChange={setConfirmationNumber}
            required
          />
          <DateField
            name="confirmationDate"
            label={t('reclConfirmationDate')}
            value={confirmationDate}
            onChange={setConfirmationDate}
          />
        </>
      ) : (
        <>
          <TextField
            long
            name="rectificationItems"
            label={t('reclItems')}
            value={items}
            onChange={setItems}
            required
          />
          <DateField
            name="rectificationDueOn"
            label={t('reclRectifyBy')}
            value={dueOn}
            onChange={setDueOn}
          />
        </>
      )}
      <TextField long name="note" label={t('reclVerdictNote')} value={note} onChange={setNote} />
      <ReasonField label={t('reason')} value={reason} onChange={setReason} />
      <FormButtons error={action.error} busy={action.busy} submit={t('reclRecordVerdict')} />
    </form>
  );
}
