// Reports on real data in both modes: counties with different findings ranked by score, the
// summary's sections, CSV/XLSX/HTML exports — and reproduction for an as-of date: the state
// recorded by the end of a day is rebuilt from history, so changes made afterwards (closed
// findings, a re-evaluation, new records, a rectified order) leave the old report byte for
// byte the same. "Afterwards" is made real by moving the history of each phase back to noon
// of its day (record_version.changed_at is what the reports read).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app.ts';
import { systemActor } from '../../identity/domain/actor.ts';
import { asSystem } from '../../identity/scoped-db.ts';
import type { Db } from '../../platform/db/db.ts';
import { todayInShanghai } from '../../platform/time/iso-date.ts';
import type { RankingReport, ReportSummary } from './reports.service.ts';
import { square } from '../../../test/support/shapes.ts';

const system = systemActor('test');
const day1 = '2026-06-01';
const day2 = '2026-07-01';
const hostile = '旧料场 <script>alert("x")</script> & Co';

/** Moves everything recorded since `day`'s noon back to just before it, keeping the order. */
async function backdateTo(db: Db, day: string) {
  await db.query(
    `UPDATE record_version SET changed_at = $1::timestamptz - (clock_timestamp() - changed_at)
     WHERE changed_at > $1::timestamptz`,
    [`${day}T12:00:00+08:00`],
  );
}

describeEachMode('supervision reports', (db) => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  /** Live findings per county from the findings table itself: the ranking's oracle. */
  let expectedScores: Map<string, number>;
  let jiangsuLive = 0;
  let first: {
    summary: ReportSummary;
    ranking: RankingReport;
    csv: Buffer;
    html: string;
    en: string;
  };

  const create = async (
    name: string,
    division: string,
    fields: { geometry: object } & Record<string, unknown>,
  ) =>
    (ids[name] = (
      await t.services.register.create(
        system,
        {
          divisionCode: division,
          projectClass: 'transport',
          useType: 'material_yard',
          approvalBody: '某县自然资源局',
          approvalLevel: 'county',
          projectName: name,
          ...fields,
        },
        'test',
      )
    ).id);
  const setState = (id: string, state: string, registeredOn: string) =>
    asSystem(
      db(),
      system,
      (tx) =>
        tx.query('UPDATE temporary_land SET state = $2, registered_on = $3::date WHERE id = $1', [
          id,
          state,
          registeredOn,
        ]),
      'test set-up',
    );
  const get = (url: string, cookie: string) =>
    t.app.inject({ method: 'GET', url, headers: { cookie } });
  const files = async () => {
    const ministry = await t.login('ministry');
    const csv = await get(
      `/api/supervision/reports/rankings?asOf=${day1}&division=320000&format=csv`,
      ministry,
    );
    const html = await get(
      `/api/supervision/reports/bulletin?asOf=${day1}&division=320000`,
      ministry,
    );
    const en = await get(
      `/api/supervision/reports/bulletin?asOf=${day1}&division=320000&lang=en`,
      ministry,
    );
    return { csv: csv.rawPayload, html: html.body, en: en.body };
  };

  beforeAll(async () => {
    t = await createTestApp(db(), { RECLAIM_LOGIN_ATTEMPTS_PER_MINUTE: '1000' });
    await t.addUser('ministry', 'ministry', '000000');
    await t.addUser('jiangsu', 'province', '320000');
    await t.addUser('jiawang', 'county', '320305');
    await t.addUser('firm', 'enterprise', '320305');

    // Jiawang: approved in February, never registered nor publicised; and a parcel whose
    // term ended in 2023, still in use (overdue > 1 year: the county brake), with an order.
    await create('unregistered', '320305', {
      approvalDate: '2026-02-02',
      termEnd: '2028-02-01',
      geometry: square(117.3, 34.3, 0.001),
    });
    await create(hostile, '320305', {
      useType: 'work_shed',
      approvalDate: '2021-10-08',
      termStart: '2021-10-08',
      termEnd: '2023-10-07',
      disclosurePublishedOn: '2021-10-12',
      geometry: square(117.31, 34.31, 0.002),
    });
    await setState(ids[hostile]!, 'in_use', '2021-10-15');
    // Tongshan: registered late but publicised; Xinbei (Changzhou): registered in time.
    await create('tongshan-late', '320312', {
      approvalDate: '2026-01-05',
      termEnd: '2027-01-04',
      disclosurePublishedOn: '2026-01-09',
      geometry: square(117.2, 34.2, 0.001),
    });
    await setState(ids['tongshan-late']!, 'registered', '2026-04-20');
    await create('xinbei-clean', '320411', {
      approvalDate: '2026-03-02',
      termEnd: '2027-03-01',
      disclosurePublishedOn: '2026-03-04',
      geometry: square(119.9, 31.9, 0.001),
    });
    await setState(ids['xinbei-clean']!, 'registered', '2026-03-05');
    // Shanxi, for the ministry's ranking of provinces.
    await create('datong', '140212', {
      approvalDate: '2026-02-02',
      termEnd: '2028-02-01',
      geometry: square(113.1, 40.1, 0.001),
    });
    // A satellite-enforcement polygon in Tongshan that no approval explains (TL-ENF-01),
    // delivered on day 1.
    const polygon = {
      type: 'Feature',
      properties: { TBBH: 'WP-1', XZQDM: '320312' },
      geometry: square(117.25, 34.25, 0.002),
    };
    await t.services.enforcement.import(
      system,
      [{ name: 'wp.geojson', bytes: new TextEncoder().encode(JSON.stringify(polygon)) }],
      {
        source: 'satellite_enforcement',
        month: '2026-05',
        batchId: 'WP-2026-05',
        divisionCode: '320312',
        reason: 'test',
      },
    );
    await asSystem(
      db(),
      system,
      (tx) =>
        tx.query(
          `UPDATE supervision_finding SET first_seen_on = $1 WHERE rule_code = 'TL-ENF-01'`,
          [day1],
        ),
      'delivered on day 1',
    );
    await t.services.evaluations.evaluate(system, { asOf: day1, divisionCode: '000000' });
    await asSystem(
      db(),
      system,
      (tx) =>
        tx.query(
          `INSERT INTO rectification_order (province_code, division_code, record_id, grounds, issued_on, deadline, basis)
           VALUES ('32', '320305', $1, 'used_past_term', '2026-03-02', '2026-05-01', '{}')`,
          [ids[hostile]],
        ),
      'test set-up',
    );
    const live = await db().query<{ division: string; score: number; n: number }>(
      `SELECT division_code AS division, count(*)::int AS n,
              sum(CASE severity WHEN 'error' THEN 3 ELSE 1 END)::int AS score
       FROM supervision_finding WHERE status IN ('open', 'acknowledged') GROUP BY 1`,
    );
    expectedScores = new Map(live.map((r) => [r.division, r.score]));
    jiangsuLive = live.filter((r) => r.division.startsWith('32')).reduce((a, r) => a + r.n, 0);
    await backdateTo(db(), day1);

    first = {
      summary: await t.services.reports.summary(system, { asOf: day1, divisionCode: '320000' }),
      ranking: await t.services.reports.ranking(system, { asOf: day1, divisionCode: '320000' }),
      ...(await files()),
    };
  }, 240_000);
  afterAll(() => t.close());

  it('ranks a province’s counties by weighted live findings, ties sharing a rank', () => {
    const { rows, level } = first.ranking;
    expect(level).toBe('county');
    const byCode = new Map(rows.map((r) => [r.divisionCode, r]));
    for (const code of ['320305', '320312', '320411']) {
      expect(byCode.get(code)?.score, code).toBe(expectedScores.get(code) ?? 0);
    }
    expect(rows[0]).toMatchObject({
      rank: 1,
      divisionCode: '320305',
      divisionName: '贾汪区',
      brakesOn: 1,
    });
    expect(byCode.get('320305')!.score).toBeGreaterThan(byCode.get('320312')!.score);
    expect(byCode.get('320312')!.score).toBeGreaterThan(0);
    expect(rows.length).toBeGreaterThan(50); // every county of Jiangsu, most without findings
    for (const row of rows) {
      expect(row.score).toBe(row.errors * 3 + row.warnings);
      expect(Object.values(row.byRule).reduce((a, n) => a + n, 0)).toBe(row.live);
    }
    const zeros = rows.filter((r) => r.score === 0);
    expect(new Set(zeros.map((r) => r.rank)).size).toBe(1);
    expect(zeros.map((r) => r.divisionCode)).toEqual(zeros.map((r) => r.divisionCode).sort());
    expect(
      rows.filter((r) => r.score > 0).every((r, i, a) => i === 0 || a[i - 1]!.score >= r.score),
    ).toBe(true);
  });

  it('ranks provinces for the ministry', async () => {
    const national = await t.services.reports.ranking(system, {
      asOf: day1,
      divisionCode: '000000',
    });
    expect(national.level).toBe('province');
    const scored = national.rows.filter((r) => r.score > 0).map((r) => r.divisionCode);
    expect(scored.sort()).toEqual(['140000', '320000']);
    const jiangsu = national.rows.find((r) => r.divisionCode === '320000')!;
    expect(jiangsu.score).toBe(first.ranking.rows.reduce((a, r) => a + r.score, 0));
    expect(jiangsu.records).toBe(4);
  });

  it('summarises records, findings, the brake and overdue orders as of the date', () => {
    const s = first.summary;
    expect(s).toMatchObject({
      asOf: day1,
      provisional: false,
      cutoff: '2026-06-02T00:00:00+08:00',
    });
    expect(s.division).toEqual({ code: '320000', name: '江苏省', level: 'province' });
    expect(s.records.total).toBe(4);
    expect(s.records.byState.map((x) => [x.key, x.count])).toEqual([
      ['approved', 1],
      ['in_use', 1],
      ['registered', 2],
    ]);
    expect(s.findings.live).toBe(jiangsuLive);
    expect(s.findings.byRule.some((f) => f.ruleCode === 'TL-REG-01')).toBe(true);
    const brake = s.countyBrake.counties.find((c) => c.divisionCode === '320305');
    expect(brake).toMatchObject({ on: true, overdueCount: 1, divisionName: '贾汪区' });
    expect(s.countyBrake.on).toBe(1);
    const outside = s.enforcement.uncoveredByCause.find((c) => c.key === 'outside');
    expect(outside?.count).toBe(1);
    expect(outside?.areaM2).toBeGreaterThan(40_000);
    expect(s.enforcement.uncoveredM2).toBeCloseTo(outside!.areaM2, 6);
    expect(s.rectification.overdue).toHaveLength(1);
    expect(s.rectification.overdue[0]).toMatchObject({
      projectName: hostile,
      deadline: '2026-05-01',
      daysOverdue: 31,
    });
  });

  it('writes the ranking as CSV (BOM, CRLF, Chinese or English headers) and XLSX that reads back', async () => {
    const text = first.csv.toString('utf8');
    expect(text.startsWith('\ufeff排名,行政区划代码,行政区划,得分')).toBe(true);
    expect(text).toContain('\r\n1,320305,贾汪区,');
    const ministry = await t.login('ministry');
    const en = await get(
      `/api/supervision/reports/rankings?asOf=${day1}&division=320000&format=csv&lang=en`,
      ministry,
    );
    expect(en.body.startsWith('\ufeffrank,division code,division,score')).toBe(true);
    const xlsx = await get(
      `/api/supervision/reports/rankings?asOf=${day1}&division=320000&format=xlsx`,
      ministry,
    );
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toBe(
      'attachment; filename="reclaim-ranking-320000-2026-06-01.xlsx"',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('排名')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('排名');
    expect(sheet.getRow(2).getCell(2).value).toBe('320305');
    expect(sheet.getRow(2).getCell(3).value).toBe('贾汪区');
    expect(sheet.getRow(2).getCell(4).value).toBe(first.ranking.rows[0]!.score);
    expect(sheet.rowCount).toBe(first.ranking.rows.length + 1);
    expect(book.created.toISOString()).toBe('2026-06-01T16:00:00.000Z');
    const summary = await get(
      `/api/supervision/reports/summary?asOf=${day1}&division=320000&format=xlsx`,
      ministry,
    );
    const sbook = new ExcelJS.Workbook();
    await sbook.xlsx.load(summary.rawPayload as unknown as ArrayBuffer);
    const srows = sbook.getWorksheet('汇总')!.getSheetValues();
    expect(JSON.stringify(srows)).toContain('逾期未整改');
  });

  it('prints the bulletin as one self-contained page, names escaped, with a map', () => {
    const { html, en } = first;
    expect(html.startsWith('<!DOCTYPE html><html lang="zh-CN">')).toBe(true);
    expect(html).toContain('江苏省临时用地监管情况通报');
    expect(html).toContain('2026年6月1日');
    expect(html).toContain('@page{size:A4');
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(html).toMatch(/<path d="M [-0-9][^"]*" fill="#6a1b9a"[^>]*stroke-dasharray/); // the uncovered polygon
    expect(html).toContain('<circle'); // parcels too small to outline at this scale
    expect(html).toContain('1 贾汪区');
    expect(html).toContain('旧料场 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(html).not.toContain('<script');
    expect(html.replace('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(
      /https?:|src=|href=|url\(/,
    );
    expect(en).toContain('Temporary land supervision bulletin: 江苏省');
    expect(en).toContain('<html lang="en">');
  });

  it('gives the same bytes for the old date after later changes, and new numbers for a later date', async () => {
    // Day 2: a province closes Jiawang's registration finding, a new problem record appears in
    // Xinbei, the evaluation runs again, and the overdue order is rectified.
    const reg = (
      await t.services.findings.list(system, {
        ruleCode: 'TL-REG-01',
        divisionCode: '320305',
        limit: 10,
        offset: 0,
      })
    ).items[0]!;
    await t.services.findings.act(system, reg.id, {
      action: 'close',
      version: reg.version,
      reason: 'checked',
    });
    await create('xinbei-new', '320411', {
      approvalDate: '2026-05-06',
      termEnd: '2027-05-05',
      geometry: square(119.91, 31.91, 0.001),
    });
    await t.services.evaluations.evaluate(system, { asOf: day2, divisionCode: '000000' });
    await asSystem(
      db(),
      system,
      (tx) =>
        tx.query(`UPDATE rectification_order SET status = 'rectified' WHERE record_id = $1`, [
          ids[hostile],
        ]),
      'rectified',
    );
    await backdateTo(db(), day2);
    // Today: yet another record, and a renamed one.
    await create('today', '320312', {
      approvalDate: '2026-11-02',
      geometry: square(117.21, 34.21, 0.001),
    });
    await asSystem(
      db(),
      system,
      (tx) =>
        tx.query(`UPDATE temporary_land SET project_name = 'renamed' WHERE id = $1`, [
          ids['tongshan-late'],
        ]),
      'rename',
    );

    const again = await files();
    expect(Buffer.compare(again.csv, first.csv)).toBe(0);
    expect(again.html).toBe(first.html);
    expect(again.en).toBe(first.en);
    expect(
      await t.services.reports.summary(system, { asOf: day1, divisionCode: '320000' }),
    ).toEqual(first.summary);

    const later = await t.services.reports.summary(system, { asOf: day2, divisionCode: '320000' });
    expect(later.records.total).toBe(5);
    expect(later.rectification.overdue).toEqual([]);
    const ranking2 = await t.services.reports.ranking(system, {
      asOf: day2,
      divisionCode: '320000',
    });
    const xinbei = ranking2.rows.find((r) => r.divisionCode === '320411')!;
    expect(xinbei.score).toBeGreaterThan(
      first.ranking.rows.find((r) => r.divisionCode === '320411')!.score,
    );
    expect(ranking2.rows.find((r) => r.divisionCode === '320305')!.live).toBe(
      first.ranking.rows.find((r) => r.divisionCode === '320305')!.live - 1,
    );
    const today = await t.services.reports.summary(system, {
      asOf: todayInShanghai(),
      divisionCode: '320000',
    });
    expect(today.provisional).toBe(true);
    expect(today.records.total).toBe(6);
  });

  it('keeps each caller to its division: a county its county, no report for enterprises or the public', async () => {
    const county = await t.login('jiawang');
    const own = await get(`/api/supervision/reports/summary?asOf=${day1}`, county);
    expect(own.statusCode).toBe(200);
    expect(json<ReportSummary>(own).division.code).toBe('320305');
    expect(json<ReportSummary>(own).records.total).toBe(2);
    const ranking = json<RankingReport>(
      await get(`/api/supervision/reports/rankings?asOf=${day1}`, county),
    );
    expect(ranking.rows.map((r) => r.divisionCode)).toEqual(['320305']);
    expect((await get(`/api/supervision/reports/summary?division=320000`, county)).statusCode).toBe(
      403,
    );
    expect(
      (await get(`/api/supervision/reports/bulletin?division=320312`, county)).statusCode,
    ).toBe(403);
    const province = await t.login('jiangsu');
    expect(
      (await get(`/api/supervision/reports/rankings?division=140000`, province)).statusCode,
    ).toBe(403);
    expect((await get(`/api/supervision/reports/rankings?level=city`, county)).statusCode).toBe(
      400,
    );
    expect((await get('/api/supervision/reports/summary', await t.login('firm'))).statusCode).toBe(
      403,
    );
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/supervision/reports/bulletin' })).statusCode,
    ).toBe(401);
  });
});
