// A list's pager: how many in all, and the previous and next page of `pageSize`.
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

export function Pager(props: {
  total: number;
  offset: number;
  pageSize: number;
  onOffset: (offset: number) => void;
}) {
  const { t } = useI18n();
  const { total, offset, pageSize, onOffset } = props;
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

/**
 * A list's offset, back to the first page whenever `listKey` (what the list shows: its
 * filters, the county picked) changes.
 */
export function usePageOffset(listKey: string): [number, (offset: number) => void] {
  const [pageAt, setPageAt] = useState({ offset: 0, listKey });
  const offset = pageAt.listKey === listKey ? pageAt.offset : 0;
  return [offset, (n: number) => setPageAt({ offset: n, listKey })];
}
