// Rectification orders (整改, TL-RECL-02) in the caller's division (or the county picked in the
// header), earliest deadline first:
// the deadline as a countdown in calendar days (as orders count them) and overdue ones
// flagged; a row opens the parcel; a hundred a page.
import { useEffect, useState } from 'react';
import { query } from '../api/http.ts';
import { useDivisionScope } from '../app/division-scope.tsx';
import { Pager, usePaging } from '../app/Pager.tsx';
import { navigate } from '../app/router.tsx';
import { todayInShanghai, useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import { groundsLabel, orderStatusLabel } from './labels.ts';
import type { Order } from './types.ts';
import { useApi } from './use-api.ts';

/** Calendar days from `from` to `to` (ISO dates). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function DeadlineCountdown({ deadline, open }: { deadline: string; open: boolean }) {
  const { t } = useI18n();
  if (!open) return <span className="muted">{deadline}</span>;
  const days = daysBetween(todayInShanghai(), deadline);
  const tone = days < 0 ? 'over' : days <= 14 ? 'soon' : 'ok';
  return (
    <span className={`countdown ${tone}`}>
      {days < 0
        ? t('daysOver', { n: -days })
        : days === 0
          ? t('dueToday')
          : t('daysLeft', { n: days })}
    </span>
  );
}

/** Orders per page (a province's back-fill can issue thousands). */
const pageSize = 100;

export function RectificationPage() {
  const { t, lang } = useI18n();
  const { setOverlay, setThematic } = useMapControls();
  const [overdue, setOverdue] = useState(false);
  const { picked } = useDivisionScope();
  // The list's page, back to the first when the filter or the county changes.
  const paging = usePaging(`${overdue}|${picked ?? ''}`, pageSize);
  const orders = useApi<{ items: Order[]; total: number }>(
    `/api/supervision/rectification-orders${query({
      limit: pageSize,
      offset: paging.offset,
      overdue: overdue ? 'true' : undefined,
      divisionCode: picked ?? undefined,
    })}`,
  );
  useEffect(() => {
    setOverlay(null);
    setThematic(null);
  }, [setOverlay, setThematic]);
  return (
    <div className="panel-body" data-testid="rectification">
      <h2>{t('rectificationTitle')}</h2>
      <div className="filters">
        <label>
          <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} />{' '}
          {t('onlyOverdue')}
        </label>
        {orders.data ? (
          <span className="muted" data-testid="orders-total" data-total={orders.data.total}>
            {t('total', { n: orders.data.total })}
          </span>
        ) : null}
      </div>
      {orders.error ? <p className="error">{orders.error}</p> : null}
      {orders.data && orders.data.items.length === 0 ? (
        <p className="muted">{t('noData')}</p>
      ) : null}
      <table className="small clickable" data-testid="orders">
        <thead>
          <tr>
            <th>{t('project')}</th>
            <th>{t('grounds')}</th>
            <th>{t('issuedOn')}</th>
            <th>{t('deadlineCol')}</th>
            <th>{t('orderStatus')}</th>
          </tr>
        </thead>
        <tbody>
          {orders.data?.items.map((o) => (
            <tr
              key={o.id}
              className={o.overdue ? 'overdue' : ''}
              onClick={() => navigate(`/records/${o.recordId}`)}
              data-overdue={o.overdue}
            >
              <td>
                {o.projectName}
                <div className="muted">
                  {o.systemNumber ?? ''} {o.surveyCode ? `· ${o.surveyCode}` : ''}
                </div>
              </td>
              <td>{groundsLabel(o.grounds, lang)}</td>
              <td className="date">{o.issuedOn}</td>
              <td className="date">
                {o.deadline}
                <div>
                  <DeadlineCountdown deadline={o.deadline} open={o.status === 'open'} />
                </div>
              </td>
              <td className={o.overdue ? 'error' : ''}>{orderStatusLabel(o.status, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager total={orders.data?.total} paging={paging} />
    </div>
  );
}
