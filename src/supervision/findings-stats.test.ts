// The dashboard's counts (GET /api/supervision/findings/stats): by rule, division and month
// first seen, checked against findings written directly (every status and severity, three
// counties in two cities and two months) and against the finding list; scoped to the caller.
import { beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../test/support/test-db.ts';
import { createTestApp, json, type TestApp } from '../../test/support/test-app.ts';
import { systemActor } from '../identity/domain/actor.ts';
import { asSystem } from '../identity/scoped-db.ts';
import type { FindingStats } from './findings-stats.store.ts';
import { insertFindings, type NewFinding } from './findings.store.ts';

interface Seed {
  division: string;
  rule: string;
  severity: 'error' | 'warning';
  status: 'open' | 'acknowledged' | 'rectified' | 'closed';
  seen: string;
}

const seeds: Seed[] = [
  { division: '320305', rule: 'TL-RECL-01', severity: 'error', status: 'open', seen: '2026-09-30' },
  {
    division: '320305',
    rule: 'TL-RECL-01',
    severity: 'error',
    status: 'closed',
    seen: '2026-09-30',
  },
  {
    division: '320305',
    rule: 'TL-SUP-03',
    severity: 'warning',
    status: 'acknowledged',
    seen: '2026-12-01',
  },
  {
    division: '320312',
    rule: 'TL-RECL-01',
    severity: 'error',
    status: 'rectified',
    seen: '2026-12-01',
  },
  {
    division: '320312',
    rule: 'TL-SUP-03',
    severity: 'warning',
    status: 'open',
    seen: '2026-12-02',
  },
  { division: '320411', rule: 'TL-SUP-03', severity: 'error', status: 'open', seen: '2026-09-01' },
];

const toFinding = (s: Seed, i: number): NewFinding => ({
  findingKey: `stats-test|${i}`,
  divisionCode: s.division,
  ruleCode: s.rule,
  subjectKind: 'county',
  recordId: null,
  period: s.seen.slice(0, 4),
  severity: s.severity,
  messageZh: '测试',
  messageEn: 'test',
  evidence: {},
  firstSeenOn: s.seen,
});

describeEachMode('finding stats for the dashboard', (db) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const stats = async (who: string, query = '') => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/supervision/findings/stats${query}`,
      headers: { cookie: cookies[who] ?? '' },
    });
    expect(response.statusCode, response.body).toBe(200);
    return json<FindingStats>(response);
  };

  beforeAll(async () => {
    t = await createTestApp(db());
    await asSystem(
      db(),
      systemActor('test'),
      async (tx) => {
        await insertFindings(tx, seeds.map(toFinding));
        for (const [i, s] of seeds.entries())
          if (s.status !== 'open')
            await tx.query('UPDATE supervision_finding SET status = $2 WHERE finding_key = $1', [
              `stats-test|${i}`,
              s.status,
            ]);
      },
      'test findings',
    );
    for (const [name, role, division] of [
      ['stats-province', 'province', '320000'],
      ['stats-city', 'city', '320300'],
      ['stats-county', 'county', '320305'],
    ] as const) {
      await t.addUser(name, role, division);
      cookies[name] = await t.login(name);
    }
  }, 120_000);

  it('counts by rule, division and month, live and all, for the whole province', async () => {
    const s = await stats('stats-province');
    expect(s.totals).toEqual({ total: 6, live: 4, liveErrors: 2, liveWarnings: 2 });
    expect(s.byRule).toEqual([
      { ruleCode: 'TL-SUP-03', total: 3, live: 3, liveErrors: 1, liveWarnings: 2 },
      { ruleCode: 'TL-RECL-01', total: 3, live: 1, liveErrors: 1, liveWarnings: 0 },
    ]);
    expect(s.byDivision.map((d) => [d.divisionCode, d.divisionName, d.live, d.total])).toEqual([
      ['320305', '贾汪区', 2, 3],
      ['320312', '铜山区', 1, 2],
      ['320411', '新北区', 1, 1],
    ]);
    expect(s.byMonth.map((m) => [m.month, m.total, m.live])).toEqual([
      ['2026-09', 3, 2],
      ['2026-12', 3, 2],
    ]);
  });

  it("keeps to the caller's division and to the filters", async () => {
    const city = await stats('stats-city');
    expect(city.byDivision.map((d) => d.divisionCode)).toEqual(['320305', '320312']);
    expect(city.totals.total).toBe(5);
    const county = await stats('stats-county');
    expect(county.byDivision.map((d) => d.divisionCode)).toEqual(['320305']);
    expect(county.totals).toEqual({ total: 3, live: 2, liveErrors: 1, liveWarnings: 1 });
    const december = await stats('stats-city', '?from=2026-12-01&to=2026-12-01');
    expect(december.totals.total).toBe(2);
    const tongshan = await stats('stats-province', '?divisionCode=320312');
    expect(tongshan.totals.total).toBe(2);
    // A county asking for a division outside its own sees nothing of it.
    expect((await stats('stats-county', '?divisionCode=320312')).totals.total).toBe(0);
  });

  it('agrees with the finding list', async () => {
    const s = await stats('stats-city');
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/supervision/findings?limit=500',
      headers: { cookie: cookies['stats-city'] ?? '' },
    });
    const items = json<{ items: { ruleCode: string; status: string }[] }>(list).items;
    for (const rule of s.byRule)
      expect(rule.total).toBe(items.filter((f) => f.ruleCode === rule.ruleCode).length);
  });
});
