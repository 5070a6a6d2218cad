// One record's reclamation obligation (TL-RECL-01…06): the plan's targets by land class against
// the land occupied, the deadline counted in working days with its extensions, the progress
// reports with photos, the deposit / guarantee ledger and the acceptance rounds.
import { useEffect } from 'react';
import { api } from '../api/http.ts';
import type { RecordView } from '../api/types.ts';
import { Link } from '../app/router.tsx';
import { isGovernment, useSession } from '../auth/session.tsx';
import { formatNumber, useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import { Countdown } from '../register/countdown.tsx';
import { stateLabel } from '../register/labels.ts';
import { FindingList } from '../register/parts.tsx';
import { useApi } from '../supervision/use-api.ts';
import { AcceptanceSection } from './AcceptanceSection.tsx';
import { ExtensionsSection } from './ExtensionsSection.tsx';
import { LandClassTable } from './LandClassTable.tsx';
import { yuan } from './labels.ts';
import { LedgerSection } from './LedgerSection.tsx';
import { EditPlanForm } from './PlanForm.tsx';
import { ReportsSection } from './ReportsSection.tsx';
import type { Obligation } from './types.ts';
import { writerRoles } from './use-action.ts';

export function ObligationPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const { focusOn, select, setOverlay, reloadTiles } = useMapControls();
  const { data: o, error, reload } = useApi<Obligation>(`/api/reclamation/obligations/${id}`);
  const recordId = o?.recordId;
  const canWrite =
    isGovernment(session.state) && writerRoles.includes(session.state.user.role ?? '');
  // The land user's own account reports progress and applies for acceptance, nothing more.
  const landUser = session.state.status === 'user' && session.state.user.role === 'enterprise';

  useEffect(() => {
    if (!recordId) return;
    setOverlay(null);
    select(recordId);
    let cancelled = false;
    // The register is the officials': the land user's account reads the obligation only.
    if (landUser) return () => select(null);
    api<RecordView>(`/api/register/records/${recordId}`)
      .then((r) => {
        if (!cancelled && r.geometry) focusOn(r.geometry);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      select(null);
    };
  }, [recordId, landUser, focusOn, select, setOverlay]);

  if (error) return <div className="panel-body error">{error}</div>;
  if (!o) return <div className="panel-body muted">{t('loading')}</div>;
  const open = o.status === 'open';
  return (
    <div className="panel-body reclamation" data-testid="obligation-page">
      <p>
        {landUser ? (
          <Link to="/reclamation/mine">{t('reclBackToMine')}</Link>
        ) : (
          <Link to="/reclamation">{t('reclBackToList')}</Link>
        )}
      </p>
      <h2>
        {t('reclObligationTitle')} · {o.projectName}
      </h2>
      <p>
        <span className={`state state-${o.recordState}`}>{stateLabel(o.recordState, lang)}</span>{' '}
        <span className={`chip obligation-${o.status}`} data-testid="obligation-status">
          {t(`reclStatus_${o.status}`)}
        </span>{' '}
        {landUser ? (
          o.systemNumber
        ) : (
          <Link to={`/records/${o.recordId}`}>{o.systemNumber ?? t('reclOpenRecord')}</Link>
        )}
      </p>
      <dl className="details">
        <div>
          <dt>{t('reclObligor')}</dt>
          <dd>{o.obligor}</dd>
        </div>
        <div>
          <dt>{t('reclPlanNumber')}</dt>
          <dd>{o.planNumber ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('reclEstimatedCost')}</dt>
          <dd>{yuan(o.estimatedCostYuan, lang)}</dd>
        </div>
      </dl>

      <section data-testid="obligation-deadline">
        <h3>{t('reclDeadlineTitle')}</h3>
        {o.deadline ? (
          <p className={o.deadline.overdue ? 'error' : ''}>
            {t('reclDeadline')} <strong>{o.deadline.deadline}</strong>{' '}
            {open ? <Countdown deadline={o.deadline.deadline} /> : null}
            <br />
            <small className="muted">
              {t('reclTermEnd', { d: o.deadline.termEnd })} ·{' '}
              {t('reclStatutory', { d: o.deadline.statutory })}
              {o.deadline.deadline !== o.deadline.statutory ? ` · ${t('reclExtended')}` : ''}
              {o.deadline.extensionIgnored ? ` · ${t('reclExtensionIgnored')}` : ''}
            </small>
          </p>
        ) : (
          <p className="muted">{t('reclNoDeadline')}</p>
        )}
      </section>

      <section>
        <h3>{t('reclPlanTitle')}</h3>
        <LandClassTable
          testId="plan-targets"
          heads={[t('reclOccupied'), t('reclTarget')]}
          cells={(k) => [formatNumber(o.occupied?.breakdown[k]), formatNumber(o.targets[k])]}
        />
        <p className="muted small">
          {t('squareMetres')} ·{' '}
          {o.occupied?.source === 'overlay' ? t('reclOccupiedOverlay') : t('reclOccupiedDeclared')}
        </p>
        {o.measures ? <p>{o.measures}</p> : null}
        <FindingList findings={o.findings} />
        {canWrite && open ? <EditPlanForm obligation={o} onDone={reload} /> : null}
      </section>

      <section>
        <h3>{t('reclExtensionsTitle')}</h3>
        <ExtensionsSection obligation={o} canWrite={canWrite && open} onDone={reload} />
      </section>
      <section>
        <h3>{t('reclReportsTitle')}</h3>
        <ReportsSection obligation={o} canWrite={(canWrite || landUser) && open} onDone={reload} />
      </section>
      <section>
        <h3>{t('reclLedgerTitle')}</h3>
        <LedgerSection obligation={o} canWrite={canWrite} onDone={reload} />
      </section>
      <section>
        <h3>{t('reclAcceptanceTitle')}</h3>
        <AcceptanceSection
          obligation={o}
          canWrite={canWrite}
          asLandUser={landUser}
          onDone={() => {
            reload();
            reloadTiles(); // a pass makes the record accepted: its colour on the map follows
          }}
        />
      </section>
    </div>
  );
}
