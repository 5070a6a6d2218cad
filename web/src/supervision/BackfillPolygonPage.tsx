// One back-fill polygon (存量补录, TL-STOCK-01): its class and what decided it, the survey's
// attributes and the evidence, the orders and cases that followed, and a supervisor's review
// (confirm the class or override it with a reason). The map moves to it once.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/http.ts';
import { Link } from '../app/router.tsx';
import { formatNumber, formatTime, useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import { stateLabel } from '../register/labels.ts';
import {
  backfillClasses,
  classColours,
  classLabel,
  groundsLabel,
  orderStatusLabel,
} from './labels.ts';
import { Choice, RequiredText } from './form-parts.tsx';
import type { BackfillPolygon, BackfillPolygonView } from './types.ts';
import { errorText, useApi } from './use-api.ts';

/** The project name as the survey delivered it (项目名称), if it did. */
export function projectNameOf(p: BackfillPolygon): string {
  const name = (p.attributes as Record<string, unknown>)['项目名称'];
  return typeof name === 'string' ? name : '';
}

export function BackfillPolygonPage({
  id,
  back,
  onChanged,
}: {
  id: string;
  back: string;
  /** The class changed: the map recolours. */
  onChanged: () => void;
}) {
  const { t, lang, pick } = useI18n();
  const polygon = useApi<BackfillPolygonView>(`/api/supervision/backfill/polygons/${id}`);
  // The map moves to the polygon once, when its shape arrives (not again after a review).
  const { focusOn } = useMapControls();
  const geometry = polygon.data?.geometry;
  const focused = useRef(false);
  useEffect(() => {
    if (!geometry || focused.current) return;
    focused.current = true;
    focusOn(geometry);
  }, [geometry, focusOn]);
  const [klass, setKlass] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const p = polygon.data;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!p) return;
    setBusy(true);
    setError(null);
    try {
      await api(`/api/supervision/backfill/polygons/${id}/review`, {
        method: 'POST',
        body: { class: klass || p.class, version: p.version, reason },
      });
      setReason('');
      polygon.reload();
      onChanged();
    } catch (e) {
      setError(errorText(e, pick));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="panel-body" data-testid="backfill-polygon">
      <Link to={back}>← {t('backfillTitle')}</Link>
      {polygon.error ? <p className="error">{polygon.error}</p> : null}
      {p ? (
        <>
          <h2>
            {p.surveyCode ?? p.id.slice(0, 8)}{' '}
            <span className="muted small">{projectNameOf(p)}</span>
          </h2>
          <dl className="details">
            <dt>{t('classCol')}</dt>
            <dd className="backfill-class">
              <span className="swatch" style={{ background: classColours[p.class] }} />
              <strong>{p.letter}</strong> {lang === 'zh' ? p.className.zh : p.className.en}
              {p.override ? ` · ${t('overridden')}` : ''}
            </dd>
            <dt>{t('decision')}</dt>
            <dd>
              <code>{p.decision.rule}</code> {pick(p.decision.messageZh, p.decision.messageEn)}
            </dd>
            <dt>{t('areaM2')}</dt>
            <dd>{formatNumber(p.areaM2, 0)}</dd>
            {p.recordId ? (
              <>
                <dt>{t('systemNumber')}</dt>
                <dd>
                  <Link to={`/records/${p.recordId}`}>{p.systemNumber ?? p.recordId}</Link>{' '}
                  <span className="muted">
                    {p.recordState ? stateLabel(p.recordState, lang) : ''}
                  </span>
                </dd>
              </>
            ) : null}
          </dl>
          <h3>{t('evidence')}</h3>
          {p.evidence.length === 0 ? <p className="muted">{t('noEvidence')}</p> : null}
          <ul className="small">
            {Object.entries(p.attributes).map(([k, v]) => (
              <li key={k}>
                {k}: {String(v)}
              </li>
            ))}
            {p.evidence.map((e) => (
              <li key={e.id}>
                {e.kind} → {e.shows} {e.note ?? ''} {e.fileName ?? ''}{' '}
                <span className="muted">{formatTime(String(e.createdAt), lang)}</span>
              </li>
            ))}
          </ul>
          {p.orders.length > 0 ? (
            <>
              <h3>{t('orders')}</h3>
              <ul className="small">
                {p.orders.map((o) => (
                  <li key={o.id} className={o.overdue ? 'error' : ''}>
                    {groundsLabel(o.grounds, lang)} · {t('deadlineCol')} {o.deadline} ·{' '}
                    {orderStatusLabel(o.status, lang)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {p.cases.length > 0 ? (
            <>
              <h3>{t('cases')}</h3>
              <ul className="small">
                {p.cases.map((c) => (
                  <li key={c.id}>{c.status}</li>
                ))}
              </ul>
            </>
          ) : null}
          <h3>{t('reviewTitle')}</h3>
          <form className="form" onSubmit={(e) => void submit(e)} data-testid="backfill-review">
            <Choice
              name="class"
              label={t('newClass')}
              value={klass || p.class}
              onChange={setKlass}
              options={backfillClasses.map((c) => [c, classLabel(c, lang)] as const)}
            />
            <RequiredText name="reason" label={t('reason')} value={reason} onChange={setReason} />
            <button type="submit" disabled={busy}>
              {t('confirm')}
            </button>
          </form>
          {error ? <p className="error">{error}</p> : null}
        </>
      ) : null}
    </div>
  );
}
