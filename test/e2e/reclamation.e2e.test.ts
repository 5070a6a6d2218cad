// The reclamation screens end to end, in Debian's Chromium against the real `reclaim serve
// --demo`, in each storage mode. On the demo's reclaiming record (its application pending, its
// completion survey short of topsoil): Jiawang's clerk opens the obligation from the dashboard
// and the parcel page, opens one for another expired record from its parcel page and changes
// its plan, is refused a late extension and adds a progress report with a photo;
// Xuzhou's supervisor joins the panel and fails the first round with a rectification item; the
// clerk files the second round with new measurements that meet the criteria; the supervisor
// passes it and releases the deposit; the public finds the acceptance notice and objects; the
// clerk answers, and the land-class change stands on the page. Screenshots to
// test-output/screenshots/.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testModes } from '../support/modes.ts';
import { demoSession, logIn, logOut, screenshots } from './demo-session.ts';

/** A real 1×1 PNG: the site photo. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The date `days` after today in Asia/Shanghai, YYYY-MM-DD. */
const shanghaiDate = (days = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

for (const mode of testModes()) {
  describe(`the reclamation screens end to end (${mode})`, { timeout: 180_000 }, () => {
    const session = demoSession(mode, { viewport: { width: 1400, height: 1000 } });
    let obligationUrl = '';
    let noticeUrl = '';
    const shot = async (name: string, show?: string) => {
      const { page } = session.browser;
      if (show) await page.locator(show).first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(screenshots, `${mode}-reclamation-${name}.png`) });
    };
    const login = async (username: string) => {
      await logOut(session.browser.page);
      await logIn(session.browser.page, session.base, username);
    };
    const openObligation = async () => {
      const { page } = session.browser;
      await page.goto(obligationUrl);
      await page.waitForSelector('[data-testid="obligation-page"] [data-testid="ledger-entries"]', {
        timeout: 30_000,
      });
    };
    const round = (n: number) => `[data-testid="round-${n}"]`;

    it('shows the clerk the dashboard, and the obligation from it and from the parcel page', async () => {
      const { page } = session.browser;
      await login('jiawang');
      await page.click('header nav >> text=复垦');
      await page.waitForSelector('[data-testid="chart-reclaimed"] canvas', { timeout: 60_000 });
      expect(await page.textContent('[data-testid="total-held"]')).toBe('186,000.00 元');
      await page.waitForSelector('[data-testid="obligations"] tbody tr');
      await shot('dashboard');

      await page.click('[data-testid="obligations"] tbody tr >> text=潘安湖');
      await page.waitForSelector('[data-testid="obligation-page"]');
      obligationUrl = page.url();
      expect(obligationUrl).toMatch(/\/reclamation\/obligations\/[0-9a-f-]{36}$/);
      // From the parcel page of the record, its link leads back here.
      await page.click('[data-testid="obligation-page"] a[href^="/records/"]');
      await page.waitForSelector('[data-testid="obligation-link"] a');
      await page.click('[data-testid="obligation-link"] a');
      await page.waitForSelector('[data-testid="obligation-page"] [data-testid="ledger-entries"]');
      expect(page.url()).toBe(obligationUrl);

      const text = (selector: string) => page.textContent(selector).then((t) => t ?? '');
      expect(await text('[data-testid="obligation-page"] h2')).toContain('潘安湖');
      // Term ended 2026-02-28: reclaim within the year after, counted in working days.
      expect(await text('[data-testid="obligation-deadline"]')).toContain('2027-02-28');
      await page.waitForSelector('[data-testid="obligation-deadline"] .countdown');
      expect(await text('[data-testid="obligation-deadline"] .countdown')).toMatch(
        /剩 \d+ 个工作日/,
      );
      expect(await page.locator('[data-testid="plan-targets"] tbody tr').count()).toBe(6);
      expect(await text('[data-testid="ledger-held"]')).toBe('186,000.00 元');
      expect(await text('[data-testid="guarantee-warning"]')).toContain('NH-BG-2024-0305');
      // The pending application's completion survey against the demo criteria: topsoil too thin.
      const check = `${round(1)} [data-direction="cultivated"]`;
      expect(await text(`${check} [data-testid="criteria-verdict"]`)).toBe('不达标');
      expect(await page.locator(`${check} [data-status="not_met"] code`).allTextContents()).toEqual(
        ['soil_thickness'],
      );
      await shot('obligation');
      await shot('obligation-ledger', '[data-testid="ledger"]');
    });

    it('lets the clerk open an obligation for another expired record from its parcel page, and change its plan', async () => {
      const { page } = session.browser;
      // The tower-base site's term ended 2025-04-19: the clerk registers it and marks it expired.
      await page.goto(`${session.base}/records`);
      await page.click('[data-testid="record-list"] >> text=220千伏线路塔基施工场地');
      await page.waitForSelector('[data-testid="parcel-page"] .transitions');
      // Not expired yet: nothing to open.
      expect(await page.locator('[data-testid="obligation-open"]').count()).toBe(0);
      for (const [action, state] of [
        ['上图入库', '已上图入库'],
        ['到期', '已到期'],
      ] as const) {
        await page.click(`.transitions button:has-text("${action}")`);
        await page.fill('.transitions form input[name="reason"]', `演示：${action}`);
        await page.click('.transitions form button[type="submit"]');
        await page.waitForSelector(`[data-testid="parcel-page"] .state:has-text("${state}")`);
      }
      await page.click('[data-testid="obligation-open"]');
      const form = '[data-testid="obligation-form"]';
      // The targets default to the land occupied, class by class.
      const cultivated = await page.inputValue(`${form} input[name="target-cultivatedM2"]`);
      const targets = await page
        .locator(`${form} input[name^="target-"]`)
        .evaluateAll((inputs) =>
          inputs.reduce((sum, i) => sum + Number((i as HTMLInputElement).value), 0),
        );
      expect(targets).toBeGreaterThan(0);
      await page.fill(`${form} input[name="estimatedCostYuan"]`, '52000');
      await page.fill(`${form} input[name="planNumber"]`, '贾复垦方案〔2023〕7号');
      // The record names no land user: the obligor is entered.
      await page.fill(`${form} input[name="obligor"]`, '国网徐州供电公司');
      await page.fill(`${form} input[name="reason"]`, '复垦方案已审查');
      await page.click(`${form} button[type="submit"]`);
      await page.waitForSelector(
        '[data-testid="obligation-page"] [data-testid="obligation-deadline"]',
      );
      expect(page.url()).toMatch(/\/reclamation\/obligations\/[0-9a-f-]{36}$/);
      const text = (selector: string) => page.textContent(selector).then((t) => t ?? '');
      expect(await text('[data-testid="obligation-page"] h2')).toContain('220千伏线路塔基施工场地');
      // TL-RECL-01: term end 2025-04-19 plus one year.
      expect(await text('[data-testid="obligation-deadline"]')).toContain('2026-04-19');
      expect(
        await text('[data-testid="plan-targets"] tr[data-class="cultivatedM2"] td:last-child'),
      ).toBe(
        Number(cultivated).toLocaleString('zh-CN', {
          minimumFractionDigits: 2,
          maximumFractionDigits: 2,
        }),
      );
      await shot('opened', '[data-testid="obligation-deadline"]');

      // The plan changed on the obligation's page: the cost, and so the amount to deposit.
      await page.click('[data-testid="plan-edit-open"]');
      const edit = '[data-testid="plan-edit-form"]';
      expect(await page.inputValue(`${edit} input[name="estimatedCostYuan"]`)).toBe('52000');
      await page.fill(`${edit} input[name="estimatedCostYuan"]`, '61000');
      await page.fill(`${edit} input[name="reason"]`, '方案变更：增加排水沟');
      await page.click(`${edit} button[type="submit"]`);
      await page.waitForFunction(() =>
        document
          .querySelector('[data-testid="obligation-page"] dl.details')
          ?.textContent?.includes('61,000.00'),
      );
      expect(await page.locator(edit).count()).toBe(0);
      await shot('plan-changed');
      await openObligation(); // back to the Pan'an Lake obligation for the rest
    });

    it('refuses an extension applied for after the deadline, and shows why', async () => {
      const { page } = session.browser;
      await page.click('[data-testid="extension-open"]');
      const form = '[data-testid="extension-form"]';
      await page.fill(`${form} input[name="appliedOn"]`, '2027-03-01');
      await page.fill(`${form} input[name="approvedOn"]`, '2027-03-02');
      await page.fill(`${form} input[name="newDeadline"]`, '2027-09-30');
      await page.fill(`${form} textarea[name="statement"]`, '汛期内涝，复垦工程停工');
      await page.fill(`${form} input[name="reason"]`, '复垦期限延期');
      const errorsBefore = session.browser.errors.length;
      await page.click(`${form} button[type="submit"]`);
      await page.waitForSelector(`${form} [data-testid="form-error"]`);
      // The refusal (409) is the one console error expected.
      expect(session.browser.errors.splice(errorsBefore)).toEqual([
        expect.stringContaining('status of 409'),
      ]);
      expect(await page.textContent(`${form} [data-testid="form-error"]`)).toContain(
        '晚于复垦期限 2027-02-28',
      );
      await shot('extension-refused', form);
      await page.click(`${form} button:has-text("取消")`);
      expect(await page.locator('[data-testid="extensions"]').count()).toBe(0);
    });

    it('adds a progress report with a photo', async () => {
      const { page } = session.browser;
      const form = '[data-testid="report-form"]';
      await page.fill(`${form} input[name="percentComplete"]`, '100');
      await page.fill(`${form} textarea[name="summary"]`, '东侧补覆表土至 65 厘米，全部完工。');
      await page.setInputFiles(`${form} input[name="photos"]`, {
        name: '补覆表土.png',
        mimeType: 'image/png',
        buffer: png,
      });
      await page.fill(`${form} input[name="reason"]`, '复垦进展上报');
      await page.click(`${form} button[type="submit"]`);
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="report"]').length === 2,
      );
      const newest = page.locator('[data-testid="report"]').first();
      expect(await newest.textContent()).toContain('完成 100%');
      expect(await newest.locator('img').getAttribute('alt')).toBe('补覆表土.png');
      // The photo is served back as the bytes uploaded.
      const size = await newest.locator('img').evaluate(async (element) => {
        const img = element as HTMLImageElement;
        await img.decode();
        return img.naturalWidth;
      });
      expect(size).toBe(1);
      await shot('report', '[data-testid="reports"]');
    });

    it('lets the supervisor join the panel and fail the first round with a rectification item', async () => {
      const { page } = session.browser;
      await login('xuzhou');
      await openObligation();
      // Not on the panel yet: no verdict form, a note instead.
      expect(await page.locator(`${round(1)} [data-testid="verdict-form"]`).count()).toBe(0);
      await page.click(`${round(1)} [data-testid="panel-open"]`);
      const panel = `${round(1)} [data-testid="panel-form"]`;
      await page.fill(`${panel} input[name="member-0"]`, '徐州市自然资源和规划局 王强');
      await page.check(`${panel} input[name="me-0"]`);
      await page.fill(`${panel} input[name="reason"]`, '市局参加联合验收');
      await page.click(`${panel} button[type="submit"]`);
      const verdict = `${round(1)} [data-testid="verdict-form"]`;
      await page.waitForSelector(verdict);
      await page.check(`${verdict} input[value="fail"]`);
      await page.fill(
        `${verdict} textarea[name="rectificationItems"]`,
        '东侧 0.2 公顷表土厚度不足 60 厘米，补覆表土',
      );
      await page.fill(`${verdict} input[name="rectificationDueOn"]`, shanghaiDate(30));
      await page.fill(`${verdict} input[name="reason"]`, '联合验收结论');
      await page.click(`${verdict} button[type="submit"]`);
      await page.waitForSelector(`${round(1)} [data-testid="rectification"]`);
      expect(await page.textContent(`${round(1)} [data-testid="round-status"]`)).toBe('验收不合格');
      expect(await page.textContent(`${round(1)} [data-testid="rectification"]`)).toContain(
        '补覆表土',
      );
      await shot('failed', round(1));
    });

    it('lets the land user’s own account file the second round with measurements that meet the criteria, and nothing of the bureau’s', async () => {
      const { page } = session.browser;
      // The enterprise that uses the land: its obligations from its own menu.
      await login('panan');
      await page.click('header nav >> text=我的复垦义务');
      await page.waitForSelector(
        '[data-testid="my-obligations"] [data-testid="obligations"] tbody tr',
      );
      expect(
        await page.locator('[data-testid="my-obligations"] tbody tr').allTextContents(),
      ).toEqual([expect.stringContaining('潘安湖湿地公园二期拌合站')]);
      await page.click('[data-testid="my-obligations"] tbody tr');
      await page.waitForSelector('[data-testid="obligation-page"] [data-testid="ledger-entries"]');
      expect(page.url()).toBe(obligationUrl);
      // Reports and applications only: no plan, extension, ledger, panel or verdict forms.
      await page.waitForSelector('[data-testid="report-form"]');
      for (const bureauOnly of [
        'plan-edit-open',
        'extension-open',
        'ledger-release',
        'ledger-form',
        'panel-open',
        'verdict-form',
      ])
        expect(await page.locator(`[data-testid="${bureauOnly}"]`).count(), bureauOnly).toBe(0);
      await shot('enterprise');
      const form = '[data-testid="apply-form"]';
      await page.waitForSelector(form);
      expect(await page.locator(`${form} select[name="filedBy"]`).count()).toBe(0);
      expect(await page.textContent(`${form} h4`)).toContain('第 2 轮');
      await page.fill(`${form} textarea[name="statement"]`, '已按整改事项补覆表土至 65 厘米。');
      await page.selectOption(`${form} select[name="criteriaRegion"]`, 'huang_huai_hai_plain');
      await page.waitForSelector(`${form} [data-testid="measured"]`);
      const measured: Record<string, string> = {
        soil_thickness: '65',
        soil_ph: '7.4',
        soil_organic_matter: '1.6',
        slope: '2',
        vegetation_cover: '75',
        survival_rate: '90',
      };
      for (const input of await page.locator(`${form} [data-testid="measured"] input`).all()) {
        const name = ((await input.getAttribute('name')) ?? '').replace('measured-', '');
        await input.fill(measured[name] ?? '');
      }
      await page.fill(`${form} input[name="reason"]`, '整改后重新申请验收');
      await page.click(`${form} button[type="submit"]`);
      await page.waitForSelector(round(2));
      expect(await page.textContent(`${round(2)} [data-testid="round-status"]`)).toBe('待验收');
      expect(await page.textContent(round(2))).toContain('用地单位申请');
      // Decided within 60 working days, counted by the server.
      expect(await page.textContent(`${round(2)} [data-testid="decision-due"]`)).toMatch(
        /剩 \d+ 个工作日/,
      );
      expect(
        await page.textContent(
          `${round(2)} [data-direction="cultivated"] [data-testid="criteria-verdict"]`,
        ),
      ).toBe('达标');
      await shot('applied', round(2));
    });

    it('lets the supervisor pass it: confirmation, notice and land-class change; then release the deposit', async () => {
      const { page } = session.browser;
      await login('xuzhou');
      await openObligation();
      // The panel of the last round, the supervisor still on it.
      await page.click(`${round(2)} [data-testid="panel-open"]`);
      const panel = `${round(2)} [data-testid="panel-form"]`;
      expect(await page.isChecked(`${panel} input[name="me-0"]`)).toBe(true);
      await page.fill(`${panel} input[name="reason"]`, '联合验收组不变');
      await page.click(`${panel} button[type="submit"]`);
      const verdict = `${round(2)} [data-testid="verdict-form"]`;
      await page.waitForSelector(verdict);
      await page.fill(`${verdict} input[name="confirmationNumber"]`, '贾复验〔2026〕7号');
      await page.fill(`${verdict} input[name="reason"]`, '联合验收合格');
      await page.click(`${verdict} button[type="submit"]`);
      await page.waitForSelector(`${round(2)} [data-testid="confirmation"]`);
      expect(await page.textContent(`${round(2)} [data-testid="round-status"]`)).toBe('验收合格');
      expect(await page.textContent(`${round(2)} [data-testid="confirmation"]`)).toContain(
        '贾复验〔2026〕7号',
      );
      expect(await page.textContent('[data-testid="obligation-status"]')).toBe('验收合格');
      const link = page.locator(`${round(2)} [data-testid="acceptance-notice"] a`);
      await link.waitFor();
      expect(await link.textContent()).toContain('土地复垦验收结果公示');
      noticeUrl = `${session.base}${(await link.getAttribute('href')) ?? ''}`;
      await page.waitForSelector(`${round(2)} [data-testid="land-class-change"] table`);

      await page.click('[data-testid="ledger-release"]');
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="ledger-released"]')?.textContent ===
          '186,000.00 元',
      );
      expect(await page.textContent('[data-testid="ledger-held"]')).toBe('0.00 元');
      await shot('passed', round(2));
      await shot('released', '[data-testid="ledger"]');
    });

    it('puts the notice on the public board, where the public objects', async () => {
      const { page } = session.browser;
      await logOut(page);
      await page.goto(noticeUrl);
      await page.waitForSelector('[data-testid="notice-page"]');
      expect(await page.textContent('[data-testid="notice-page"] h2')).toContain(
        '土地复垦验收结果公示',
      );
      // It carries the record's place, drawn on the map.
      const details = (await page.textContent('[data-testid="notice-page"] dl')) ?? '';
      expect(details).toContain('已在地图上标出公示位置');
      expect(details).not.toContain('本公示未标注位置');
      await page.waitForSelector('[data-testid="objection-form"]');
      await page.fill('textarea[name="body"]', '东侧地块表土是否已补足，请公开检测数据。');
      await page.click('button:has-text("提交异议")');
      await page.waitForSelector('[data-testid="receipt-box"]', { timeout: 30_000 });
      expect(await page.textContent('[data-testid="receipt-number"]')).toMatch(/^PN/);
      await shot('public-objection');
    });

    it('lets the clerk answer the objection; the land-class change and the released deposit stand', async () => {
      const { page } = session.browser;
      await login('jiawang');
      await openObligation();
      const form = `${round(2)} [data-testid="answer-form"]`;
      await page.waitForSelector(form, { timeout: 30_000 });
      await page.fill(
        `${form} textarea[name="answer"]`,
        '检测报告已在区局网站公开：表土 65 厘米。',
      );
      await page.fill(`${form} input[name="reason"]`, '答复异议');
      await page.click(`${form} button[type="submit"]`);
      await page.waitForSelector(`${round(2)} [data-testid="objection-answer"]`);
      expect(await page.textContent(`${round(2)} [data-testid="objection-answer"]`)).toContain(
        '表土 65 厘米',
      );
      const change = `${round(2)} [data-testid="land-class-change"]`;
      expect(await page.textContent(change)).toContain('复垦后');
      expect(await page.textContent('[data-testid="ledger-released"]')).toBe('186,000.00 元');
      await shot('answered', change);

      // In English too.
      await page.click('header button:has-text("English")');
      await page.waitForSelector(`${round(2)} [data-testid="round-status"]:has-text("passed")`);
      expect(await page.textContent('[data-testid="obligation-page"] h2')).toContain(
        'Reclamation obligation',
      );
      await shot('english', round(2));
      await page.click('header button:has-text("中文")');

      // The dashboard counts the deposit released and draws the land reclaimed.
      await page.click('header nav >> text=复垦');
      await page.waitForSelector('[data-testid="chart-reclaimed"] canvas', { timeout: 60_000 });
      expect(await page.textContent('[data-testid="total-released"]')).toBe('186,000.00 元');
      const reclaimed = await page.textContent(
        '[data-testid="summary-divisions"] tr[data-division="320305"] [data-testid="reclaimed-m2"]',
      );
      // The plan's targets, found reclaimed: 3,185.57 m² cultivated and 29,454.62 m² other.
      expect(Number(reclaimed?.replace(/,/g, ''))).toBeCloseTo(32_640.19, 1);
      await shot('dashboard-after');
      expect(session.browser.errors).toEqual([]);
    });
  });
}
