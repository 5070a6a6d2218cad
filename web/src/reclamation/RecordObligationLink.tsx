// On a parcel page: the record's reclamation obligation, if it has one, with its status and a
// link to its page (found by the record's id).
import { query } from '../api/http.ts';
import { Link } from '../app/router.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useApi } from '../supervision/use-api.ts';
import type { ObligationSummary, Page } from './types.ts';

export function RecordObligationLink({ recordId }: { recordId: string }) {
  const { t } = useI18n();
  const found = useApi<Page<ObligationSummary>>(
    `/api/reclamation/obligations${query({ recordId, limit: 1 })}`,
  );
  const o = found.data?.items[0];
  if (found.error) return <p className="error">{found.error}</p>;
  if (!found.data) return null;
  if (!o) return <p className="muted">{t('reclNoObligation')}</p>;
  return (
    <p className="reclamation" data-testid="obligation-link">
      <Link to={`/reclamation/obligations/${o.id}`}>{t('reclOpenObligation')}</Link>{' '}
      <span className="chip">{t(`reclStatus_${o.status}`)}</span>{' '}
      {o.deadline?.overdue ? <span className="error">{t('reclOverdue')}</span> : null}
    </p>
  );
}
