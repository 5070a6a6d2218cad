// Anyone with a receipt number sees the status of that one objection and the bureau's
// answer; nothing else (POST /api/notices/objections/lookup, rate-limited, the receipt in the
// body so that it stays out of access logs).
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/http.ts';
import { Link } from '../app/router.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { lastReceipt } from './last-receipt.ts';
import type { ReceiptView } from './types.ts';
import './public.css';

const statusKey: Record<ReceiptView['status'], MessageKey> = {
  received: 'statusReceived',
  assigned: 'statusAssigned',
  answered: 'statusAnswered',
  closed: 'statusClosed',
};

export function ReceiptLookup() {
  const { t, lang, pick } = useI18n();
  const [receipt, setReceipt] = useState(() => lastReceipt.get() ?? '');
  const [found, setFound] = useState<ReceiptView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setFound(null);
    if (receipt.trim() === '') return setError(t('lookupEmpty'));
    setBusy(true);
    try {
      setFound(
        await api<ReceiptView>('/api/notices/objections/lookup', {
          method: 'POST',
          body: { receipt: receipt.trim() },
        }),
      );
    } catch (e) {
      setError(e instanceof ApiError ? pick(e.messageZh, e.message) : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="panel-body public-page" data-testid="receipt-lookup">
      <h2>{t('lookupTitle')}</h2>
      <p className="muted small">{t('lookupHint')}</p>
      <form className="lookup-form" onSubmit={(e) => void submit(e)}>
        <input
          name="receipt"
          value={receipt}
          onChange={(e) => setReceipt(e.target.value)}
          placeholder="PN261204-7K3M-QX9T-2B4H"
          aria-label={t('receiptNumber')}
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
        />
        <button type="submit" disabled={busy}>
          {t('lookupButton')}
        </button>
      </form>
      {error ? (
        <p className="error" role="alert" data-testid="lookup-error">
          {error}
        </p>
      ) : null}
      {found ? (
        <div className="receipt-result" data-testid="receipt-result">
          <div className={`status-badge ${found.status}`} data-testid="receipt-status">
            {t(statusKey[found.status])}
          </div>
          {found.overdue ? <div className="error small">{t('overdue')}</div> : null}
          <dl className="notice-facts">
            <dt>{t('receiptNumber')}</dt>
            <dd>
              <code>{found.receipt}</code>
            </dd>
            <dt>{t('aboutNotice')}</dt>
            <dd>
              <Link to={`/notices/${found.noticeId}`}>
                {lang === 'en' && found.noticeTitleEn ? found.noticeTitleEn : found.noticeTitleZh}
              </Link>
            </dd>
            <dt>{t('receivedOn')}</dt>
            <dd>{found.receivedOn}</dd>
            <dt>{t('answerDueOn')}</dt>
            <dd>{found.answerDueOn}</dd>
            <dt>{t('answer')}</dt>
            <dd data-testid="receipt-answer">
              {found.answer ? (
                <>
                  <div className="notice-text">{found.answer}</div>
                  <span className="muted small">
                    {t('answeredOn')} {found.answeredOn ?? '—'}
                  </span>
                </>
              ) : (
                <span className="muted">{t('noAnswerYet')}</span>
              )}
            </dd>
          </dl>
        </div>
      ) : null}
    </div>
  );
}
