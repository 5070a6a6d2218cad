// A project's moves through its life (start, complete, reopen, accept: those its state allows,
// each with the day and a reason) and the form adding a funding line (source, amount, year).
import { useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../api/http.ts';
import { todayInShanghai, useI18n } from '../i18n/i18n.tsx';
import { ReasonField } from '../register/parts.tsx';
import {
  projectActions,
  projectMachine,
  type ProjectAction,
} from '../../../src/restoration/domain/project-lifecycle.ts';
import { fundingLabel, fundingSources } from './labels.ts';
import { FailureBox, failureOf, numberOf, type Failure } from './parts.tsx';
import { DateInput } from '../app/DateInput.tsx';

/** A form's submission: saving while the call runs, the server's refusal kept to show. */
function useSubmit(onDone: () => void) {
  const { pick } = useI18n();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saving, setSaving] = useState(false);
  const run = async (call: () => Promise<unknown>): Promise<boolean> => {
    setSaving(true);
    setFailure(null);
    try {
      await call();
      onDone();
      return true;
    } catch (e) {
      setFailure(failureOf(e, pick));
      return false;
    } finally {
      setSaving(false);
    }
  };
  return { failure, saving, run };
}

function FormEnd(props: { failure: Failure | null; saving: boolean; submit: ReactNode }) {
  return (
    <>
      <FailureBox failure={props.failure} />
      <button type="submit" disabled={props.saving}>
        {props.submit}
      </button>
    </>
  );
}

export function ProjectActions(props: {
  projectId: string;
  state: string;
  version: number;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [action, setAction] = useState<ProjectAction | null>(null);
  const [occurredOn, setOccurredOn] = useState(todayInShanghai());
  const [reason, setReason] = useState('');
  const submit = useSubmit(props.onDone);
  const allowed = projectActions.filter((a) =>
    (projectMachine[a].from as readonly string[]).includes(props.state),
  );
  if (allowed.length === 0) return null;
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (!action) return;
    void submit
      .run(() =>
        api(`/api/restoration/projects/${props.projectId}/actions`, {
          method: 'POST',
          body: { action, version: props.version, occurredOn, reason },
        }),
      )
      .then((ok) => {
        if (ok) {
          setAction(null);
          setReason('');
        }
      });
  };
  return (
    <div className="transitions" data-testid="project-actions">
      <div className="buttons">
        {allowed.map((a) => (
          <button
            key={a}
            type="button"
            className={a === action ? 'active' : ''}
            data-action={a}
            onClick={() => setAction(a)}
          >
            {t(`restAction_${a}`)}
          </button>
        ))}
      </div>
      {action ? (
        <form className="form rest-form" onSubmit={send} data-testid="project-action-form">
          <label>
            {t('restActionOn')}
            <DateInput name="occurredOn" value={occurredOn} required onChange={setOccurredOn} />
          </label>
          <ReasonField label={t('reason')} value={reason} onChange={setReason} />
          <FormEnd
            failure={submit.failure}
            saving={submit.saving}
            submit={t(`restAction_${action}`)}
          />
        </form>
      ) : null}
    </div>
  );
}

export function FundingForm(props: { projectId: string; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [source, setSource] = useState<string>(fundingSources[0]);
  const [amountWan, setAmountWan] = useState('');
  const [year, setYear] = useState(todayInShanghai().slice(0, 4));
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const submit = useSubmit(props.onDone);
  const send = (e: FormEvent) => {
    e.preventDefault();
    const wan = numberOf(amountWan);
    void submit
      .run(() =>
        api(`/api/restoration/projects/${props.projectId}/funding`, {
          method: 'POST',
          body: {
            source,
            // Entered in 万元 as the table shows it; the API keeps yuan with two decimals.
            amountYuan: wan === null ? 0 : Math.round(wan * 10_000 * 100) / 100,
            year: Number(year),
            note: note.trim() === '' ? null : note.trim(),
            reason,
          },
        }),
      )
      .then((ok) => {
        if (ok) {
          setAmountWan('');
          setNote('');
          setReason('');
        }
      });
  };
  return (
    <form className="form rest-form" onSubmit={send} data-testid="funding-form">
      <h4>{t('restAddFunding')}</h4>
      <label>
        {t('restFundingSource')}
        <select name="source" value={source} onChange={(e) => setSource(e.target.value)}>
          {fundingSources.map((s) => (
            <option key={s} value={s}>
              {fundingLabel(s, lang)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('restAmountWan')}
        <input
          type="number"
          name="amountWan"
          min="0"
          step="any"
          value={amountWan}
          required
          onChange={(e) => setAmountWan(e.target.value)}
        />
      </label>
      <label>
        {t('restYear')}
        <input
          type="number"
          name="year"
          min="1980"
          max="2100"
          value={year}
          required
          onChange={(e) => setYear(e.target.value)}
        />
      </label>
      <label>
        {t('restFundingNote')}
        <input name="note" value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <ReasonField label={t('reason')} value={reason} onChange={setReason} />
      <FormEnd failure={submit.failure} saving={submit.saving} submit={t('restAddFunding')} />
    </form>
  );
}
