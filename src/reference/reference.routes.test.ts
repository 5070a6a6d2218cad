// Reference data over HTTP: divisions (abolished codes still resolve), land classes, the
// working-day calendar and its import (versioned, turning provisional answers final).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../test/support/test-db.ts';
import { createTestApp, json, type TestApp } from '../../test/support/test-app.ts';

describeEachMode('reference data API', (db) => {
  let t: TestApp;
  let ministry: string;

  beforeAll(async () => {
    t = await createTestApp(db());
    await t.addUser('cal-admin', 'ministry', '000000', true);
    await t.addUser('cal-province', 'province', '320000', true);
    ministry = await t.login('cal-admin');
  });
  afterAll(() => t.close());

  it('lists the counties of Xuzhou and resolves an abolished code to its successor', async () => {
    const counties = json<{ items: { code: string; name: string }[] }>(
      await t.app.inject({ url: '/api/divisions?parent=320300' }),
    );
    expect(counties.items.map((d) => d.code)).toEqual([
      '320302',
      '320303',
      '320305',
      '320311',
      '320312',
      '320321',
      '320322',
      '320324',
      '320381',
      '320382',
    ]);
    expect(counties.items.find((d) => d.code === '320305')?.name).toBe('贾汪区');
    const old = json(await t.app.inject({ url: '/api/divisions/513425' }));
    expect(old).toMatchObject({ name: '会理县', validTo: '2023-06-30', supersededBy: '513402' });
    expect((await t.app.inject({ url: '/api/divisions/329999' })).statusCode).toBe(404);
    const all = json<{ items: unknown[] }>(
      await t.app.inject({ url: '/api/divisions?level=county&limit=5000' }),
    );
    expect(all.items.length).toBeGreaterThan(2800);
  });

  it('lists a level at a time and searches by name or code inside a division', async () => {
    type Listed = {
      items: { code: string; name: string; level: string; parentName: string | null }[];
    };
    const list = async (query: string) =>
      json<Listed>(await t.app.inject({ url: `/api/divisions?${query}` })).items;
    // The nation's children: the provinces, each naming its parent.
    const provinces = await list('parent=000000');
    expect(provinces.length).toBeGreaterThan(30);
    expect(provinces.every((d) => d.level === 'province' && d.parentName === '全国')).toBe(true);
    // A name shared across the country, then the same search kept inside Jiangsu and Xuzhou.
    const everywhere = await list(`q=${encodeURIComponent('鼓楼')}&level=county`);
    expect(everywhere.length).toBeGreaterThan(2);
    const jiangsu = await list(`q=${encodeURIComponent('鼓楼')}&level=county&within=320000`);
    expect(jiangsu.map((d) => [d.code, d.parentName])).toEqual([
      ['320106', '南京市'],
      ['320302', '徐州市'],
    ]);
    expect(
      (await list(`q=${encodeURIComponent('鼓楼')}&level=county&within=320300`)).map((d) => d.code),
    ).toEqual(['320302']);
    expect((await list(`q=${encodeURIComponent('鼓楼')}&level=county&within=000000`)).length).toBe(
      everywhere.length,
    );
    // A code prefix, and a county searched from outside its province finds nothing.
    expect((await list('q=32030&level=county&within=320000')).map((d) => d.code)).toContain(
      '320305',
    );
    expect(await list('q=320305&within=140000')).toEqual([]);
    // A county directly under a province (Beijing's districts) names the province.
    expect((await list('q=110101'))[0]).toMatchObject({ name: '东城区', parentName: '北京市' });
    expect(json(await t.app.inject({ url: '/api/divisions/320312' }))).toMatchObject({
      parentName: '徐州市',
    });
    // A malformed `within` is refused.
    expect((await t.app.inject({ url: '/api/divisions?within=32' })).statusCode).toBe(400);
  });

  it('groups land classes into agricultural, construction and unused land', async () => {
    const { items } = json<{
      items: { code: string; category: string | null; isCultivated: boolean }[];
    }>(await t.app.inject({ url: '/api/land-classes' }));
    const byCode = new Map(items.map((c) => [c.code, c]));
    expect(byCode.get('0101')).toMatchObject({ category: 'agricultural', isCultivated: true });
    expect(byCode.get('1006')?.category).toBe('agricultural'); // rural road
    expect(byCode.get('1201')?.category).toBe('construction'); // vacant land
    expect(byCode.get('0404')?.category).toBe('unused'); // other grassland
    expect(byCode.get('1104A')?.category).toBe('agricultural');
    const second = items.filter((c) => /^\d{4}$/.test(c.code) && !['0508'].includes(c.code));
    expect(second.every((c) => c.category !== null)).toBe(true);
  });

  it('counts working days and validates its input', async () => {
    const result = json(
      await t.app.inject({ url: '/api/calendar/add-working-days?from=2026-02-06&days=20' }),
    );
    expect(result).toEqual({ date: '2026-03-12', provisional: false });
    const between = json(
      await t.app.inject({
        url: '/api/calendar/working-days-between?from=2026-02-06&to=2026-03-12',
      }),
    );
    expect(between).toEqual({ count: 20, provisional: false });
    const bad = await t.app.inject({
      url: '/api/calendar/add-working-days?from=2026-02-30&days=20',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (await t.app.inject({ url: '/api/calendar/add-working-days?from=2026-02-06&days=-1' }))
        .statusCode,
    ).toBe(400);
  });

  it('turns a provisional 2027 answer final once the 2027 schedule is imported, keeping history', async () => {
    const before = json(
      await t.app.inject({ url: '/api/calendar/add-working-days?from=2026-12-30&days=3' }),
    );
    // Weekends only: Thu 12-31, Fri 2027-01-01, Mon 01-04.
    expect(before).toEqual({ date: '2027-01-04', provisional: true });
    const content = JSON.stringify({
      year: 2027,
      holidays: [{ date: '2027-01-01', nameZh: '元旦', nameEn: "New Year's Day" }],
      workdays: [],
    });
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/calendar/import',
      headers: { cookie: ministry },
      payload: {
        fileName: '2027.json',
        content,
        source: '国办发明电〔2026〕测试',
        reason: '2027 schedule published',
      },
    });
    expect(imported.statusCode).toBe(200);
    expect(json(imported)).toEqual({
      items: [{ year: 2027, action: 'created', holidays: 1, workdays: 0 }],
    });
    const after = json(
      await t.app.inject({ url: '/api/calendar/add-working-days?from=2026-12-30&days=3' }),
    );
    expect(after).toEqual({ date: '2027-01-05', provisional: false });

    // A corrected notice replaces the year; the first version stays in history.
    const corrected = JSON.stringify({
      year: 2027,
      holidays: [
        { date: '2027-01-01', nameZh: '元旦' },
        { date: '2027-01-04', nameZh: '元旦' },
      ],
      workdays: [],
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/calendar/import',
      headers: { cookie: ministry },
      payload: { fileName: '2027.json', content: corrected, reason: 'corrected notice' },
    });
    const years = json<{ items: { year: number; id?: string; version: number }[] }>(
      await t.app.inject({ url: '/api/calendar/years' }),
    );
    expect(years.items.find((y) => y.year === 2027)?.version).toBe(2);
    const [row] = await db().query<{ id: string }>(
      'SELECT id FROM calendar_year WHERE year = 2027',
    );
    const history = json<{ items: { version: number; reason: string; changedBy: string }[] }>(
      await t.app.inject({
        url: `/api/history/calendar-years/${row!.id}`,
        headers: { cookie: ministry },
      }),
    );
    expect(history.items.map((v) => [v.version, v.reason])).toEqual([
      [1, '2027 schedule published'],
      [2, 'corrected notice'],
    ]);
    expect(history.items[0]?.changedBy).toContain('cal-admin');
  });

  it('refuses a broken schedule with every problem located, and changes nothing', async () => {
    const content =
      'date,kind,name_zh,name_en\n2028-01-01,holiday,元旦,New Year\n2028-01-05,workday,调休,Make-up\n2028-02-30,holiday,春节,Spring\n';
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/calendar/import',
      headers: { cookie: ministry },
      payload: { fileName: '2028.csv', content, reason: 'try' },
    });
    expect(response.statusCode).toBe(400);
    const problems = json<{ error: { problems: { location: { line: number } }[] } }>(response).error
      .problems;
    expect(problems.map((p) => p.location.line)).toEqual([3, 4]);
    const [row] = await db().query('SELECT 1 FROM calendar_year WHERE year = 2028');
    expect(row).toBeUndefined();
  });

  it('lets only a ministry administrator import the calendar', async () => {
    const province = await t.login('cal-province');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/calendar/import',
      headers: { cookie: province },
      payload: {
        fileName: 'x.csv',
        content: 'date,kind,name_zh,name_en\n2029-01-01,holiday,元旦,New Year\n',
        reason: 'try',
      },
    });
    expect(response.statusCode).toBe(403);
  });
});
