// One notice as the public reads it: kind, dates, the window left, its text, its place on the
// map, what it is about (a link to the approval when that is public), and the objection form
// while the window is open.
import { useEffect, useState } from 'react';
import { api } from '../api/http.ts';
import { errorText } from './error-text.ts';
import { Link } from '../app/router.tsx';
import { formatTime, useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import { NoticeWindow, noticeTitle } from './notice-parts.tsx';
import { ObjectionForm } from './ObjectionForm.tsx';
import type { ApprovalFeature, PublicNotice } from './types.ts';
import './public.css';

const subjectNames: Record<string, { zh: string; en: string }> = {
  temporary_land: { zh: '临时用地', en: 'Temporary land' },
  reclamation_acceptance: { zh: '土地复垦验收', en: 'Reclamation acceptance' },
  reclamation_plan: { zh: '土地复垦方案', en: 'Reclamation plan' },
  restoration_project: { zh: '生态修复项目', en: 'Restoration project' },
  approval: { zh: '批复', en: 'Approval' },
  other: { zh: '其他', en: 'Other' },
};

export function NoticePage({ id }: { id: string }) {
  const { t, lang, pick } = useI18n();
  const { setOverlay, focusOn, select } = useMapControls();
  const [notice, setNotice] = useState<PublicNotice | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The approval the notice is about, when the public may read it. */
  const [approval, setApproval] = useState<ApprovalFeature | null>(null);

  useEffect(() => {
    api<PublicNotice>(`/api/notices/${encodeURIComponent(id)}`)
      .then(setNotice)
      .catch((e: unknown) => setError(errorText(e, t('noticeNotFound'), pick)));
  }, [id, t, pick]);

  useEffect(() => {
    const subject = notice?.subject;
    if (subject?.type !== 'temporary_land') return;
    // The OGC items answer the public with published approvals only: a 404 means not public.
    api<ApprovalFeature>(`/ogc/collections/temporary-land/items/${subject.id}`)
      .then(setApproval)
      .catch(() => setApproval(null));
  }, [notice]);

  useEffect(() => {
    if (!notice?.place) return;
    setOverlay({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: notice.place, properties: { id: notice.id } }],
    });
    focusOn(notice.place);
    return () => setOverlay(null);
  }, [notice, setOverlay, focusOn]);

  useEffect(() => {
    if (!approval) return;
    select(String(approval.id));
    return () => select(null);
  }, [approval, select]);

  if (error)
    return (
      <div className="panel-body public-page">
        <p className="error">{error}</p>
        <Link to="/notices">{t('backToNotices')}</Link>
      </div>
    );
  if (!notice) return <div className="panel-body muted">{t('loading')}</div>;

  const body = lang === 'en' && notice.body.en ? notice.body.en : notice.body.zh;
  const subjectName = notice.subject ? subjectNames[notice.subject.type] : undefined;
  return (
    <div className="panel-body public-page" data-testid="notice-page">
      <Link to="/notices" className="small">
        {t('backToNotices')}
      </Link>
      <div className="notice-kind">{notice.kind.name[lang]}</div>
      <h2>{noticeTitle(notice, lang)}</h2>
      <p className="muted small">
        {notice.divisionName} · {t('publishedOn')}{' '}
        {notice.publishedAt ? formatTime(notice.publishedAt, lang) : '—'}
      </p>
      <NoticeWindow notice={notice} />
      {notice.window?.provisional ? <p className="muted small">{t('provisionalWindow')}</p> : null}
      <div className="notice-text">{body}</div>
      <dl className="notice-facts">
        <dt>{t('subject')}</dt>
        <dd>
          {!notice.subject ? (
            '—'
          ) : approval ? (
            <Link to={`/approvals/${approval.id}`}>
              {approval.properties.projectName ?? t('subjectLink')}
              {approval.properties.approvalNumber
                ? `（${approval.properties.approvalNumber}）`
                : ''}
            </Link>
          ) : (
            <>
              {subjectName ? subjectName[lang] : notice.subject.type}{' '}
              <span className="muted small">{t('subjectNotPublic')}</span>
            </>
          )}
        </dd>
        <dt>{t('where')}</dt>
        <dd>{notice.place ? t('placeOnMap') : t('noPlace')}</dd>
      </dl>
      {notice.window?.open ? (
        <ObjectionForm noticeId={notice.id} />
      ) : (
        <p className="muted" data-testid="objections-not-taken">
          {t('objectionNotTaken')}
        </p>
      )}
    </div>
  );
}
