// One parcel: its details, areas computed against declared, rule findings, the allowed
// lifecycle transitions, attachments and its history as a timeline. The map zooms to it.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/http.ts';
import type { Attachment, HistoryVersion, RecordView } from '../api/types.ts';
import { formatNumber, formatTime, todayInShanghai, useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import { Countdown } from './countdown.tsx';
import { actionLabel, stateLabel, transitions, labelOfUse } from './labels.ts';
import { BreakdownTable, FindingList, ReasonField } from './parts.tsx';

export function ParcelPage({ id }: { id: string }) {
  const { t, lang, pick } = useI18n();
  const { focusOn, select, setOverlay } = useMapControls();
  const [record, setRecord] = useState<RecordView | null>(null);
  const [history, setHistory] = useState<HistoryVersion[]>([]);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    const message = (e: unknown) =>
      setError(e instanceof ApiError ? pick(e.messageZh, e.message) : String(e));
    api<RecordView>(`/api/register/records/${id}`).then(setRecord).catch(message);
    api<{ items: HistoryVersion[] }>(`/api/history/temporary-land/${id}`)
      .then((h) => setHistory([...h.items].reverse()))
      .catch(message);
    api<{ items: Attachment[] }>(`/api/register/records/${id}/attachments`)
      .then((a) => setAttachments(a.items))
      .catch(message);
  }, [id, pick]);

  useEffect(load, [load]);

  useEffect(() => {
    setOverlay(null);
    select(id);
    return () => select(null);
  }, [id, select, setOverlay]);

  useEffect(() => {
    if (record?.geometry) focusOn(record.geometry);
  }, [record, focusOn]);

  if (error)
    return (
      <div className="panel-body">
        <p className="error">{error}</p>
      </div>
    );
  if (!record)
    return (
      <div className="panel-body">
        <p className="muted">{t('loading')}</p>
      </div>
    );

  const details: [string, string][] = [
    [t('systemNumber'), record.systemNumber ?? '—'],
    [t('approvalNumber'), record.approvalNumber ?? '—'],
    [t('approvalDate'), record.approvalDate ?? '—'],
    [t('approvalBody'), record.approvalBody ?? '—'],
    [t('useType'), labelOfUse(record.useType, lang)],
    [t('termStart'), record.termStart ?? '—'],
    [t('termEnd'), record.termEnd ?? '—'],
    [t('owner'), record.projectOwner ?? '—'],
    [t('landUser'), record.landUser ?? '—'],
    [t('division'), record.divisionCode],
    [t('published'), record.disclosurePublishedOn ?? '—'],
    [
      t('area'),
      record.area.m2 === null
        ? '—'
        : `${formatNumber(record.area.m2)} ${t('squareMetres')} · ${formatNumber(record.area.mu)} ${pick('亩', 'mu')} · ${formatNumber(record.area.ha, 4)} ha`,
    ],
  ];

  return (
    <div className="panel-body parcel" data-testid="parcel-page">
      <h2>{record.projectName}</h2>
      <p>
        <span className={`state state-${record.state}`}>{stateLabel(record.state, lang)}</span>{' '}
        {['approved', 'registered', 'in_use'].includes(record.state) ? (
          <Countdown deadline={record.termEnd} />
        ) : null}
      </p>
      <section>
        <h3>{t('details')}</h3>
        <dl className="details">
          {details.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section>
        <h3>{t('breakdown')}</h3>
        <BreakdownTable
          computed={record.computedBreakdown}
          declared={record.declaredBreakdown}
          computedTotal={record.area.m2}
          declaredTotal={record.declaredAreaM2}
        />
      </section>
      <section>
        <h3>
          {t('findings')}{' '}
          <small className="muted">{t('findingsAsOf', { d: record.findingsAsOf })}</small>
        </h3>
        <FindingList findings={record.findings} />
      </section>
      <section>
        <h3>{t('transitions')}</h3>
        <Transitions record={record} onDone={load} />
      </section>
      <section>
        <h3>{t('attachments')}</h3>
        {attachments.length === 0 ? (
          <p className="muted">{t('noAttachments')}</p>
        ) : (
          <ul className="attachments">
            {attachments.map((a) => (
              <li key={a.id} className={a.status === 'withdrawn' ? 'withdrawn' : ''}>
                <a href={`/api/register/attachments/${a.id}/content`}>{a.fileName}</a>{' '}
                <span className="muted small">
                  {a.kind} · {formatNumber(a.sizeBytes / 1024, 1)} KiB ·{' '}
                  {formatTime(a.createdAt, lang)}
                  {a.status === 'withdrawn' ? ` · ${t('withdrawn')}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h3>{t('history')}</h3>
        <ol className="timeline" data-testid="history">
          {history.map((v) => (
            <li key={v.version}>
              <div className="when">
                {formatTime(v.changedAt, lang)} · {t('version', { n: v.version })}
              </div>
              <div>
                <strong>{actionLabel(v.action, lang)}</strong> · {t('by')} {v.changedBy}
              </div>
              <div className="muted">
                {t('reason')}：{v.reason}
              </div>
              {v.changes.length > 0 && v.changes.length <= 12 ? (
                <ul className="changes">
                  {v.changes.map((c) => (
                    <li key={c.field}>
                      <code>{c.field}</code> {shortValue(c.from)} → {shortValue(c.to)}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function shortValue(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function Transitions({ record, onDone }: { record: RecordView; onDone: () => void }) {
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
  const actions = record.availableActions.filter((a) => a !== 'write_off');

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
            <input
              type="date"
              value={occurredOn}
              onChange={(e) => setOccurredOn(e.target.value)}
              required
            />
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
                <input
                  type="date"
                  value={extension.approvedOn}
                  onChange={(e) => setExtension({ ...extension, approvedOn: e.target.value })}
                  required
                />
              </label>
              <label>
                {t('termEnd')}
                <input
                  type="date"
                  value={extension.newTermEnd}
                  onChange={(e) => setExtension({ ...extension, newTermEnd: e.target.value })}
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
