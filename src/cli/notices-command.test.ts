// One line per notice in `reclaim notices list`: state, window with what is left, objections.
import { expect, it } from 'vitest';
import type { NoticeView } from '../notices/notice-view.ts';
import { listFilter, noticeLine } from './notices-command.ts';

const notice = (window: NoticeView['window']): NoticeView => ({
  id: 'n1',
  divisionCode: '320305',
  divisionName: '贾汪区',
  kind: {
    code: 'reclamation_plan_review',
    name: { zh: '土地复垦方案审查公示', en: 'plan review' },
  },
  subject: null,
  title: { zh: '复垦方案审查公示', en: null },
  body: { zh: '…', en: null },
  place: null,
  state: window ? 'published' : 'draft',
  publishedAt: null,
  window,
  answerPeriod: null,
  basis: null,
  closedAt: null,
  withdrawnAt: null,
  withdrawnReason: null,
  createdBy: 'jiawang',
  objections: { total: 2, awaitingAnswer: 1, overdue: 1 },
  asOf: '2026-10-01',
  version: 1,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

it('prints the window with the days left in its unit, or the last day', () => {
  const open = {
    length: 7,
    unit: 'working_days' as const,
    publishedOn: '2026-09-24',
    endsOn: '2026-10-12',
    provisional: false,
    open: true,
    lastDay: false,
    daysRemaining: 4,
  };
  expect(noticeLine(notice(open))).toBe(
    'n1  published  reclamation_plan_review  320305  2026-09-24→2026-10-12 (7个工作日, 余 4个工作日 left)  异议 2 (待答复 1, 逾期 1)  复垦方案审查公示',
  );
  expect(noticeLine(notice({ ...open, lastDay: true, daysRemaining: 0 }))).toContain(
    '今日截止 last day',
  );
  expect(noticeLine(notice(null))).toContain('draft  reclamation_plan_review  320305  —');
});

it('lists every notice unless --open asks for those taking objections', () => {
  expect(listFilter({})).toEqual({});
  expect(listFilter({ open: true, kind: 'reclamation_acceptance' })).toEqual({
    open: true,
    kindCode: 'reclamation_acceptance',
  });
  expect(listFilter({ division: '320305', state: 'published' })).toEqual({
    divisionCode: '320305',
    state: 'published',
  });
});
