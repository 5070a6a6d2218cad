// One parcel: its details, areas computed against declared, rule findings, the allowed
// lifecycle transitions, the reclamation deadline once the term is over, attachments with a
// photo gallery, and its history as a timeline with comparisons. The map zooms to it.
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api/http.ts';
import type { Attachment, HistoryVersion, RecordView } from '../api/types.ts';
import { formatNumber, useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import { AttachmentsSection } from './AttachmentsSection.tsx';
import { Countdown } from './countdown.tsx';
import { HistoryTimeline } from './HistoryTimeline.tsx';
import { stateLabel, labelOfUse } from './labels.ts';
import { BreakdownTable, FindingList } from './parts.tsx';
import { Transitions } from './Transitions.tsx';
import { RecordObligationLink } from '../reclamation/RecordObligationLink.tsx';

export function ParcelPage({ id }: { id: string }) {
  const { t, lang, pick } = useI18n();
  const { focusOn, select, setOverlay, reloadTiles } = useMapControls();
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
      {record.reclamationDeadline && ['expired', 'reclaiming'].includes(record.state) ? (
        <ReclamationDeadline deadline={record.reclamationDeadline} />
      ) : null}
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
        <h3>{t('reclSectionOnParcel')}</h3>
        <RecordObligationLink record={record} />
      </section>
      <section>
        <h3>{t('transitions')}</h3>
        <Transitions
          record={record}
          onDone={() => {
            load();
            reloadTiles(); // the parcel's colour follows its new state
          }}
        />
      </section>
      <section>
        <h3>{t('attachments')}</h3>
        <AttachmentsSection recordId={record.id} attachments={attachments} onUploaded={load} />
      </section>
      <section>
        <h3>{t('history')}</h3>
        <HistoryTimeline versions={history} />
      </section>
    </div>
  );
}

/** TL-RECL-01/03: the working days left to reclaim the land once its term is over. */
function ReclamationDeadline({
  deadline,
}: {
  deadline: NonNullable<RecordView['reclamationDeadline']>;
}) {
  const { t } = useI18n();
  const note = deadline.extensionIgnored
    ? t('reclamationExtensionIgnored')
    : deadline.deadline !== deadline.statutory
      ? t('reclamationExtended')
      : t('reclamationDeadlineNote');
  return (
    <p className="reclamation-deadline" data-testid="reclamation-deadline">
      {t('reclamationDeadline')} {deadline.deadline} <Countdown deadline={deadline.deadline} />
      <br />
      <small className="muted">{note}</small>
    </p>
  );
}
