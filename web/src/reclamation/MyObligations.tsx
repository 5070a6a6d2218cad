// An enterprise's reclamation: the obligations of the records whose land user it is, each with
// its deadline, status and the money held, a row opening the obligation's page; a hundred a page.
import { Pager, usePaging } from '../app/Pager.tsx';
import { navigate } from '../app/router.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useApi } from '../supervision/use-api.ts';
import { yuan } from './labels.ts';
import type { ObligationSummary, Page } from './types.ts';

/** Obligations per page. */
const pageSize = 100;

export default function MyObligations() {
  const { t, lang } = useI18n();
  const paging = usePaging('mine', pageSize);
  const { data, error } = useApi<Page<ObligationSummary>>(
    `/api/reclamation/obligations?limit=${pageSize}&offset=${paging.offset}`,
  );
  return (
    <div className="panel-body reclamation" data-testid="my-obligations">
      <h2>{t('navMyObligations')}</h2>
      <p className="muted small">{t('reclMineHint')}</p>
      {error ? <p className="error">{error}</p> : null}
      {!data ? (
        error ? null : (
          <p className="muted">{t('loading')}</p>
        )
      ) : data.items.length === 0 ? (
        <p className="muted">{t('reclMineNone')}</p>
      ) : (
        <table className="small" data-testid="obligations">
          <thead>
            <tr>
              <th>{t('project')}</th>
              <th>{t('reclStatusCol')}</th>
              <th>{t('reclDeadline')}</th>
              <th className="num">{t('reclHeld')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((o) => (
              <tr key={o.id} onClick={() => navigate(`/reclamation/obligations/${o.id}`)}>
                <td>
                  {o.projectName}
                  <div className="muted small">{o.systemNumber ?? ''}</div>
                </td>
                <td>{t(`reclStatus_${o.status}`)}</td>
                <td className={o.deadline?.overdue ? 'error date' : 'date'}>
                  {o.deadline?.deadline ?? '—'}
                </td>
                <td className="num">{yuan(o.heldYuan, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && data.total > pageSize ? <Pager total={data.total} paging={paging} /> : null}
    </div>
  );
}
