// The public portal's pages and navigation (no login): the shell lists them with its own.
import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/messages.ts';
import { ApprovalPage } from './ApprovalPage.tsx';
import { NearbyView } from './NearbyView.tsx';
import { NoticeBoard } from './NoticeBoard.tsx';
import { NoticePage } from './NoticePage.tsx';
import { ReceiptLookup } from './ReceiptLookup.tsx';

export const publicPages: {
  pattern: string;
  government: false;
  render(params: Record<string, string>): ReactNode;
}[] = [
  { pattern: '/near', government: false, render: () => <NearbyView /> },
  {
    pattern: '/approvals/:id',
    government: false,
    render: (p) => <ApprovalPage key={p.id} id={p.id ?? ''} />,
  },
  { pattern: '/notices', government: false, render: () => <NoticeBoard key="all" /> },
  {
    pattern: '/acceptance',
    government: false,
    render: () => <NoticeBoard key="acceptance" acceptance />,
  },
  {
    pattern: '/notices/:id',
    government: false,
    render: (p) => <NoticePage key={p.id} id={p.id ?? ''} />,
  },
  { pattern: '/receipt', government: false, render: () => <ReceiptLookup /> },
];

/** 公示批复 / 附近批复 / 公告公示 / 回执查询 in the header for the public. */
export const publicNav: { to: string; label: MessageKey }[] = [
  { to: '/', label: 'navPublic' },
  { to: '/near', label: 'navNearby' },
  { to: '/notices', label: 'navNotices' },
  { to: '/receipt', label: 'navReceipt' },
];
