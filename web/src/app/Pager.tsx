// A list's pager: how many in all, and the previous and next page; and the paging state that
// goes back to the first page when what the list shows changes.
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/** Where a paged list is: its offset, page size, and how to move. */
export interface Paging {
  offset: number;
  pageSize: number;
  onOffset: (offset: number) => void;
}

/**
 * A list's paging, back to the first page whenever `listKey` (what the list shows: its
 * filters, the county picked) changes.
 */
export function usePaging(listKey: string, pageSize: number): Paging {
  const [pageAt, setPageAt] = useState({ offset: 0, listKey });
  const offset = pageAt.listKey === listKey ? pageAt.offset : 0;
  return { offset, pageSize, onOffset: (n: number) => setPageAt({ offset: n, listKey }) };
}

/** The pager; nothing while the total is not known. */
export function Pager({ total, paging }: { total: number | undefined; paging: Paging }) {
  const { t } = useI18n();
  if (total === undefined) return null;
  const { offset, pageSize, onOffset } = paging;
  return (
    <div className="pager" data-testid="pager">
      <span>{t('total', { n: total })}</span>
      <button
        type="button"
        disabled={offset === 0}
        onClick={() => onOffset(Math.max(0, offset - pageSize))}
      >
        {t('previous')}
      </button>
      <button
        type="button"
        disabled={offset + pageSize >= total}
        onClick={() => onOffset(offset + pageSize)}
      >
        {t('next')}
      </button>
    </div>
  );
}
