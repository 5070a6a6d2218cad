// A published approval as the public reads it (OGC API – Features answers the public with
// published records only; anything else is "not found"), on the map, with the notices about it.
import { useEffect, useState } from 'react';
import { api } from '../api/http.ts';
import { errorText } from './error-text.ts';
import { Link } from '../app/router.tsx';
import { formatNumber, useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import { labelOfUse, stateLabel } from '../register/labels.ts';
import { NoticeWindow, noticeTitle } from './notice-parts.tsx';
import type { ApprovalFeature, PublicNotice } from './types.ts';
import './public.css';

export function ApprovalPage({ id }: { id: string }) {
  const { t, lang, pick } = useI18n();
  const { focusOn, select } = useMapControls();
  const [approval, setApproval] = useState<ApprovalFeature | null>(null);
  const [notices, setNotices] = useState<PublicNotice[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<ApprovalFeature>(`/ogc/collections/temporary-land/items/${encodeURIComponent(id)}`)
      .then(setApproval)
      .catch((e: unknown) => setError(errorText(e, t('approvalNotFound'), pick)));
    api<{ items: PublicNotice[] }>(
      `/api/notices?subjectType=temporary_land&subjectId=${encodeURIComponent(id)}`,
    )
      .then((page) => setNotices(page.items))
      .catch(() => setNotices([]));
  }, [id, t, pick]);

  useEffect(() => {
    if (!approval) return;
    select(String(approval.id));
    if (approval.geometry) focusOn(approval.geometry);
    return () => select(null);
  }, [approval, select, focusOn]);

  if (error) return <div className="panel-body error">{error}</div>;
  if (!approval) return <div className="panel-body muted">{t('loading')}</div>;
  const p = approval.properties;
  const rows: [string, string][] = [
    [t('approvalNumber'), p.approvalNumber ?? '—'],
    [t('approvalBodyLabel'), p.approvalBody ?? '—'],
    [t('approvalDate'), p.approvalDate ?? '—'],
    [t('useType'), labelOfUse(p.useType, lang)],
    [t('state'), stateLabel(p.state ?? '', lang)],
    [t('term'), `${p.termStart ?? '—'} ~ ${p.termEnd ?? '—'}`],
    [t('areaMu'), formatNumber(p.areaMu ?? null)],
    [t('divisionName'), p.divisionCode ?? '—'],
    [t('published'), p.disclosurePublishedOn ?? '—'],
  ];
  return (
    <div className="panel-body public-page" data-testid="approval-page">
      <div className="notice-kind">{t('approvalTitle')}</div>
      <h2>{p.projectName}</h2>
      <dl className="notice-facts">
        {rows.map(([label, value]) => (
          <div key={label} className="fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {notices.length > 0 ? (
        <>
          <h3>{t('relatedNotices')}</h3>
          <ul className="cards">
            {notices.map((n) => (
              <li key={n.id} className="card">
                <Link to={`/notices/${n.id}`}>{noticeTitle(n, lang)}</Link>
                <NoticeWindow notice={n} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
