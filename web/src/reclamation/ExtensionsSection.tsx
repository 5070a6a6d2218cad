// Extensions of the reclamation deadline for climate or disaster (TL-RECL-03): those granted,
// and the application form. The server refuses one applied for after the deadline passed; the
// refusal is shown as it words it.
import { useState, type FormEvent } from 'react';
import { api } from '../api/http.ts';
import { todayInShanghai, useI18n } from '../i18n/i18n.tsx';
import { ReasonField } from '../register/parts.tsx';
import type { Obligation } from './types.ts';
import { DateField, FormButtons, TextField } from './fields.tsx';
import { useAction } from './use-action.ts';

export function ExtensionsSection(props: {
  obligation: Obligation;
  canWrite: boolean;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { obligation: o } = props;
  return (
    <>
      {o.extensions.length === 0 ? (
        <p className="muted">{t('reclNoExtensions')}</p>
      ) : (
        <table className="small" data-testid="extensions">
          <thead>
            <tr>
              <th>{t('reclCause')}</th>
              <th>{t('reclAppliedOn')}</th>
              <th>{t('reclDeadlineChange')}</th>
              <th>{t('reclApprovalNumber')}</th>
            </tr>
          </thead>
          <tbody>
            {o.extensions.map((e) => (
              <tr key={e.id}>
                <td>
                  {t(`reclCause_${e.cause}`)}
                  <div className="muted small">{e.statement}</div>
                </td>
                <td className="date">{e.appliedOn}</td>
                <td className="date">
                  {e.previousDeadline} → {e.newDeadline}
                </td>
                <td>{e.approvalNumber ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.canWrite ? <ExtensionForm obligationId={o.id} onDone={props.onDone} /> : null}
    </>
  );
}

function ExtensionForm({ obligationId, onDone }: { obligationId: string; onDone: () => void }) {
  const { t } = useI18n();
  const today = todayInShanghai();
  const [cause, setCause] = useState<'climate' | 'disaster'>('disaster');
  const [appliedOn, setAppliedOn] = useState(today);
  const [approvedOn, setApprovedOn] = useState(today);
  const [newDeadline, setNewDeadline] = useState('');
  const [approvalNumber, setApprovalNumber] = useState('');
  const [statement, setStatement] = useState('');
  const [reason, setReason] = useState('');
  const [opened, setOpened] = useState(false);
  const action = useAction(onDone);
  if (!opened)
    return (
      <button type="button" onClick={() => setOpened(true)} data-testid="extension-open">
        {t('reclApplyExtension')}
      </button>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action
      .run(() =>
        api(`/api/reclamation/obligations/${obligationId}/extensions`, {
          method: 'POST',
          body: {
            cause,
            appliedOn,
            approvedOn,
            newDeadline,
            ...(approvalNumber ? { approvalNumber } : {}),
            statement,
            reason,
          },
        }),
      )
      .then((ok) => ok && setOpened(false));
  };
  return (
    <form className="form" onSubmit={submit} data-testid="extension-form">
      <label>
        {t('reclCause')}
        <select
          name="cause"
          value={cause}
          onChange={(e) => setCause(e.target.value as 'climate' | 'disaster')}
        >
          <option value="disaster">{t('reclCause_disaster')}</option>
          <option value="climate">{t('reclCause_climate')}</option>
        </select>
      </label>
      <DateField
        name="appliedOn"
        label={t('reclAppliedOn')}
        value={appliedOn}
        onChange={setAppliedOn}
      />
      <DateField
        name="approvedOn"
        label={t('reclApprovedOn')}
        value={approvedOn}
        onChange={setApprovedOn}
      />
      <DateField
        name="newDeadline"
        label={t('reclNewDeadline')}
        value={newDeadline}
        onChange={setNewDeadline}
      />
      <TextField
        name="approvalNumber"
        label={t('reclApprovalNumber')}
        value={approvalNumber}
        onChange={setApprovalNumber}
      />
      <TextField
        long
        name="statement"
        label={t('reclExtensionStatement')}
        value={statement}
        onChange={setStatement}
        required
      />
      <ReasonField label={t('reason')} value={reason} onChange={setReason} />
      <FormButtons
        error={action.error}
        busy={action.busy}
        submit={t('reclApplyExtension')}
        onCancel={() => setOpened(false)}
      />
    </form>
  );
}
