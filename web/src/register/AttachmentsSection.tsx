// A record's attachments: photos as a gallery (thumbnails, and a viewer with previous/next and
// Esc to close), other files as a list, and an upload form. Files go to the server as base64;
// the server checks their type by content, bounds their size and keeps a SHA-256.
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, fileToBase64 } from '../api/http.ts';
import type { Attachment } from '../api/types.ts';
import { formatNumber, formatTime, useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { ReasonField } from './parts.tsx';

const kinds: [string, MessageKey][] = [
  ['photo', 'kindPhoto'],
  ['contract', 'kindContract'],
  ['approval', 'kindApproval'],
  ['plan', 'kindPlan'],
  ['other', 'kindOther'],
];

const contentUrl = (a: Attachment) => `/api/register/attachments/${a.id}/content`;
const isPhoto = (a: Attachment) => a.kind === 'photo' && a.contentType.startsWith('image/');

export function AttachmentsSection(props: {
  recordId: string;
  attachments: Attachment[];
  onUploaded: () => void;
}) {
  const { t, lang } = useI18n();
  const [viewing, setViewing] = useState<number | null>(null);
  const photos = props.attachments.filter((a) => isPhoto(a) && a.status !== 'withdrawn');
  const others = props.attachments.filter((a) => !photos.includes(a));

  return (
    <>
      <h4>{t('photos')}</h4>
      {photos.length === 0 ? (
        <p className="muted">{t('noPhotos')}</p>
      ) : (
        <ul className="gallery" data-testid="gallery">
          {photos.map((a, i) => (
            <li key={a.id}>
              <button
                type="button"
                className="thumb"
                onClick={() => setViewing(i)}
                title={a.fileName}
              >
                <img src={contentUrl(a)} alt={a.fileName} loading="lazy" />
              </button>
              <span className="muted small">{formatTime(a.createdAt, lang)}</span>
            </li>
          ))}
        </ul>
      )}
      <h4>{t('otherFiles')}</h4>
      {others.length === 0 ? (
        <p className="muted">{t('noAttachments')}</p>
      ) : (
        <ul className="attachments">
          {others.map((a) => (
            <li key={a.id} className={a.status === 'withdrawn' ? 'withdrawn' : ''}>
              <a href={contentUrl(a)}>{a.fileName}</a>{' '}
              <span className="muted small">
                {kindLabel(a.kind, t)} · {formatNumber(a.sizeBytes / 1024, 1)} KiB ·{' '}
                {formatTime(a.createdAt, lang)}
                {a.status === 'withdrawn' ? ` · ${t('withdrawn')}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      <UploadForm recordId={props.recordId} onUploaded={props.onUploaded} />
      {viewing !== null && photos[viewing] ? (
        <PhotoViewer photos={photos} index={viewing} onIndex={setViewing} />
      ) : null}
    </>
  );
}

function kindLabel(kind: string, t: (key: MessageKey) => string): string {
  const known = kinds.find(([k]) => k === kind);
  return known ? t(known[1]) : kind;
}

function PhotoViewer(props: {
  photos: Attachment[];
  index: number;
  onIndex: (index: number | null) => void;
}) {
  const { t, lang } = useI18n();
  const { photos, index, onIndex } = props;
  const photo = photos[index]!;
  const step = (by: number) => onIndex((index + by + photos.length) % photos.length);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onIndex(null);
      else if (event.key === 'ArrowLeft') onIndex((index - 1 + photos.length) % photos.length);
      else if (event.key === 'ArrowRight') onIndex((index + 1) % photos.length);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [index, photos.length, onIndex]);

  return (
    <div
      className="viewer"
      role="dialog"
      aria-modal="true"
      aria-label={photo.fileName}
      data-testid="photo-viewer"
      onClick={() => onIndex(null)}
    >
      <figure onClick={(event) => event.stopPropagation()}>
        <img src={contentUrl(photo)} alt={photo.fileName} />
        <figcaption>
          {photo.fileName} · {formatTime(photo.createdAt, lang)} ·{' '}
          {t('photoOf', { i: index + 1, n: photos.length })}
        </figcaption>
        <div className="buttons">
          {photos.length > 1 ? (
            <>
              <button type="button" onClick={() => step(-1)}>
                {t('previousPhoto')}
              </button>
              <button type="button" onClick={() => step(1)}>
                {t('nextPhoto')}
              </button>
            </>
          ) : null}
          <button type="button" className="link" onClick={() => onIndex(null)}>
            {t('closeViewer')}
          </button>
        </div>
      </figure>
    </div>
  );
}

function UploadForm({ recordId, onUploaded }: { recordId: string; onUploaded: () => void }) {
  const { t, pick } = useI18n();
  const [kind, setKind] = useState('photo');
  const [file, setFile] = useState<File | null>(null);
  const [reason, setReason] = useState(() => t('attachmentReasonDefault'));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [inputKey, setInputKey] = useState(0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setMessage(null);
    fileToBase64(file)
      .then((contentBase64) =>
        api(`/api/register/records/${recordId}/attachments`, {
          method: 'POST',
          body: { kind, fileName: file.name, contentBase64, reason },
        }),
      )
      .then(() => {
        setMessage({ error: false, text: t('uploaded', { name: file.name }) });
        setFile(null);
        setInputKey((k) => k + 1);
        onUploaded();
      })
      .catch((e: unknown) =>
        setMessage({
          error: true,
          text: e instanceof ApiError ? pick(e.messageZh, e.message) : String(e),
        }),
      )
      .finally(() => setBusy(false));
  };

  return (
    <form className="form upload" onSubmit={submit} data-testid="attachment-upload">
      <h4>{t('addAttachment')}</h4>
      <label>
        {t('attachmentKind')}
        <select value={kind} onChange={(e) => setKind(e.target.value)}>
          {kinds.map(([k, label]) => (
            <option key={k} value={k}>
              {t(label)}
            </option>
          ))}
        </select>
      </label>
      <input
        key={inputKey}
        type="file"
        accept={kind === 'photo' ? 'image/jpeg,image/png,image/webp' : undefined}
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        required
      />
      <ReasonField label={t('reason')} value={reason} onChange={setReason} />
      {message ? <p className={message.error ? 'error' : 'ok'}>{message.text}</p> : null}
      <div className="buttons">
        <button type="submit" disabled={busy || !file}>
          {busy ? t('uploading') : t('upload')}
        </button>
      </div>
    </form>
  );
}
