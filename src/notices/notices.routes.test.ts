// The notice board through the HTTP API, in both storage modes, on a clock the test moves:
// a notice's lifecycle and its window around National Day 2026, objections from the public
// (inside the window only, bounded, rate-limited, with a receipt that reveals nothing else),
// their handling in scope (Tongshan cannot touch Jiawang's), history, and provincial kinds.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachMode } from '../../test/support/test-db.ts';
import { json, testPassword } from '../../test/support/test-app.ts';
import { publicActor, systemActor } from '../identity/domain/actor.ts';
import { inScope } from '../identity/scoped-db.ts';
import type { AccountRole } from '../identity/domain/roles.ts';
import { loadConfig } from '../platform/config/config.ts';
import { buildApp } from '../server/app.ts';
import { createServices, type Services } from '../server/services.ts';
import type { App } from '../server/types.ts';
import { createNoticeService } from './notices.service.ts';
import { createObjectionService } from './objections.service.ts';

/** Shanghai local time (UTC+8) as an instant. */
const shanghai = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

interface Notice {
  id: string;
  state: string;
  version: number;
  window: {
    endsOn: string;
    open: boolean;
    lastDay: boolean;
    daysRemaining: number;
    length: number;
    unit: string;
  } | null;
  objections: { total: number; awaitingAnswer: number; overdue: number } | null;
  createdBy: string | null;
  basis: { setBy: string; ruleCodes: string[] } | null;
}
interface Objection {
  id: string;
  status: string;
  version: number;
  receiptHint: string;
  answer: string | null;
  answerDeadline: {
    dueOn: string;
    overdue: boolean;
    daysOverdue: number;
    answeredLate: boolean;
    daysLeft: number;
  };
}
const errorCode = (r: LightMyRequestResponse) => json<{ error: { code: string } }>(r).error.code;

describeEachMode('notice board', (db) => {
  const clock = { at: shanghai('2026-09-24'), now: () => clock.at };
  let services: Services;
  let app: App;
  const cookie: Record<string, string> = {};
  const userId: Record<string, string> = {};
  let recordId = '';
  let addressCount = 0;

  async function call(
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    who?: string,
    payload?: object,
    remoteAddress?: string,
  ) {
    addressCount += 1;
    return app.inject({
      method,
      url,
      ...(who ? { headers: { cookie: cookie[who]! } } : {}),
      ...(payload ? { payload } : {}),
      remoteAddress:
        remoteAddress ?? `10.0.${Math.floor(addressCount / 250)}.${(addressCount % 250) + 1}`,
    });
  }

  beforeAll(async () => {
    const base = createServices(
      db(),
      loadConfig({ RECLAIM_LOG_LEVEL: 'silent', RECLAIM_OBJECTIONS_PER_HOUR: '3' }),
    );
    services = {
      ...base,
      notices: createNoticeService(db(), base.calendar, clock),
      objections: createObjectionService(db(), base.calendar, clock),
    };
    app = await buildApp(services, { logger: false });
    const accounts: [string, AccountRole, string, boolean?][] = [
      ['jiawang', 'county', '320305'],
      ['jiawang2', 'county', '320305'],
      ['tongshan', 'county', '320312'],
      ['xuzhou', 'city', '320300'],
      ['jiangsu', 'province', '320000', true],
      ['company', 'enterprise', '320305'],
    ];
    for (const [username, role, divisionCode, isAdmin] of accounts) {
      const user = await services.users.create(
        systemActor('test'),
        {
          username,
          displayName: username,
          role,
          divisionCode,
          isAdmin: isAdmin ?? false,
          password: testPassword,
        },
        'test fixture',
      );
      userId[username] = user.id;
      const login = await call('POST', '/api/auth/login', undefined, {
        username,
        password: testPassword,
      });
      const session = login.cookies.find((c) => c.name === 'reclaim_session')!;
      cookie[username] = `reclaim_session=${session.value}`;
    }
    const ring = [
      [117.402, 34.394],
      [117.406, 34.394],
      [117.406, 34.397],
      [117.402, 34.397],
      [117.402, 34.394],
    ];
    recordId = (
      await services.register.create(
        systemActor('test'),
        {
          divisionCode: '320305',
          projectName: '复垦方案审查测试项目',
          projectClass: 'transport',
          useType: 'material_yard',
          approvalDate: '2026-03-02',
          termEnd: '2028-03-01',
          geometry: { type: 'Polygon', coordinates: [ring] },
        },
        'test fixture',
      )
    ).id;
  }, 120_000);
  afterAll(() => app.close());

  const draft = (extra: object = {}) => ({
    kindCode: 'reclamation_plan_review',
    subjectType: 'temporary_land',
    subjectId: recordId,
    titleZh: '复垦方案审查公示',
    bodyZh: '现将某项目土地复垦方案审查情况予以公示。\n如有异议，请在公示期内提出。',
    place: { type: 'Point', coordinates: [117.404, 34.395] },
    reason: '拟公示',
    ...extra,
  });

  /** A notice without a subject, published by Jiawang now (on the test's clock). */
  async function publishedNotice(): Promise<Notice> {
    const created = json<Notice>(
      await call('POST', '/api/notices', 'jiawang', draft({ subjectType: null, subjectId: null })),
    );
    return json<Notice>(
      await call('POST', `/api/notices/${created.id}/actions`, 'jiawang', {
        action: 'publish',
        version: created.version,
        reason: '发布',
      }),
    );
  }

  let noticeId = '';
  let objectionId = '';
  let receipt = '';

  describe('a notice from draft to closed, with an objection answered', () => {
    it('creates a draft that the public cannot see or object to', async () => {
      const created = await call('POST', '/api/notices', 'jiawang', draft());
      expect(created.statusCode, created.body).toBe(201);
      const notice = json<Notice>(created);
      expect(notice).toMatchObject({
        state: 'draft',
        window: null,
        createdBy: expect.stringContaining('jiawang'),
      });
      noticeId = notice.id;
      expect((await call('GET', `/api/notices/${noticeId}`)).statusCode).toBe(404);
      const objection = await call('POST', `/api/notices/${noticeId}/objections`, undefined, {
        body: '反对',
      });
      expect(objection.statusCode).toBe(404);
      expect(errorCode(objection)).toBe('NOTICE_NOT_FOUND');
      const edited = await call('PATCH', `/api/notices/${noticeId}`, 'jiawang', {
        titleEn: 'Reclamation plan review',
        version: 1,
        reason: '补充英文标题',
      });
      expect(json<Notice>(edited).version).toBe(2);
    });

    it('refuses bad drafts with a located error and stores nothing', async () => {
      const [before] = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM notice');
      const cases: [object, string, string][] = [
        [{ kindCode: 'no_such_kind' }, 'jiawang', 'NOTICE_KIND_UNKNOWN'],
        [{ divisionCode: '320312' }, 'jiawang', 'OUT_OF_SCOPE'],
        [{ divisionCode: '320312' }, 'xuzhou', 'NOTICE_SUBJECT_OUTSIDE_DIVISION'],
        [{ subjectId: recordId }, 'tongshan', 'NOTICE_SUBJECT_UNKNOWN'],
        [{ place: { type: 'Point', coordinates: [34.395, 117.404] } }, 'jiawang', 'PLACE_INVALID'],
        [{ titleZh: '  ' }, 'jiawang', 'TEXT_EMPTY'],
      ];
      for (const [extra, who, code] of cases) {
        const response = await call('POST', '/api/notices', who, draft(extra));
        expect(errorCode(response), JSON.stringify(extra)).toBe(code);
      }
      expect((await call('POST', '/api/notices', 'company', draft())).statusCode).toBe(403);
      const [after] = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM notice');
      expect(after!.n).toBe(before!.n);
    });

    it('publishes on Thu 2026-09-24: 7 working days skip Mid-Autumn and National Day and end on 10-12', async () => {
      const published = await call('POST', `/api/notices/${noticeId}/actions`, 'jiawang', {
        action: 'publish',
        version: 2,
        reason: '发布公示',
      });
      expect(published.statusCode, published.body).toBe(200);
      expect(json<Notice>(published)).toMatchObject({
        state: 'published',
        window: {
          length: 7,
          unit: 'working_days',
          endsOn: '2026-10-12',
          open: true,
          daysRemaining: 7,
        },
        basis: { setBy: 'national', ruleCodes: ['PN-01', 'PN-02'] },
      });
      const edit = await call('PATCH', `/api/notices/${noticeId}`, 'jiawang', {
        titleZh: '改标题',
        version: 3,
        reason: '修改标题',
      });
      expect(errorCode(edit)).toBe('NOTICE_NOT_DRAFT');
      const early = await call('POST', `/api/notices/${noticeId}/actions`, 'jiawang', {
        action: 'close',
        version: 3,
        reason: '提前关闭',
      });
      expect(errorCode(early)).toBe('NOTICE_WINDOW_OPEN');
    });

    it('shows the public the published notice without who made it or its objections', async () => {
      const list = json<{ items: Notice[] }>(await call('GET', '/api/notices?open=true'));
      const mine = list.items.find((n) => n.id === noticeId)!;
      expect(mine).toMatchObject({ state: 'published', createdBy: null, objections: null });
      expect(JSON.stringify(list)).not.toContain('jiawang (');
      // open=false lists the others: together they are all the public sees, none twice.
      const page = (query: string) =>
        call('GET', `/api/notices?limit=500${query}`).then((r) =>
          json<{ items: Notice[]; total: number }>(r),
        );
      const [all, open, rest] = [
        await page(''),
        await page('&open=true'),
        await page('&open=false'),
      ];
      expect(rest.items.map((n) => n.id)).not.toContain(noticeId);
      expect(rest.items.every((n) => !n.window?.open)).toBe(true);
      expect(open.items.every((n) => n.window?.open)).toBe(true);
      expect(open.total + rest.total).toBe(all.total);
      expect([...open.items, ...rest.items].map((n) => n.id).sort()).toEqual(
        all.items.map((n) => n.id).sort(),
      );
      const near = (bbox: string) =>
        call('GET', `/api/notices?bbox=${bbox}`).then((r) => json<{ items: Notice[] }>(r).items);
      expect((await near('117.40,34.39,117.41,34.40')).map((n) => n.id)).toContain(noticeId);
      expect((await near('117.50,34.50,117.51,34.51')).map((n) => n.id)).not.toContain(noticeId);
      expect((await call('GET', '/api/notices?bbox=1,2,3')).statusCode).toBe(400);
    });

    it('takes an objection on National Day and gives a receipt; the answer is due 15 days later', async () => {
      clock.at = shanghai('2026-10-01');
      const filed = await call('POST', `/api/notices/${noticeId}/objections`, undefined, {
        body: '该复垦方案未说明表土剥离去向。\n请补充。',
        contact: '张先生 138****0000',
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const result = json<{ receipt: string; receivedOn: string; answerDueOn: string }>(filed);
      expect(result.receipt).toMatch(
        /^PN261001-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/,
      );
      expect(result).toMatchObject({ receivedOn: '2026-10-01', answerDueOn: '2026-10-16' });
      receipt = result.receipt;
      const notice = json<Notice>(await call('GET', `/api/notices/${noticeId}`, 'jiawang'));
      // 10-08, 10-09, Sat 10-10 (调休) and 10-12 remain.
      expect(notice.window).toMatchObject({ open: true, daysRemaining: 4 });
      expect(notice.objections).toEqual({ total: 1, awaitingAnswer: 1, overdue: 0 });
      const [stored] = await db().query<{ id: string; receiptSha256: string }>(
        'SELECT id, receipt_sha256 AS "receiptSha256" FROM notice_objection WHERE notice_id = $1',
        [noticeId],
      );
      objectionId = stored!.id;
      expect(JSON.stringify(stored)).not.toContain(receipt);
    });

    it('refuses an objection too long, empty or with control characters, and stores nothing', async () => {
      for (const body of ['x'.repeat(2001), '   ', 'a\u001b[2Jb']) {
        const response = await call('POST', `/api/notices/${noticeId}/objections`, undefined, {
          body,
        });
        expect(response.statusCode).toBe(400);
      }
      const tooLongContact = await call('POST', `/api/notices/${noticeId}/objections`, undefined, {
        body: 'ok',
        contact: 'c'.repeat(201),
      });
      expect(tooLongContact.statusCode).toBe(400);
      const [row] = await db().query<{ n: number }>(
        'SELECT count(*)::int AS n FROM notice_objection WHERE notice_id = $1',
        [noticeId],
      );
      expect(row!.n).toBe(1);
    });

    it('answers a receipt look-up with the status and nothing of the objection or anyone else', async () => {
      const found = await call('POST', '/api/notices/objections/lookup', undefined, {
        receipt: receipt.toLowerCase().replaceAll('-', ' '),
      });
      expect(found.statusCode, found.body).toBe(200);
      const body = json<Record<string, unknown>>(found);
      expect(body).toMatchObject({ receipt, status: 'received', answer: null, noticeId });
      expect(Object.keys(body).sort()).toEqual(
        [
          'answer',
          'answerDueOn',
          'answeredOn',
          'noticeId',
          'noticeTitleEn',
          'noticeTitleZh',
          'overdue',
          'receipt',
          'receivedOn',
          'status',
        ].sort(),
      );
      expect(found.body).not.toContain('张先生');
      expect(found.body).not.toContain('表土');
      const wrong = `${receipt.slice(0, -1)}${receipt.endsWith('0') ? '1' : '0'}`;
      expect(
        errorCode(
          await call('POST', '/api/notices/objections/lookup', undefined, { receipt: wrong }),
        ),
      ).toBe('RECEIPT_NOT_FOUND');
      expect(
        errorCode(
          await call('POST', '/api/notices/objections/lookup', undefined, { receipt: 'hello' }),
        ),
      ).toBe('RECEIPT_INVALID');
      // The public cannot list or read objections at all.
      expect((await call('GET', '/api/notices/objections')).statusCode).toBe(401);
      expect((await call('GET', `/api/notices/objections/${objectionId}`)).statusCode).toBe(401);
      // Row-level security says the same below the service: the public reads no objection and
      // cannot file one on a notice that is not published, however it asks.
      const seen = await inScope(db(), publicActor, (tx) =>
        tx.query<{ n: number }>('SELECT count(*)::int AS n FROM notice_objection'),
      );
      expect(seen[0]!.n).toBe(0);
      const draftNotice = json<Notice>(await call('POST', '/api/notices', 'jiawang', draft()));
      await expect(
        inScope(
          db(),
          publicActor,
          (tx) =>
            tx.query(
              `INSERT INTO notice_objection (notice_id, province_code, division_code, receipt_sha256, receipt_hint,
                                             body, received_at, received_on, answer_due_on)
               VALUES ($1, '32', '320305', repeat('a', 64), 'PN000000-…-AAAA', 'x', now(), current_date, current_date)`,
              [draftNotice.id],
            ),
          'bypassing the service',
        ),
      ).rejects.toThrow(/row-level security/);
    });

    it('keeps county B away from county A’s objections; the city above sees them', async () => {
      expect(
        (await call('GET', `/api/notices/objections/${objectionId}`, 'tongshan')).statusCode,
      ).toBe(404);
      const act = await call('POST', `/api/notices/objections/${objectionId}/actions`, 'tongshan', {
        action: 'answer',
        version: 1,
        answer: '越权答复',
        reason: '越权',
      });
      expect(act.statusCode).toBe(404);
      const theirs = json<{ total: number }>(
        await call('GET', '/api/notices/objections', 'tongshan'),
      );
      expect(theirs.total).toBe(0);
      expect((await call('GET', `/api/notices/${noticeId}`, 'tongshan')).statusCode).toBe(404);
      const city = json<{ items: Objection[] }>(
        await call('GET', '/api/notices/objections', 'xuzhou'),
      );
      expect(city.items.map((o) => o.id)).toContain(objectionId);
    });

    it('assigns inside the division only, answers late and flags it, closes after the answer', async () => {
      const outside = await call(
        'POST',
        `/api/notices/objections/${objectionId}/actions`,
        'jiawang',
        {
          action: 'assign',
          version: 1,
          assigneeId: userId.tongshan,
          reason: '指派',
        },
      );
      expect(errorCode(outside)).toBe('OBJECTION_ASSIGNEE_INVALID');
      const assigned = json<Objection>(
        await call('POST', `/api/notices/objections/${objectionId}/actions`, 'jiawang', {
          action: 'assign',
          version: 1,
          assigneeId: userId.jiawang2,
          reason: '指派承办人',
        }),
      );
      expect(assigned).toMatchObject({ status: 'assigned', version: 2 });
      const closeEarly = await call(
        'POST',
        `/api/notices/objections/${objectionId}/actions`,
        'jiawang',
        {
          action: 'close',
          version: 2,
          reason: '未答复即关闭',
        },
      );
      expect(errorCode(closeEarly)).toBe('OBJECTION_ACTION_REFUSED');

      clock.at = shanghai('2026-10-17');
      const overdue = json<Objection>(
        await call('GET', `/api/notices/objections/${objectionId}`, 'jiawang'),
      );
      expect(overdue.answerDeadline).toMatchObject({
        dueOn: '2026-10-16',
        overdue: true,
        daysOverdue: 1,
      });
      const listed = json<{ items: Objection[] }>(
        await call('GET', '/api/notices/objections?overdue=true', 'jiawang'),
      );
      expect(listed.items.map((o) => o.id)).toEqual([objectionId]);

      const answered = json<Objection>(
        await call('POST', `/api/notices/objections/${objectionId}/actions`, 'jiawang2', {
          action: 'answer',
          version: 2,
          answer: '表土将堆存于项目东侧临时堆场，复垦时回覆。',
          reason: '答复异议',
        }),
      );
      expect(answered).toMatchObject({
        status: 'answered',
        answerDeadline: { overdue: false, answeredLate: true },
      });
      const lookup = json<{ status: string; answer: string }>(
        await call('POST', '/api/notices/objections/lookup', undefined, { receipt }),
      );
      expect(lookup).toMatchObject({
        status: 'answered',
        answer: '表土将堆存于项目东侧临时堆场，复垦时回覆。',
      });
      const closed = json<Objection>(
        await call('POST', `/api/notices/objections/${objectionId}/actions`, 'jiawang', {
          action: 'close',
          version: 3,
          reason: '已答复，办结',
        }),
      );
      expect(closed.status).toBe('closed');
    });

    it('takes objections through the last day and refuses them the day after', async () => {
      clock.at = shanghai('2026-10-12', '23:59');
      const last = json<Notice>(await call('GET', `/api/notices/${noticeId}`));
      expect(last.window).toMatchObject({ open: true, lastDay: true, daysRemaining: 0 });
      expect(
        (await call('POST', `/api/notices/${noticeId}/objections`, undefined, { body: '最后一天' }))
          .statusCode,
      ).toBe(201);
      clock.at = shanghai('2026-10-13', '00:00');
      const late = await call('POST', `/api/notices/${noticeId}/objections`, undefined, {
        body: '晚了一天',
      });
      expect(late.statusCode).toBe(409);
      expect(errorCode(late)).toBe('OBJECTION_WINDOW_CLOSED');
      // Its window over, the board lists it with the others, no longer with the open ones.
      const ids = (query: string) =>
        call('GET', `/api/notices?limit=500&${query}`).then((r) =>
          json<{ items: Notice[] }>(r).items.map((n) => n.id),
        );
      expect(await ids('open=false')).toContain(noticeId);
      expect(await ids('open=true')).not.toContain(noticeId);
    });

    it('closes the notice after its window; the public still reads it and cannot object', async () => {
      const closed = await call('POST', `/api/notices/${noticeId}/actions`, 'jiawang', {
        action: 'close',
        version: 3,
        reason: '公示期满',
      });
      expect(json<Notice>(closed)).toMatchObject({ state: 'closed', window: { open: false } });
      expect(json<Notice>(await call('GET', `/api/notices/${noticeId}`)).state).toBe('closed');
      const objection = await call('POST', `/api/notices/${noticeId}/objections`, undefined, {
        body: '已关闭',
      });
      expect(errorCode(objection)).toBe('OBJECTION_WINDOW_CLOSED');
    });

    it('keeps every step in history with who and why', async () => {
      const history = json<{ items: { version: number; reason: string; changedBy: string }[] }>(
        await call('GET', `/api/history/notice-objections/${objectionId}`, 'jiawang'),
      );
      // Filed, assigned, answered, closed, each with its reason.
      expect(history.items.map((v) => [v.version, v.reason])).toEqual([
        [1, '公众在公示期内提出异议（PN-01） / objection filed by the public (PN-01)'],
        [2, '指派承办人'],
        [3, '答复异议'],
        [4, '已答复，办结'],
      ]);
      expect(history.items).toHaveLength(4);
      expect(JSON.stringify(history)).not.toContain(receipt);
      const notice = json<{ items: { reason: string }[] }>(
        await call('GET', `/api/history/notices/${noticeId}`, 'jiawang'),
      );
      expect(notice.items.map((v) => v.reason)).toEqual(
        expect.arrayContaining(['拟公示', '发布公示', '公示期满']),
      );
      await expect(
        db().query('DELETE FROM notice_objection WHERE id = $1', [objectionId]),
      ).rejects.toThrow(/never deleted/);
    });

    it('hides a withdrawn notice from the public and keeps its reason', async () => {
      clock.at = shanghai('2026-11-02');
      const created = await publishedNotice();
      const withdrawn = await call('POST', `/api/notices/${created.id}/actions`, 'jiawang', {
        action: 'withdraw',
        version: 2,
        reason: '方案需重新编制，撤回公示',
      });
      expect(json<Notice & { withdrawnReason: string }>(withdrawn)).toMatchObject({
        state: 'withdrawn',
        withdrawnReason: '方案需重新编制，撤回公示',
      });
      expect((await call('GET', `/api/notices/${created.id}`)).statusCode).toBe(404);
    });
  });

  describe('rate limit', () => {
    it('lets one address file three objections an hour (as configured), then answers 429', async () => {
      clock.at = shanghai('2026-11-02', '11:00');
      const created = await publishedNotice();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        const response = await call(
          'POST',
          `/api/notices/${created.id}/objections`,
          undefined,
          { body: `第${i}条` },
          '203.0.113.9',
        );
        statuses.push(response.statusCode);
        if (response.statusCode === 429) expect(errorCode(response)).toBe('RATE_LIMITED');
      }
      expect(statuses).toEqual([201, 201, 201, 429]);
      // Another address is not held back.
      expect(
        (
          await call(
            'POST',
            `/api/notices/${created.id}/objections`,
            undefined,
            { body: '另一处' },
            '203.0.113.10',
          )
        ).statusCode,
      ).toBe(201);
    });
  });

  describe('kinds with provincial overrides (PN-02)', () => {
    it('lists the national kinds, lets the province change one, and publishes with it', async () => {
      const kinds = json<{ items: { code: string; setBy: string }[] }>(
        await call('GET', '/api/notices/kinds', 'jiawang'),
      );
      expect(kinds.items.map((k) => k.code)).toEqual([
        'reclamation_acceptance',
        'reclamation_plan_review',
        'approval_publication',
        'asset_disposal',
      ]);
      const floor = await call(
        'POST',
        '/api/notices/kinds/reclamation_acceptance/override',
        'jiangsu',
        {
          divisionCode: '320000',
          window: { length: 20, unit: 'calendar_days' },
          reason: '试图缩短',
        },
      );
      expect(errorCode(floor)).toBe('NOTICE_WINDOW_BELOW_FLOOR');
      expect(
        (
          await call('POST', '/api/notices/kinds/reclamation_plan_review/override', 'jiawang', {
            divisionCode: '320000',
            window: { length: 10, unit: 'working_days' },
            reason: '县级不可',
          })
        ).statusCode,
      ).toBe(403);
      const set = await call(
        'POST',
        '/api/notices/kinds/reclamation_plan_review/override',
        'jiangsu',
        {
          divisionCode: '320000',
          window: { length: 10, unit: 'working_days' },
          note: '本省复垦方案审查公示10个工作日（示例）',
          reason: '省规则包设定',
        },
      );
      expect(set.statusCode, set.body).toBe(200);
      const seen = json<{ items: { code: string; setBy: string; window: { length: number } }[] }>(
        await call('GET', '/api/notices/kinds', 'jiawang'),
      );
      expect(seen.items.find((k) => k.code === 'reclamation_plan_review')).toMatchObject({
        setBy: 'provincial',
        window: { length: 10 },
      });
      clock.at = shanghai('2026-11-02', '12:00');
      const published = await publishedNotice();
      // Mon 2026-11-02 + 10 working days = Mon 2026-11-16.
      expect(published).toMatchObject({
        window: { length: 10, endsOn: '2026-11-16' },
        basis: { setBy: 'provincial' },
      });
      const cleared = json<{ setBy: string }>(
        await call('POST', '/api/notices/kinds/reclamation_plan_review/override', 'jiangsu', {
          divisionCode: '320000',
          window: null,
          reason: '恢复全国默认',
        }),
      );
      expect(cleared.setBy).toBe('national');
      // The published notice keeps the window it was published with.
      expect(json<Notice>(await call('GET', `/api/notices/${published.id}`)).window).toMatchObject({
        length: 10,
      });
    });
  });
});
