// The reclamation workflow through the HTTP API, in both storage modes, on a clock the test
// sets: a record past its term gets an obligation with its plan (TL-RECL-04 findings), a
// deposit and a bank guarantee (TL-RECL-06), an extension refused one day after the deadline
// and granted before it (TL-RECL-03), a progress report with a photo, an application whose 60
// working days are counted (TL-RECL-05), a failed round with rectification items, a second
// round that passes — the record accepted through the register's lifecycle, a 30-day notice
// on the board with an objection answered, a land-class change event — and the deposit
// released. Refusals write nothing: release before acceptance, a verdict by a clerk who is not
// on the panel, another county's obligation, a province writing.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachMode } from '../../test/support/test-db.ts';
import { json, testPassword } from '../../test/support/test-app.ts';
import { systemActor } from '../identity/domain/actor.ts';
import type { AccountRole } from '../identity/domain/roles.ts';
import { asSystem } from '../identity/scoped-db.ts';
import { loadConfig } from '../platform/config/config.ts';
import { insertBatch, insertFeatures } from '../reference/layers/layers.store.ts';
import { buildApp } from '../server/app.ts';
import { createServices, type Services } from '../server/services.ts';
import type { App } from '../server/types.ts';
import { createAcceptanceService } from './acceptances.service.ts';
import { createLedgerService } from './ledger.service.ts';
import { createObligationService } from './obligations.service.ts';
import { createSummaryService } from './summary.service.ts';

/** A real 1×1 PNG. */
const pngBase64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const errorCode = (r: LightMyRequestResponse) => json<{ error: { code: string } }>(r).error.code;

type Breakdown = Record<
  | 'cultivatedM2'
  | 'farmlandM2'
  | 'forestM2'
  | 'otherAgriculturalM2'
  | 'constructionM2'
  | 'unusedM2',
  number
>;
interface Obligation {
  id: string;
  version: number;
  status: string;
  recordState: string;
  heldYuan: number;
  shortfallYuan: number;
  occupied: { breakdown: Breakdown; source: string } | null;
  deadline: { deadline: string; statutory: string; overdue: boolean } | null;
  findings: { code: string; severity: string }[];
  extensions: unknown[];
  reports: { photos: { id: string; sha256: string }[] }[];
  ledger: unknown[];
  guaranteeWarnings: { severity: string; daysLeft: number }[];
  acceptances: { id: string; round: number; status: string; criteriaChecks: unknown[] }[];
}
interface Acceptance {
  id: string;
  version: number;
  round: number;
  status: string;
  dueOn: string;
  due: { flag: string; workingDaysLeft: number };
  panelMissing: string[];
  noticeId: string | null;
  rectificationItems: string[] | null;
  criteriaChecks: {
    direction: string;
    verdict: string;
    findings: { indicator: string; status: string }[];
  }[];
}
interface Ledger {
  heldYuan: number;
  releasedYuan: number;
  entries: { kind: string; balanceYuan: number; basis: Record<string, unknown> | null }[];
  warnings: { severity: string }[];
}

/** A 200 × 200 m square near Pan'an Lake (Jiawang) at `dx` degrees east. */
const square = (dx: number) => {
  const [lng, lat] = [117.43 + dx, 34.4];
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lng, lat],
        [lng + 0.002, lat],
        [lng + 0.002, lat + 0.0018],
        [lng, lat + 0.0018],
        [lng, lat],
      ],
    ],
  };
};

describeEachMode('reclamation workflow over HTTP', (db) => {
  const clock = { day: '2026-03-10', today: () => clock.day };
  let services: Services;
  let app: App;
  const cookie: Record<string, string> = {};
  const userId: Record<string, string> = {};
  let recordId = '';
  let obligationId = '';
  let occupied: Breakdown;

  async function call(
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    who?: string,
    payload?: object,
  ) {
    return app.inject({
      method,
      url,
      ...(who ? { headers: { cookie: cookie[who]! } } : {}),
      ...(payload ? { payload } : {}),
    });
  }
  const obligation = async (who = 'jiawang') =>
    json<Obligation>(await call('GET', `/api/reclamation/obligations/${obligationId}`, who));
  const record = async () =>
    json<{ state: string; version: number; reclamationExtension: unknown }>(
      await call('GET', `/api/register/records/${recordId}`, 'jiawang'),
    );
  async function transition(id: string, action: string, reasonCode: string, occurredOn: string) {
    const current = json<{ version: number }>(
      await call('GET', `/api/register/records/${id}`, 'jiawang'),
    );
    const r = await call('POST', `/api/register/records/${id}/transitions`, 'jiawang', {
      version: current.version,
      action,
      reasonCode,
      occurredOn,
      reason: 'test',
    });
    expect(r.statusCode, r.body).toBe(200);
  }
  async function newRecord(name: string, dx: number): Promise<string> {
    const created = await services.register.create(
      systemActor('test'),
      {
        divisionCode: '320305',
        projectName: name,
        projectClass: 'transport',
        useType: 'material_yard',
        landUser: '徐州路桥工程有限公司',
        approvalNumber: `贾自然资临〔2024〕${Math.round(dx * 1000)}号`,
        approvalDate: '2024-02-20',
        termStart: '2024-03-01',
        termEnd: '2025-02-28',
        geometry: square(dx),
      },
      'test fixture',
    );
    let version = created.version;
    for (const step of [
      { action: 'register', reasonCode: 'REGISTERED', occurredOn: '2024-02-26' },
      { action: 'start_use', reasonCode: 'WORKS_STARTED', occurredOn: '2024-03-01' },
      { action: 'expire', reasonCode: 'TERM_ENDED', occurredOn: '2025-03-01' },
    ] as const)
      version = (
        await services.register.transition(
          systemActor('test'),
          created.id,
          version,
          step,
          'test fixture',
        )
      ).version;
    return created.id;
  }

  beforeAll(async () => {
    const base = createServices(db(), loadConfig({ RECLAIM_LOG_LEVEL: 'silent' }));
    const obligations = createObligationService(db(), base.register, clock);
    const acceptances = createAcceptanceService(db(), base.register, base.notices, obligations);
    services = {
      ...base,
      obligations,
      acceptances,
      reclamationLedger: createLedgerService(db(), base.register, obligations),
      reclamationSummary: createSummaryService(db(), obligations, acceptances),
    };
    app = await buildApp(services, { logger: false });
    const accounts: [string, AccountRole, string][] = [
      ['jiawang', 'county', '320305'],
      ['panelist', 'county', '320305'],
      ['tongshan', 'county', '320312'],
      ['xuzhou', 'city', '320300'],
      ['jiangsu', 'province', '320000'],
    ];
    for (const [username, role, divisionCode] of accounts) {
      const user = await services.users.create(
        systemActor('test'),
        {
          username,
          displayName: username,
          role,
          divisionCode,
          isAdmin: false,
          password: testPassword,
        },
        'test fixture',
      );
      userId[username] = user.id;
      const login = await call('POST', '/api/auth/login', undefined, {
        username,
        password: testPassword,
      });
      cookie[username] =
        `reclaim_session=${login.cookies.find((c) => c.name === 'reclaim_session')!.value}`;
    }
    // Cultivated land (0103 旱地) under the western half of the first record, forest (0301) under the rest.
    await asSystem(
      db(),
      systemActor('test'),
      async (tx) => {
        const batch = await insertBatch(tx, {
          layer: 'land_class',
          divisionCode: '320305',
          surveyYear: 2024,
          source: 'test',
        });
        const strip = (from: number, to: number) => ({
          type: 'Polygon',
          coordinates: [
            [
              [117.43 + from, 34.399],
              [117.43 + to, 34.399],
              [117.43 + to, 34.403],
              [117.43 + from, 34.403],
              [117.43 + from, 34.399],
            ],
          ],
        });
        await insertFeatures(tx, 'land_class', batch, [
          {
            divisionCode: '320305',
            surveyCode: 'C',
            landClassCode: '0103',
            geometry: strip(-0.001, 0.001),
          },
          {
            divisionCode: '320305',
            surveyCode: 'F',
            landClassCode: '0301',
            geometry: strip(0.001, 0.02),
          },
        ]);
      },
      'test fixture',
    );
    recordId = await newRecord('徐贾快速路材料堆场', 0);
  }, 180_000);
  afterAll(() => app.close());

  describe('obligation and plan (TL-RECL-01, TL-RECL-04)', () => {
    it('opens the obligation with the plan checked against the land occupied', async () => {
      const bad = {
        cultivatedM2: 0,
        farmlandM2: 0,
        forestM2: 40_000,
        otherAgriculturalM2: 0,
        constructionM2: 0,
        unusedM2: 0,
      };
      const created = await call('POST', '/api/reclamation/obligations', 'jiawang', {
        recordId,
        planNumber: '复垦方案〔2024〕12号',
        targets: bad,
        estimatedCostYuan: 150_000,
        reason: '录入复垦方案',
      });
      expect(created.statusCode, created.body).toBe(201);
      const o = json<Obligation>(created);
      obligationId = o.id;
      expect(o.occupied?.source).toBe('overlay');
      occupied = o.occupied!.breakdown;
      expect(occupied.cultivatedM2).toBeGreaterThan(15_000);
      expect(occupied.forestM2).toBeGreaterThan(15_000);
      expect(o.findings.map((f) => `${f.code}:${f.severity}`)).toContain('TL-RECL-04:error');
      // Term ended 2025-02-28: reclamation due 2026-02-28, overdue on 2026-03-10.
      expect(o.deadline).toMatchObject({ deadline: '2026-02-28', overdue: true });
      expect(o.shortfallYuan).toBe(150_000);
      const again = await call('POST', '/api/reclamation/obligations', 'jiawang', {
        recordId,
        targets: bad,
        estimatedCostYuan: 1,
        reason: 'twice',
      });
      expect(again.statusCode).toBe(409);
      expect(errorCode(again)).toBe('OBLIGATION_EXISTS');
    });

    it('takes a corrected plan, cultivated land back to cultivated land', async () => {
      const o = await obligation();
      const patched = await call(
        'PATCH',
        `/api/reclamation/obligations/${obligationId}`,
        'jiawang',
        {
          targets: occupied,
          version: o.version,
          reason: '方案修改：耕地恢复为耕地',
        },
      );
      expect(patched.statusCode, patched.body).toBe(200);
      expect(json<Obligation>(patched).findings).toEqual([]);
    });

    it('lists it as overdue, to the city above, not to the neighbouring county', async () => {
      const city = json<{ items: { id: string }[]; total: number }>(
        await call('GET', '/api/reclamation/obligations?overdue=true', 'xuzhou'),
      );
      expect(city.items.map((i) => i.id)).toEqual([obligationId]);
      const tongshan = json<{ total: number }>(
        await call('GET', '/api/reclamation/obligations', 'tongshan'),
      );
      expect(tongshan.total).toBe(0);
      expect(
        (await call('GET', `/api/reclamation/obligations/${obligationId}`, 'tongshan')).statusCode,
      ).toBe(404);
      // Found from its record (the parcel page links to it); another county finds nothing.
      const byRecord = (who: string) =>
        call('GET', `/api/reclamation/obligations?recordId=${recordId}`, who).then(
          (r) => json<{ items: { id: string }[] }>(r).items,
        );
      expect((await byRecord('jiawang')).map((i) => i.id)).toEqual([obligationId]);
      expect(await byRecord('tongshan')).toEqual([]);
    });
  });

  describe('extension of the deadline (TL-RECL-03)', () => {
    const ask = (appliedOn: string) =>
      call('POST', `/api/reclamation/obligations/${obligationId}/extensions`, 'jiawang', {
        cause: 'disaster',
        appliedOn,
        approvedOn: '2026-03-05',
        newDeadline: '2026-09-30',
        statement: '2025 年汛期内涝，复垦工程停工',
        reason: '复垦期限延期',
      });

    it('refuses one applied for the day after the deadline, and writes nothing', async () => {
      const late = await ask('2026-03-01');
      expect(late.statusCode).toBe(409);
      expect(errorCode(late)).toBe('TL-RECL-03');
      expect((await obligation()).extensions).toEqual([]);
      expect((await record()).reclamationExtension).toBeNull();
    });

    it('grants one applied for the day before, onto the record, and the obligation is no longer overdue', async () => {
      const granted = await ask('2026-02-27');
      expect(granted.statusCode, granted.body).toBe(201);
      expect(json<Obligation>(granted).deadline).toMatchObject({
        statutory: '2026-02-28',
        deadline: '2026-09-30',
        overdue: false,
      });
      expect((await record()).reclamationExtension).toEqual({
        appliedOn: '2026-02-27',
        newDeadline: '2026-09-30',
        cause: 'disaster',
      });
      const again = await ask('2026-03-02');
      expect(errorCode(again)).toBe('RECLAMATION_EXTENSION_EXISTS');
    });
  });

  describe('deposit and guarantee ledger (TL-RECL-06)', () => {
    const add = (who: string, payload: object) =>
      call('POST', `/api/reclamation/obligations/${obligationId}/ledger`, who, {
        reason: '复垦费用',
        ...payload,
      });

    it('records a deposit and a bank guarantee, and warns of the guarantee expiring within 30 days', async () => {
      expect(
        (
          await add('jiawang', {
            kind: 'deposit_paid',
            amountYuan: 120_000,
            occurredOn: '2024-03-01',
            account: '复垦费用监管专户 3203050001',
          })
        ).statusCode,
      ).toBe(201);
      const guarantee = await add('jiawang', {
        kind: 'guarantee_issued',
        amountYuan: 30_000,
        occurredOn: '2024-03-01',
        bank: '中国工商银行徐州贾汪支行',
        guaranteeNumber: 'BG2024-0301',
        guaranteeExpiresOn: '2026-03-31',
      });
      expect(guarantee.statusCode, guarantee.body).toBe(201);
      const ledger = json<Ledger>(guarantee);
      expect(ledger.heldYuan).toBe(150_000);
      expect(ledger.warnings).toMatchObject([{ severity: 'warning' }]);
      expect((await obligation()).shortfallYuan).toBe(0);
      const incomplete = await add('jiawang', {
        kind: 'guarantee_issued',
        amountYuan: 1,
        occurredOn: '2024-03-01',
      });
      expect(errorCode(incomplete)).toBe('GUARANTEE_INCOMPLETE');
    });

    it('refuses a release before acceptance with the rule code, and writes nothing', async () => {
      const early = await add('jiawang', { kind: 'release', occurredOn: '2026-03-10' });
      expect(early.statusCode).toBe(409);
      expect(errorCode(early)).toBe('TL-RECL-06');
      expect((await obligation()).ledger).toHaveLength(2);
    });

    it('refuses another county (404) and the province (403), writing nothing', async () => {
      expect(
        (await add('tongshan', { kind: 'top_up', amountYuan: 1, occurredOn: '2026-03-10' }))
          .statusCode,
      ).toBe(404);
      expect(
        (await add('jiangsu', { kind: 'top_up', amountYuan: 1, occurredOn: '2026-03-10' }))
          .statusCode,
      ).toBe(403);
      expect((await obligation()).ledger).toHaveLength(2);
    });
  });

  describe('progress and acceptance (TL-RECL-05)', () => {
    let first: Acceptance;
    let second: Acceptance;
    const members = () => [
      { name: '张建国', department: 'natural_resources', userId: userId.panelist },
      { name: '李农', department: 'agriculture' },
      { name: '王林', department: 'forestry' },
      { name: '赵环', department: 'environment' },
    ];

    it('takes a progress report with a photo, and refuses a file that is no photo', async () => {
      const notPhoto = await call(
        'POST',
        `/api/reclamation/obligations/${obligationId}/reports`,
        'jiawang',
        {
          reportedOn: '2026-03-06',
          percentComplete: 90,
          summary: '表土回覆完成',
          photos: [{ name: 'x.png', contentBase64: Buffer.from('not a photo').toString('base64') }],
          reason: '进展报告',
        },
      );
      expect(errorCode(notPhoto)).toBe('PHOTO_TYPE');
      expect((await obligation()).reports).toEqual([]);
      const report = await call(
        'POST',
        `/api/reclamation/obligations/${obligationId}/reports`,
        'jiawang',
        {
          reportedOn: '2026-03-06',
          percentComplete: 90,
          summary: '临时建筑已拆除，表土回覆完成，正在翻耕',
          photos: [{ name: '现场.png', contentBase64: pngBase64 }],
          reason: '进展报告',
        },
      );
      expect(report.statusCode, report.body).toBe(201);
      const photo = json<Obligation>(report).reports[0]!.photos[0]!;
      const content = await call('GET', `/api/reclamation/photos/${photo.id}/content`, 'xuzhou');
      expect(content.statusCode).toBe(200);
      expect(content.headers['x-content-sha256']).toBe(photo.sha256);
      expect(content.rawPayload.equals(Buffer.from(pngBase64, 'base64'))).toBe(true);
      expect(
        (await call('GET', `/api/reclamation/photos/${photo.id}/content`, 'tongshan')).statusCode,
      ).toBe(404);
    });

    it('refuses an application while the record is not reclaiming', async () => {
      const early = await call(
        'POST',
        `/api/reclamation/obligations/${obligationId}/acceptances`,
        'jiawang',
        {
          appliedOn: '2026-03-06',
          filedBy: 'clerk_on_behalf',
          reason: '代为申请验收',
        },
      );
      expect(errorCode(early)).toBe('ACCEPTANCE_RECORD_STATE');
      await transition(recordId, 'start_reclamation', 'USE_ENDED', '2025-03-02');
    });

    it('refuses to accept the reclaiming record through the register lifecycle (TL-RECL-05)', async () => {
      const current = await record();
      const direct = await call(
        'POST',
        `/api/register/records/${recordId}/transitions`,
        'jiawang',
        {
          version: current.version,
          action: 'accept',
          reasonCode: 'RECLAMATION_ACCEPTED',
          occurredOn: '2026-03-05',
          reason: 'try',
        },
      );
      expect(direct.statusCode).toBe(409);
      const error = json<{ error: { code: string; messageZh: string; message: string } }>(
        direct,
      ).error;
      expect(error.code).toBe('ACCEPT_BY_ACCEPTANCE_WORKFLOW');
      expect(error.messageZh).toContain('复垦验收流程');
      expect(error.message).toContain('acceptance workflow');
      expect(await record()).toMatchObject({ state: 'reclaiming', version: current.version });
    });

    it('files an application with its decision due 60 working days later (May Day counted out)', async () => {
      const applied = await call(
        'POST',
        `/api/reclamation/obligations/${obligationId}/acceptances`,
        'jiawang',
        {
          appliedOn: '2026-03-05',
          filedBy: 'clerk_on_behalf',
          statement: '复垦工程已完工，申请验收',
          reason: '代为申请验收',
        },
      );
      expect(applied.statusCode, applied.body).toBe(201);
      first = json<Acceptance>(applied);
      // 03-06…03-31: 18; April without Qingming (04-06): 21 (39); May 6–8, Saturday 05-09 and
      // 11–29: 19 (58); 06-01, 06-02 (60).
      expect(first).toMatchObject({ round: 1, status: 'applied', dueOn: '2026-06-02' });
      expect(first.due.flag).toBe('on_time');
      expect(first.panelMissing).toEqual([
        'natural_resources',
        'agriculture',
        'forestry',
        'environment',
      ]);
    });

    it('refuses a verdict without a joint panel, and from a clerk who is not on it', async () => {
      const verdict = (who: string, version: number) =>
        call('POST', `/api/reclamation/acceptances/${first.id}/verdict`, who, {
          verdict: 'fail',
          version,
          decidedOn: '2026-03-09',
          rectificationItems: ['东侧 0.2 公顷表土厚度不足 30 厘米'],
          rectificationDueOn: '2026-04-30',
          reason: '验收结论',
        });
      expect(errorCode(await verdict('panelist', first.version))).toBe('PANEL_INCOMPLETE');
      const panel = await call(
        'POST',
        `/api/reclamation/acceptances/${first.id}/panel`,
        'jiawang',
        {
          members: members(),
          version: first.version,
          reason: '组成联合验收组',
        },
      );
      expect(panel.statusCode, panel.body).toBe(200);
      first = json<Acceptance>(panel);
      expect(first.panelMissing).toEqual([]);
      const clerk = await verdict('jiawang', first.version);
      expect(clerk.statusCode).toBe(403);
      expect(errorCode(clerk)).toBe('ACCEPTANCE_NOT_ON_PANEL');
      const tongshan = await verdict('tongshan', first.version);
      expect(tongshan.statusCode).toBe(404);
      expect(
        json<Acceptance>(await call('GET', `/api/reclamation/acceptances/${first.id}`, 'jiawang'))
          .status,
      ).toBe('applied');
      const failed = await verdict('panelist', first.version);
      expect(failed.statusCode, failed.body).toBe(200);
      expect(json<Acceptance>(failed)).toMatchObject({
        status: 'failed',
        rectificationItems: ['东侧 0.2 公顷表土厚度不足 30 厘米'],
      });
    });

    it('takes a new application only with the rectification stated', async () => {
      const url = `/api/reclamation/obligations/${obligationId}/acceptances`;
      const bare = await call('POST', url, 'jiawang', {
        appliedOn: '2026-03-10',
        filedBy: 'land_user',
        reason: '重新申请',
      });
      expect(errorCode(bare)).toBe('RECTIFICATION_STATEMENT_MISSING');
      // The province's criteria for cultivated land in its plain region, as data.
      await services.acceptanceCriteria.replace(
        systemActor('test'),
        {
          divisionCode: '320000',
          region: 'test_plain',
          direction: 'cultivated',
          rows: [
            { indicator: 'soil_thickness', operator: '>=', threshold: 30, unit: 'cm' },
            {
              indicator: 'soil_ph',
              operator: 'between',
              threshold: 6,
              thresholdHigh: 8.5,
              unit: 'pH',
            },
          ],
        },
        '验收标准',
      );
      const again = await call('POST', url, 'jiawang', {
        appliedOn: '2026-03-10',
        filedBy: 'land_user',
        statement: '已补覆表土至 35 厘米',
        criteriaRegion: 'test_plain',
        measured: [
          { indicator: 'soil_thickness', value: 35, unit: 'cm' },
          { indicator: 'soil_ph', value: 9.1, unit: 'pH' },
          { indicator: 'road_density', value: 2, unit: 'km/km²' },
        ],
        reason: '整改后重新申请验收',
      });
      expect(again.statusCode, again.body).toBe(201);
      second = json<Acceptance>(again);
      expect(second.round).toBe(2);
      // The measured indicators checked against the criteria table (TL-RECL-05), per direction.
      const cultivated = second.criteriaChecks.find((c) => c.direction === 'cultivated');
      expect(cultivated).toMatchObject({
        verdict: 'fail',
        region: 'test_plain',
        criteriaDivisionCode: '320000',
        notAssessed: [{ indicator: 'road_density', value: 2, unit: 'km/km²' }],
      });
      expect(cultivated?.findings.map((f) => `${f.indicator}:${f.status}`).sort()).toEqual([
        'soil_ph:not_met',
        'soil_thickness:met',
      ]);
      // The first round named no region: nothing was checked.
      const rounds = (await obligation()).acceptances;
      expect(rounds.map((r) => r.criteriaChecks.length)).toEqual([0, second.criteriaChecks.length]);
      second = json<Acceptance>(
        await call('POST', `/api/reclamation/acceptances/${second.id}/panel`, 'jiawang', {
          members: members(),
          version: second.version,
          reason: '组成联合验收组',
        }),
      );
    });

    it('refuses a pass for land not reclaimed as TL-RECL-04 asks, and writes nothing', async () => {
      const short = await call(
        'POST',
        `/api/reclamation/acceptances/${second.id}/verdict`,
        'panelist',
        {
          verdict: 'pass',
          version: second.version,
          decidedOn: '2026-03-10',
          confirmationNumber: '贾复验〔2026〕1号',
          reclaimed: {
            ...occupied,
            cultivatedM2: occupied.cultivatedM2 / 2,
            unusedM2: occupied.cultivatedM2 / 2,
          },
          reason: '验收结论',
        },
      );
      expect(short.statusCode).toBe(409);
      expect(errorCode(short)).toBe('TL-RECL-04');
      expect((await record()).state).toBe('reclaiming');
      expect((await obligation()).status).toBe('open');
    });

    it('passes: the record accepted, the notice published, the land-class change recorded', async () => {
      const passed = await call(
        'POST',
        `/api/reclamation/acceptances/${second.id}/verdict`,
        'panelist',
        {
          verdict: 'pass',
          version: second.version,
          decidedOn: '2026-03-10',
          confirmationNumber: '贾复验〔2026〕1号',
          reason: '联合验收合格',
        },
      );
      expect(passed.statusCode, passed.body).toBe(200);
      second = json<Acceptance>(passed);
      expect(second.status).toBe('passed');
      expect((await record()).state).toBe('accepted');
      expect(await obligation()).toMatchObject({ status: 'accepted', recordState: 'accepted' });

      const notice = json<{
        state: string;
        kind: { code: string };
        subject: { type: string; id: string };
        window: { length: number; unit: string; open: boolean };
        place: { type: string; coordinates: [number, number] } | null;
      }>(await call('GET', `/api/notices/${second.noticeId}`));
      expect(notice).toMatchObject({
        state: 'published',
        kind: { code: 'reclamation_acceptance' },
        subject: { type: 'reclamation_acceptance', id: second.id },
        window: { length: 30, unit: 'calendar_days', open: true },
      });
      // The notice points at the record's land: a point inside its square (square(0)).
      expect(notice.place?.type).toBe('Point');
      const [lng, lat] = notice.place?.coordinates ?? [0, 0];
      expect(lng).toBeGreaterThan(117.43);
      expect(lng).toBeLessThan(117.432);
      expect(lat).toBeGreaterThan(34.4);
      expect(lat).toBeLessThan(34.4018);

      const changes = json<{
        items: { acceptanceId: string; beforeM2: Breakdown; afterM2: Breakdown }[];
      }>(await call('GET', `/api/reclamation/land-class-changes?recordId=${recordId}`, 'jiangsu'));
      expect(changes.items).toHaveLength(1);
      expect(changes.items[0]).toMatchObject({
        acceptanceId: second.id,
        beforeM2: occupied,
        afterM2: occupied,
      });
    });

    it('takes an objection on the notice and answers it', async () => {
      const filed = await call('POST', `/api/notices/${second.noticeId}/objections`, undefined, {
        body: '东侧田块仍有建筑垃圾未清运',
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const { receipt } = json<{ receipt: string }>(filed);
      const list = json<{ items: { id: string; version: number }[] }>(
        await call('GET', `/api/notices/objections?noticeId=${second.noticeId}`, 'jiawang'),
      );
      const objection = list.items[0]!;
      const answered = await call(
        'POST',
        `/api/notices/objections/${objection.id}/actions`,
        'jiawang',
        {
          action: 'answer',
          version: objection.version,
          answer: '经现场核查，建筑垃圾已于 3 月 12 日清运完毕',
          reason: '答复异议',
        },
      );
      expect(answered.statusCode, answered.body).toBe(200);
      const lookup = json<{ status: string; answer: string }>(
        await call('POST', '/api/notices/objections/lookup', undefined, { receipt }),
      );
      expect(lookup.status).toBe('answered');
    });

    it('releases the deposit after the pass, once', async () => {
      const url = `/api/reclamation/obligations/${obligationId}/ledger`;
      const released = await call('POST', url, 'jiawang', {
        kind: 'release',
        occurredOn: '2026-03-10',
        reason: '验收合格返还',
      });
      expect(released.statusCode, released.body).toBe(201);
      const ledger = json<Ledger>(released);
      expect(ledger).toMatchObject({ heldYuan: 0, releasedYuan: 150_000, warnings: [] });
      expect(ledger.entries.at(-1)!.basis).toMatchObject({
        ground: 'acceptance_passed',
        acceptanceId: second.id,
      });
      const twice = await call('POST', url, 'jiawang', {
        kind: 'release',
        occurredOn: '2026-03-10',
        reason: 'again',
      });
      expect(errorCode(twice)).toBe('LEDGER_NOTHING_HELD');
      const forfeit = await call('POST', url, 'jiawang', {
        kind: 'forfeit',
        amountYuan: 1,
        occurredOn: '2026-03-10',
        reason: '代为复垦',
      });
      expect(errorCode(forfeit)).toBe('OBLIGATION_SETTLED');
    });

    it('keeps every step in history with its reason', async () => {
      const versions = json<{ items: { version: number; reason: string }[] }>(
        await call('GET', `/api/history/reclamation-acceptances/${second.id}`, 'jiawang'),
      );
      expect(versions.items.map((v) => v.reason)).toEqual([
        '整改后重新申请验收',
        '组成联合验收组',
        '联合验收合格',
      ]);
      const ledger = json<{ items: unknown[] }>(
        await call('GET', `/api/history/reclamation-obligations/${obligationId}`, 'jiawang'),
      );
      expect(ledger.items.length).toBe(3);
    });

    it('sums it up per county for the city: released, reclaimed by land class', async () => {
      const summary = json<{
        divisions: {
          divisionCode: string;
          accepted: number;
          releasedYuan: number;
          reclaimed: Breakdown;
        }[];
      }>(await call('GET', '/api/reclamation/summary', 'xuzhou'));
      const jiawang = summary.divisions.find((d) => d.divisionCode === '320305')!;
      expect(jiawang).toMatchObject({ accepted: 1, releasedYuan: 150_000 });
      expect(jiawang.reclaimed.cultivatedM2).toBeCloseTo(occupied.cultivatedM2, 2);
      const tongshan = json<{ divisions: unknown[] }>(
        await call('GET', '/api/reclamation/summary', 'tongshan'),
      );
      expect(tongshan.divisions).toEqual([]);
    });
  });

  it('releases the deposit of land lawfully converted to construction land', async () => {
    const convertedId = await newRecord('转为建设用地的堆场', 0.01);
    const created = json<Obligation>(
      await call('POST', '/api/reclamation/obligations', 'jiawang', {
        recordId: convertedId,
        targets: {
          cultivatedM2: 0,
          farmlandM2: 0,
          forestM2: 40_000,
          otherAgriculturalM2: 0,
          constructionM2: 0,
          unusedM2: 0,
        },
        estimatedCostYuan: 80_000,
        reason: '录入复垦方案',
      }),
    );
    const url = `/api/reclamation/obligations/${created.id}/ledger`;
    await call('POST', url, 'jiawang', {
      kind: 'deposit_paid',
      amountYuan: 80_000,
      occurredOn: '2024-03-01',
      reason: '缴存',
    });
    expect(
      errorCode(
        await call('POST', url, 'jiawang', {
          kind: 'release',
          occurredOn: '2026-03-10',
          reason: '返还',
        }),
      ),
    ).toBe('TL-RECL-06');
    await transition(convertedId, 'convert', 'CONVERTED_TO_CONSTRUCTION_LAND', '2026-03-08');
    const released = await call('POST', url, 'jiawang', {
      kind: 'release',
      occurredOn: '2026-03-10',
      reason: '依法转用返还',
    });
    expect(released.statusCode, released.body).toBe(201);
    expect(json<Ledger>(released).entries.at(-1)!.basis).toMatchObject({
      ground: 'converted_to_construction_land',
    });
    expect(
      json<Obligation>(await call('GET', `/api/reclamation/obligations/${created.id}`, 'jiawang'))
        .status,
    ).toBe('converted');
  });
});
