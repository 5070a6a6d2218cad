// On a parcel page: the record's reclamation obligation, if it has one, with its status and a
// link to its page (found by the record's id); a bureau that keeps the record opens one for an
// expired or reclaiming record that has none.
import { query } from '../api/http.ts';
import type { RecordView } from '../api/types.ts';
import { Link } from '../app/router.tsx';
import { isGovernment, useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useApi } from '../supervision/use-api.ts';
import { OpenObligationForm } from './PlanForm.tsx';
import type { ObligationSummary, Page } from './types.ts';
import { writerRoles } from './use-action.ts';

export function RecordObligationLink({ record }: { record: RecordView }) {
  const { t } = useI18n();
  const session = useSession();
  const recordId = record.id;
  const found = useApi<Page<ObligationSummary>>(
    `/api/reclamation/obligations${query({ recordId, limit: 1 })}`,
  );
  const o = found.data?.items[0];
  if (found.error) return <p className="error">{found.error}</p>;
  if (!found.data) return null;
  const canOpen =
    isGovernment(session.state) &&
    writerRoles.includes(session.state.user.role ?? '') &&
    ['expired', 'reclaiming'].includes(record.state);
  if (!o)
    return (
      <>
        <p className="muted">{t('reclNoObligation')}</p>
        {canOpen ? <OpenObligationForm record={record} /> : null}
      </>
    );
  return (
    <p className="reclamation" data-testid="obligation-link">
      <Link to={`/reclamation/obligations/${o.id}`}>{t('reclOpenObligation')}</Link>{' '}
      <span className="chip">{t(`reclStatus_${o.status}`)}</span>{' '}
      {o.deadline?.overdue ? <span className="error">{t('reclOverdue')}</span> : null}
    </p>
  );
}
