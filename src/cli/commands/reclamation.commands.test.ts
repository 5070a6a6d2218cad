// One line per obligation in `reclaim reclamation list`: status, deadline with days overdue or
// left, money held against the plan, plan errors.
import { expect, it } from 'vitest';
import type { ObligationSummary } from '../../reclamation/obligation-view.ts';
import { obligationLine } from './reclamation.commands.ts';

const obligation = (patch: Partial<ObligationSummary>): ObligationSummary => ({
  id: 'o1',
  divisionCode: '320305',
  recordId: 'r1',
  systemNumber: '320305-2024-0003',
  projectName: '潘安湖湿地公园二期拌合站',
  recordState: 'reclaiming',
  planNumber: null,
  targets: {
    cultivatedM2: 1,
    farmlandM2: 0,
    forestM2: 0,
    otherAgriculturalM2: 0,
    constructionM2: 0,
    unusedM2: 0,
  },
  estimatedCostYuan: 186_000,
  measures: null,
  obligor: '徐州潘安湖生态建设有限公司',
  status: 'open',
  settledOn: null,
  heldYuan: 120_000,
  requiredYuan: 186_000,
  shortfallYuan: 66_000,
  deadline: {
    termEnd: '2026-02-28',
    statutory: '2027-02-28',
    deadline: '2027-02-28',
    extensionIgnored: false,
    overdue: false,
    daysLeft: 86,
  },
  findings: [],
  version: 1,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  ...patch,
});

it('prints the deadline with the days left, and the money held against the plan', () => {
  expect(obligationLine(obligation({}))).toBe(
    'o1  open  320305  320305-2024-0003  2027-02-28 余 86 天 left  120000.00/186000.00 元  潘安湖湿地公园二期拌合站',
  );
});

it('prints an overdue deadline with its days, and the plan’s errors', () => {
  const line = obligationLine(
    obligation({
      deadline: {
        termEnd: '2025-02-28',
        statutory: '2026-02-28',
        deadline: '2026-02-28',
        extensionIgnored: false,
        overdue: true,
        daysLeft: -10,
      },
      findings: [
        { code: 'TL-RECL-04', severity: 'error', messageZh: '', messageEn: '', evidence: {} },
      ],
    }),
  );
  expect(line).toContain('2026-02-28 逾期 10 天 overdue');
  expect(line).toContain('方案问题 TL-RECL-04');
});
