// The objection form of an open notice (PN-01): text of 1–2,000 characters with a counter,
// an optional contact of up to 200, checked here first and then by the server, whose Problem
// JSON (window closed, rate limit, …) is shown in the chosen language. On success the receipt
// number, large, with a copy button and how to use it.
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/http.ts';
import { Link } from '../app/router.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { lastReceipt } from './last-receipt.ts';
import type { FiledObjection } from './types.ts';

/** The server's bounds (POST /api/notices/{id}/objections). */
export const objectionBounds = { body: 2000, contact: 200 } as const;

/** Characters as the server counts them (code points, so an emoji is one). */
export const characterCount = (text: string): number => [...text].length;

export function ObjectionForm({ noticeId }: { noticeId: string }) {
  const { t, pick } = useI18n();
  const [body, setBody] = useState('');
  const [contact, setContact] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [filed, setFiled] = useState<FiledObjection | null>(null);

  const bodyLength = characterCount(body);
  const contactLength = characterCount(contact.trim());

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (body.trim() === '') return setError(t('objectionEmpty'));
    if (bodyLength > objectionBounds.body)
      return setError(t('objectionTooLong', { max: objectionBounds.body, n: bodyLength }));
    if (contactLength > objectionBounds.contact)
      return setError(t('contactTooLong', { max: objectionBounds.contact, n: contactLength }));
    setSending(true);
    try {
      const result = await api<FiledObjection>(`/api/notices/${noticeId}/objections`, {
        method: 'POST',
        body: { body, ...(contact.trim() ? { contact: contact.trim() } : {}) },
      });
      lastReceipt.set(result.receipt);
      setFiled(result);
      setBody('');
      setContact('');
    } catch (e) {
      if (e instanceof ApiError) {
        // A schema refusal names the field; the rest say what happened in both languages.
        const problem = e.code === 'REQUEST_INVALID' ? e.problems[0] : undefined;
        setError(
          problem ? pick(problem.messageZh, problem.messageEn) : pick(e.messageZh, e.message),
        );
      } else setError(String(e));
    } finally {
      setSending(false);
    }
  }

  if (filed) return <ReceiptBox filed={filed} onAnother={() => setFiled(null)} />;

  return (
    <form className="objection-form" onSubmit={(e) => void submit(e)} data-testid="objection-form">
      <h3>{t('objectionTitle')}</h3>
      <p className="muted small">{t('objectionHint')}</p>
      <label>
        {t('objectionBody')}
        <textarea
          name="body"
          rows={6}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={bodyLength > objectionBounds.body}
        />
      </label>
      <span
        className={`counter ${bodyLength > objectionBounds.body ? 'over' : ''}`}
        data-testid="body-counter"
      >
        {t('characters', { n: bodyLength, max: objectionBounds.body })}
      </span>
      <label>
        {t('objectionContact')}
        <input
          name="contact"
          value={contact}
          onChange={(e) => setContact(e.target.value)}
          autoComplete="tel"
        />
      </label>
      <span className={`counter ${contactLength > objectionBounds.contact ? 'over' : ''}`}>
        {t('objectionContactHint')}{' '}
        {t('characters', { n: contactLength, max: objectionBounds.contact })}
      </span>
      {error ? (
        <p className="error" role="alert" data-testid="objection-error">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={sending}>
        {sending ? t('objectionSending') : t('objectionSubmit')}
      </button>
    </form>
  );
}

function ReceiptBox({ filed, onAnother }: { filed: FiledObjection; onAnother: () => void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(filed.receipt);
      setCopied('yes');
    } catch {
      // Without the clipboard API (a page over plain HTTP), select the number to copy by hand.
      const range = document.createRange();
      const node = document.querySelector('[data-testid="receipt-number"]');
      if (node) {
        range.selectNodeContents(node);
        window.getSelection()?.removeAllRanges();
        window.getSelection()?.addRange(range);
      }
      setCopied('failed');
    }
  }

  return (
    <div className="receipt-box" data-testid="receipt-box" role="status">
      <h3>{t('receiptTitle')}</h3>
      <div className="muted small">{t('receiptNumber')}</div>
      <div className="receipt-line">
        <code className="receipt-number" data-testid="receipt-number">
          {filed.receipt}
        </code>
        <button type="button" onClick={() => void copy()}>
          {copied === 'yes' ? t('copied') : t('copy')}
        </button>
      </div>
      {copied === 'failed' ? <p className="small error">{t('copyFailed')}</p> : null}
      <p className="small">
        {t('receiptDue', { received: filed.receivedOn, due: filed.answerDueOn })}
      </p>
      <p className="small">{t('receiptHowTo')}</p>
      <div className="actions">
        <Link to="/receipt" className="button">
          {t('goLookup')}
        </Link>
        <button type="button" className="link" onClick={onAnother}>
          {t('anotherObjection')}
        </button>
      </div>
    </div>
  );
}
