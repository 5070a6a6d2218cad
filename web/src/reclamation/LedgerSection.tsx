// The deposit / bank-guarantee ledger (TL-RECL-06): what the plan requires and what is held,
// released or used, the entries with their running balance, guarantee expiry warnings, the
// release once the acceptance passed (or the land was lawfully converted) and other entries.
import { useState, type FormEvent } from 'react';
import { api } from '../api/http.ts';
import { todayInShanghai, useI18n } from '../i18n/i18n.tsx';
import { ReasonField } from '../register/parts.tsx';
import { useApi } from '../supervision/use-api.ts';
import { ledgerKindLabel, yuan } from './labels.ts';
import type { Ledger, Obligation } from './types.ts';
import { DateField, FormButtons } from './fields.tsx';
import { useAction } from './use-action.ts';

export function LedgerSection(props: {
  obligation: Obligation;
  canWrite: boolean;
  onDone: () => void;
}) {
  const { t, lang, pick } = useI18n();
  const o = props.obligation;
  // The ledger's totals follow the obligation: re-read whenever the obligation changed.
  const ledger = useApi<Ledger>(`/api/reclamation/obligations/${o.id}/ledger?v=${o.version}`);
  const l = ledger.data;
  // An entry leaves the obligation's version as it was: re-read the ledger itself too.
  const changed = () => {
    ledger.reload();
    props.onDone();
  };
  const action = useAction(changed);
  const settled = o.status !== 'open';
  const release = () =>
    void action.run(() =>
      api(`/api/reclamation/obligations/${o.id}/ledger`, {
        method: 'POST',
        body: {
          kind: 'release',
          occurredOn: todayInShanghai(),
          reason: pick('验收合格，返还复垦费用', 'acceptance passed: deposit released'),
        },
      }),
    );
  return (
    <div data-testid="ledger">
      {ledger.error ? <p className="error">{ledger.error}</p> : null}
      {l ? (
        <div className="cards totals">
          <div className="card">
            <span className="muted">{t('reclRequired')}</span>
            <strong>{yuan(l.requiredYuan, lang)}</strong>
          </div>
          <div className="card">
            <span className="muted">{t('reclHeld')}</span>
            <strong data-testid="ledger-held">{yuan(l.heldYuan, lang)}</strong>
          </div>
          <div className="card">
            <span className="muted">{t('reclReleased')}</span>
            <strong data-testid="ledger-released">{yuan(l.releasedYuan, lang)}</strong>
          </div>
          <div className="card">
            <span className="muted">{t('reclForfeited')}</span>
            <strong>{yuan(l.forfeitedYuan, lang)}</strong>
          </div>
        </div>
      ) : null}
      {o.shortfallYuan > 0 ? (
        <p className="error">{t('reclShortfall', { v: yuan(o.shortfallYuan, lang) })}</p>
      ) : null}
      {(l?.warnings ?? o.guaranteeWarnings).map((w, i) => (
        <p key={i} className={`finding ${w.severity}`} data-testid="guarantee-warning">
          <code>{w.code}</code> {pick(w.messageZh, w.messageEn)}
        </p>
      ))}
      <table className="small" data-testid="ledger-entries">
        <thead>
          <tr>
            <th>{t('reclOccurredOn')}</th>
            <th>{t('reclEntryKind')}</th>
            <th className="num">{t('reclAmount')}</th>
            <th className="num">{t('reclBalance')}</th>
            <th>{t('reclEntryDetail')}</th>
          </tr>
        </thead>
        <tbody>
          {o.ledger.map((e) => (
            <tr key={e.id} data-kind={e.kind}>
              <td className="date">{e.occurredOn}</td>
              <td>{ledgerKindLabel(e.kind, lang)}</td>
              <td className="num">{yuan(e.amountYuan, lang)}</td>
              <td className="num">{yuan(e.balanceYuan, lang)}</td>
              <td className="small">
                {[
                  e.account,
                  e.bank,
                  e.guaranteeNumber,
                  e.guaranteeExpiresOn ? t('reclExpiresOn', { d: e.guaranteeExpiresOn }) : null,
                  e.note,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.canWrite && settled && (l?.heldYuan ?? 0) > 0 ? (
        <div className="buttons">
          <button
            type="button"
            onClick={release}
            disabled={action.busy}
            data-testid="ledger-release"
          >
            {t('reclRelease', { v: yuan(l?.heldYuan ?? 0, lang) })}
          </button>
        </div>
      ) : null}
      {action.error ? <p className="error">{action.error}</p> : null}
      {props.canWrite && !settled ? <EntryForm obligationId={o.id} onDone={changed} /> : null}
    </div>
  );
}

const entryKinds = ['deposit_paid', 'guarantee_issued', 'top_up', 'forfeit', 'release'] as const;

function EntryForm({ obligationId, onDone }: { obligationId: string; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [opened, setOpened] = useState(false);
  const [kind, setKind] = useState<(typeof entryKinds)[number]>('top_up');
  const [amount, setAmount] = useState('');
  const [occurredOn, setOccurredOn] = useState(todayInShanghai());
  const [account, setAccount] = useState('');
  const [bank, setBank] = useState('');
  const [guaranteeNumber, setGuaranteeNumber] = useState('');
  const [expires, setExpires] = useState('');
  const [reason, setReason] = useState('');
  const action = useAction(onDone);
  if (!opened)
    return (
      <button type="button" onClick={() => setOpened(true)}>
        {t('reclAddEntry')}
      </button>
    );
  const guarantee = kind === 'guarantee_issued';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action
      .run(() =>
        api(`/api/reclamation/obligations/${obligationId}/ledger`, {
          method: 'POST',
          body: {
            kind,
            ...(kind === 'release' ? {} : { amountYuan: Number(amount) }),
            occurredOn,
            ...(account ? { account } : {}),
            ...(guarantee && bank ? { bank } : {}),
            ...(guarantee && guaranteeNumber ? { guaranteeNumber } : {}),
            ...(guarantee && expires ? { guaranteeExpiresOn: expires } : {}),
            reason,
          },
        }),
      )
      .then((ok) => ok && setOpened(false));
  };
  return (
    <form className="form" onSubmit={submit} data-testid="ledger-form">
      <label>
        {t('reclEntryKind')}
        <select
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as (typeof entryKinds)[number])}
        >
          {entryKinds.map((k) => (
            <option key={k} value={k}>
              {ledgerKindLabel(k, lang)}
            </option>
          ))}
        </select>
      </label>
      {kind === 'release' ? null : (
        <label>
          {t('reclAmount')}
          <input
            type="number"
            name="amountYuan"
            min={0.01}
            step={0.01}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            required
          />
        </label>
      )}
      <DateField
        name="occurredOn"
        label={t('reclOccurredOn')}
        value={occurredOn}
        onChange={setOccurredOn}
      />
      <label>
        {t('reclAccount')}
        <input value={account} onChange={(e) => setAccount(e.target.value)} />
      </label>
      {guarantee ? (
        <>
          <label>
            {t('reclBank')}
            <input value={bank} onChange={(e) => setBank(e.target.value)} required />
          </label>
          <label>
            {t('reclGuaranteeNumber')}
            <input
              value={guaranteeNumber}
              onChange={(e) => setGuaranteeNumber(e.target.value)}
              required
            />
          </label>
          <DateField
            name="expires"
            label={t('reclGuaranteeExpires')}
            value={expires}
            onChange={setExpires}
          />
        </>
      ) : null}
      <ReasonField label={t('reason')} value={reason} onChange={setReason} />
      <FormButtons
        error={action.error}
        busy={action.busy}
        submit={t('reclAddEntry')}
        onCancel={() => setOpened(false)}
      />
    </form>
  );
}
