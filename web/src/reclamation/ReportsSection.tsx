// Progress reports with their photos (the server checks each photo's type by content), newest
// first, and the form that adds one with a photo upload.
import { useState, type FormEvent } from 'react';
import { api, fileToBase64 } from '../api/http.ts';
import { todayInShanghai, useI18n } from '../i18n/i18n.tsx';
import { ReasonField } from '../register/parts.tsx';
import type { Obligation } from './types.ts';
import { DateField, FormButtons, TextField } from './fields.tsx';
import { useAction } from './use-action.ts';

const photoUrl = (id: string) => `/api/reclamation/photos/${id}/content`;

export function ReportsSection(props: {
  obligation: Obligation;
  canWrite: boolean;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const reports = [...props.obligation.reports].reverse();
  return (
    <>
      {reports.length === 0 ? <p className="muted">{t('reclNoReports')}</p> : null}
      <ul className="reports" data-testid="reports">
        {reports.map((r) => (
          <li key={r.id} data-testid="report">
            <div>
              <strong className="date">{r.reportedOn}</strong>{' '}
              <span className="chip">{t('reclPercent', { n: r.percentComplete })}</span>
            </div>
            <progress max={100} value={r.percentComplete} />
            <p>{r.summary}</p>
            {r.photos.length > 0 ? (
              <ul className="gallery">
                {r.photos.map((p) => (
                  <li key={p.id}>
                    <a href={photoUrl(p.id)} target="_blank" rel="noreferrer" className="thumb">
                      <img src={photoUrl(p.id)} alt={p.fileName} loading="lazy" />
                    </a>
                    <span className="muted small">{p.fileName}</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      {props.canWrite ? (
        <ReportForm obligationId={props.obligation.id} onDone={props.onDone} />
      ) : null}
    </>
  );
}

function ReportForm({ obligationId, onDone }: { obligationId: string; onDone: () => void }) {
  const { t } = useI18n();
  const [reportedOn, setReportedOn] = useState(todayInShanghai());
  const [percent, setPercent] = useState('');
  const [summary, setSummary] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [reason, setReason] = useState('');
  const [formKey, setFormKey] = useState(0);
  const action = useAction(onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action
      .run(async () => {
        const photos = [];
        for (const f of files) photos.push({ name: f.name, contentBase64: await fileToBase64(f) });
        await api(`/api/reclamation/obligations/${obligationId}/reports`, {
          method: 'POST',
          body: { reportedOn, percentComplete: Number(percent), summary, photos, reason },
        });
      })
      .then((ok) => {
        if (!ok) return;
        setSummary('');
        setPercent('');
        setFiles([]);
        setReason('');
        setFormKey((k) => k + 1);
      });
  };
  return (
    <form key={formKey} className="form" onSubmit={submit} data-testid="report-form">
      <h4>{t('reclAddReport')}</h4>
      <DateField
        name="reportedOn"
        label={t('reclReportedOn')}
        value={reportedOn}
        onChange={setReportedOn}
      />
      <label>
        {t('reclPercentComplete')}
        <input
          type="number"
          name="percentComplete"
          min={0}
          max={100}
          value={percent}
          onChange={(e) => setPercent(e.target.value)}
          required
        />
      </label>
      <TextField
        long
        name="summary"
        label={t('reclReportSummary')}
        value={summary}
        onChange={setSummary}
        required
      />
      <label>
        {t('reclReportPhotos')}
        <input
          type="file"
          name="photos"
          accept="image/jpeg,image/png,image/webp"
          multiple
          onChange={(e) => setFiles([...(e.target.files ?? [])])}
        />
      </label>
      <ReasonField label={t('reason')} value={reason} onChange={setReason} />
      <FormButtons error={action.error} busy={action.busy} submit={t('reclAddReport')} />
    </form>
  );
}
