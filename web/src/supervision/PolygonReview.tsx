// One change polygon under review: coverage figures and the uncovered area by cause with the
// records involved, and its verification (核查) workflow — assign, field photos, verdict,
// close or reopen — with every step in its history. The server decides who may do what; the
// form offers the actions its state allows and shows the server's refusal when it refuses.
import { useEffect, useState, type FormEvent } from 'react';
import { api, fileToBase64 } from '../api/http.ts';
import { isGovernment, useSession } from '../auth/session.tsx';
import { Link } from '../app/router.tsx';
import { formatNumber, formatTime, useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import {
  causeLabel,
  coverageCauses,
  coverageColour,
  coverageColours,
  findingStatusLabel,
  severityLabel,
  verdictLabel,
  verdicts,
  verificationColours,
  verificationLabel,
} from './labels.ts';
import type { Polygon } from './types.ts';
import { Choice, RequiredText } from './form-parts.tsx';
import { errorText, useApi } from './use-api.ts';

const actionNames: Record<string, [string, string]> = {
  assign: ['指派核查', 'assigned'],
  record_verdict: ['记录结论', 'verdict recorded'],
  close: ['办结', 'closed'],
  reopen: ['退回重查', 'reopened'],
  add_photo: ['上传照片', 'photo added'],
};

export function PolygonReview(props: { id: string; back: string; onChanged: () => void }) {
  const { t, lang, pick } = useI18n();
  const { focusOn } = useMapControls();
  const polygon = useApi<Polygon>(`/api/supervision/enforcement/polygons/${props.id}`);
  const p = polygon.data?.properties;
  const geometry = polygon.data?.geometry;

  useEffect(() => {
    if (geometry) focusOn(geometry);
  }, [geometry, focusOn]);

  const changed = () => {
    polygon.reload();
    props.onChanged();
  };

  return (
    <div className="panel-body" data-testid="polygon-review">
      <Link to={props.back}>{t('backToBatch')}</Link>
      {polygon.error ? <p className="error">{polygon.error}</p> : null}
      {p ? (
        <>
          <h2>
            <span
              className="swatch"
              style={{
                background: coverageColour(
                  p.coverage?.status ?? null,
                  p.coverage?.primaryCause ?? null,
                ),
              }}
            />
            {p.surveyCode ?? p.id.slice(0, 8)}{' '}
            <span className="muted small">
              {p.externalBatchId} · {p.month}
            </span>
          </h2>
          <dl className="details" data-testid="coverage">
            <dt>{t('areaM2')}</dt>
            <dd>
              {formatNumber(p.areaM2, 0)}{' '}
              <span className="muted">
                ({formatNumber(p.areaM2 / (10_000 / 15))} {pick('亩', 'mu')})
              </span>
            </dd>
            {p.coverage ? (
              <>
                <dt>{t('coveredM2')}</dt>
                <dd>
                  {formatNumber(p.coverage.coveredM2, 0)} · {t('coverage')}{' '}
                  <strong className="coverage-share">
                    {formatNumber(p.coverage.coverage * 100, 1)}%
                  </strong>
                </dd>
                <dt>{t('uncoveredByCause')}</dt>
                <dd data-testid="causes">
                  {coverageCauses
                    .filter((c) => (p.coverage?.causes[c].areaM2 ?? 0) > 0)
                    .map((c) => (
                      <div key={c} data-cause={c}>
                        <span className="swatch" style={{ background: coverageColours[c] }} />
                        {causeLabel(c, lang)} {formatNumber(p.coverage?.causes[c].areaM2 ?? 0, 0)}{' '}
                        m²
                      </div>
                    ))}
                  <div className="muted small">
                    {t('tolerance', { n: formatNumber(p.coverage.toleranceM2, 3) })}
                  </div>
                </dd>
              </>
            ) : null}
            {p.changeType ? (
              <>
                <dt>{t('changeType')}</dt>
                <dd>{p.changeType}</dd>
              </>
            ) : null}
            {p.landClassCode ? (
              <>
                <dt>{t('landClass')}</dt>
                <dd>{p.landClassCode}</dd>
              </>
            ) : null}
            {p.finding ? (
              <>
                <dt>{t('finding')}</dt>
                <dd>
                  <code>TL-ENF-01</code> {severityLabel(p.finding.severity, lang)} ·{' '}
                  {findingStatusLabel(p.finding.status, lang)}
                </dd>
              </>
            ) : null}
          </dl>
          {p.records.length > 0 ? (
            <>
              <h3>{t('recordsInvolved')}</h3>
              <ul className="small">
                {p.records.map((r) => (
                  <li key={r.id}>
                    {r.visible ? (
                      <Link to={`/records/${r.id}`}>{r.projectName ?? r.systemNumber ?? r.id}</Link>
                    ) : (
                      <span className="muted">{r.id}</span>
                    )}{' '}
                    <span className="muted">
                      {r.termStart ?? ''} – {r.termEnd ?? ''}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <Verification polygon={polygon.data!} onChanged={changed} />
        </>
      ) : null}
    </div>
  );
}

function Verification({ polygon, onChanged }: { polygon: Polygon; onChanged: () => void }) {
  const { t, lang, pick } = useI18n();
  const session = useSession();
  const state = session.state;
  const me = isGovernment(state) ? state.user : null;
  const p = polygon.properties;
  const v = p.verification;
  const [action, setAction] = useState<string>('');
  const [assigneeId, setAssigneeId] = useState('');
  const [verdict, setVerdict] = useState<string>('illegal');
  const [verdictReason, setVerdictReason] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const officials = useApi<{
    items: { id: string; displayName: string; username: string; role: string; status: string }[];
  }>(me?.isAdmin ? `/api/users?limit=500&covering=${p.divisionCode}` : null);

  const available = {
    assign: v.state === 'pending' || v.state === 'assigned',
    record_verdict: v.state === 'assigned' || v.state === 'verified',
    close: v.state === 'verified',
    reopen: v.state === 'verified' || v.state === 'closed',
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(`/api/supervision/enforcement/polygons/${p.id}/actions`, {
        method: 'POST',
        body: {
          action,
          version: v.version,
          reason,
          ...(action === 'assign' ? { assigneeId: assigneeId || me?.id } : {}),
          ...(action === 'record_verdict' ? { verdict, verdictReason } : {}),
        },
      });
      setAction('');
      setReason('');
      setVerdictReason('');
      onChanged();
    } catch (e) {
      setError(errorText(e, pick));
    } finally {
      setBusy(false);
    }
  };

  const upload = async (file: File | undefined, input: HTMLInputElement) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      await api(`/api/supervision/enforcement/polygons/${p.id}/photos`, {
        method: 'POST',
        body: {
          fileName: file.name,
          contentBase64: await fileToBase64(file),
          reason: reason.trim().length >= 2 ? reason : pick('现场核查照片', 'field photo'),
        },
      });
      input.value = '';
      onChanged();
    } catch (e) {
      setError(errorText(e, pick));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section data-testid="verification">
      <h3>{t('verificationTitle')}</h3>
      <p>
        <span
          className="chip verification-state"
          style={{ background: verificationColours[v.state] ?? '#9e9e9e' }}
        >
          {verificationLabel(v.state, lang)}
        </span>{' '}
        {v.assigneeName ? (
          <span>
            {t('assignee')}: {v.assigneeName}
          </span>
        ) : null}
        {v.verdict ? (
          <span className="verdict">
            {' '}
            · {t('verdict')}: <strong>{verdictLabel(v.verdict, lang)}</strong>
            {v.verdictReason ? ` — ${v.verdictReason}` : ''}
          </span>
        ) : null}
      </p>
      <div className="buttons transitions">
        {(Object.keys(available) as (keyof typeof available)[])
          .filter((a) => available[a])
          .map((a) => (
            <button
              key={a}
              type="button"
              className={action === a ? 'active' : ''}
              onClick={() => setAction(action === a ? '' : a)}
              data-action={a}
            >
              {
                {
                  assign: t('assign'),
                  record_verdict: t('recordVerdict'),
                  close: t('closeVerification'),
                  reopen: t('reopenVerification'),
                }[a]
              }
            </button>
          ))}
      </div>
      {action ? (
        <form className="form" onSubmit={(e) => void submit(e)} data-testid="verification-form">
          {action === 'assign' ? (
            <label>
              {t('assignTo')}
              <select value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
                <option value="">{t('assignToMe')}</option>
                {officials.data?.items
                  .filter(
                    (u) => u.id !== me?.id && u.role !== 'enterprise' && u.status === 'active',
                  )
                  .map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.displayName || u.username}
                    </option>
                  ))}
              </select>
            </label>
          ) : null}
          {action === 'record_verdict' ? (
            <>
              <Choice
                name="verdict"
                label={t('verdict')}
                value={verdict}
                onChange={setVerdict}
                options={verdicts.map((x) => [x, verdictLabel(x, lang)] as const)}
              />
              <RequiredText
                name="verdictReason"
                label={t('verdictReason')}
                value={verdictReason}
                onChange={setVerdictReason}
              />
            </>
          ) : null}
          <RequiredText name="reason" label={t('reason')} value={reason} onChange={setReason} />
          <button type="submit" disabled={busy}>
            {t('apply')}
          </button>
        </form>
      ) : null}
      {error ? <p className="error">{error}</p> : null}

      <h3>{t('photos')}</h3>
      {p.photos.length === 0 ? <p className="muted">{t('noPhotos')}</p> : null}
      <ul className="small" data-testid="photos">
        {p.photos.map((photo) => (
          <li key={photo.id}>
            <a href={`/api/supervision/enforcement/photos/${photo.id}/content`}>{photo.fileName}</a>{' '}
            <span className="muted">
              {photo.takenOn ?? formatTime(String(photo.createdAt), lang)}
            </span>
          </li>
        ))}
      </ul>
      {v.state === 'assigned' || v.state === 'verified' ? (
        <label className="small">
          {t('uploadPhoto')}{' '}
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp"
            disabled={busy}
            onChange={(e) => void upload(e.target.files?.[0], e.target)}
          />
        </label>
      ) : null}

      <h3>{t('workflowHistory')}</h3>
      {p.events.length === 0 ? <p className="muted">{t('noHistory')}</p> : null}
      <ol className="timeline" data-testid="verification-history">
        {p.events.map((e, i) => (
          <li key={i}>
            <div className="when">
              {formatTime(String(e.recordedAt), lang)} · {e.recordedBy}
            </div>
            <strong>{pick(...(actionNames[e.action] ?? [e.action, e.action]))}</strong>{' '}
            <span className="muted">
              {verificationLabel(e.fromState, lang)} → {verificationLabel(e.toState, lang)}
            </span>
            {typeof e.detail.assignee === 'string' ? (
              <div>
                {t('assignee')}: {e.detail.assignee}
              </div>
            ) : null}
            {typeof e.detail.fileName === 'string' ? <div>{e.detail.fileName}</div> : null}
            {typeof e.detail.verdict === 'string' ? (
              <div>
                {t('verdict')}: {verdictLabel(e.detail.verdict, lang)}
                {typeof e.detail.verdictReason === 'string' ? ` — ${e.detail.verdictReason}` : ''}
              </div>
            ) : null}
            {e.note ? <div className="muted">{e.note}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
