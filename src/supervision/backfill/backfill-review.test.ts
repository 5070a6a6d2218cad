// After the back-fill: supervisors override classes in each direction that matters and the
// consequences follow (records back-filled or written off, orders issued or closed, cases
// opened or dismissed) without losing anything; evidence added later marks a polygon for
// review; orders, cases and write-offs move by role; a county's write-off waits for the level
// above, which sees it in its list.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app.ts';
import { systemActor, type Actor } from '../../identity/domain/actor.ts';
import { jiawangImport, seedRegisteredYard } from './fixtures/jiawang.fixtures.ts';

interface PolygonView {
  id: string;
  class: string;
  letter: string;
  version: number;
  reviewDue: boolean;
  recordId: string | null;
  recordLink: string | null;
  recordState: string | null;
  override: { class: string; classifierClass: string; role: string; reason: string } | null;
  decision: { class: string };
  orders: { id: string; status: string; grounds: string; version: number; deadline: string }[];
  cases: { id: string; status: string; recordId: string | null; version: number }[];
  steps?: string[];
}

interface Dossier {
  id: string;
  status: string;
  version: number;
  [key: string]: unknown;
}

interface ErrorBody {
  error: { code: string };
}

describeEachMode('back-fill review, orders, cases and write-offs', (db) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  let yardId = '';
  const polygonOf: Record<string, string> = {};

  const post = (url: string, payload: object, who: string) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie: cookie[who] ?? '' } });
  const get = (url: string, who = 'county') =>
    t.app.inject({ url, headers: { cookie: cookie[who] ?? '' } });
  const polygon = async (code: string) =>
    json<PolygonView>(await get(`/api/supervision/backfill/polygons/${polygonOf[code]}`));
  const review = async (code: string, klass: string, who = 'city', extra: object = {}) => {
    const current = await polygon(code);
    return post(
      `/api/supervision/backfill/polygons/${current.id}/review`,
      {
        class: klass,
        version: current.version,
        reason: `复核 ${code}`,
        occurredOn: '2023-09-01',
        ...extra,
      },
      who,
    );
  };
  const recordState = async (id: string) =>
    json<{ state: string }>(await get(`/api/register/records/${id}`, 'city')).state;

  beforeAll(async () => {
    t = await createTestApp(db(), { RECLAIM_LOGIN_ATTEMPTS_PER_MINUTE: '1000' });
    const users: Record<string, Actor> = {};
    for (const [name, role, division] of [
      ['county', 'county', '320305'],
      ['tongshan', 'county', '320312'],
      ['city', 'city', '320300'],
      ['province', 'province', '320000'],
    ] as const) {
      const user = await t.addUser(`rv-${name}`, role, division);
      users[name] = {
        kind: 'user',
        userId: user.id,
        name: `rv-${name}`,
        role,
        divisionCode: division,
        isAdmin: false,
      };
      cookie[name] = await t.login(`rv-${name}`);
    }
    yardId = await seedRegisteredYard(t.services, systemActor('test'));
    const { files, evidence, ...input } = jiawangImport();
    const result = await t.services.backfill.import(
      users.county!,
      files.map((f) => ({
        name: f.name,
        bytes: new Uint8Array(Buffer.from(f.contentBase64, 'base64')),
      })),
      {
        ...input,
        evidence: evidence.map(({ file, ...e }) => ({
          ...e,
          kind: 'photo' as const,
          shows: 'permanent_structure' as const,
          file: {
            name: file.name,
            bytes: new Uint8Array(Buffer.from(file.contentBase64, 'base64')),
          },
        })),
      },
    );
    for (const p of result.polygons) polygonOf[p.surveyCode!] = p.id;
  }, 180_000);
  afterAll(() => t.close());

  it('lets only a supervisor review, with the version read', async () => {
    expect((await review('LS-D1', 'in_term', 'county')).statusCode).toBe(403);
    const current = await polygon('LS-D1');
    const stale = await post(
      `/api/supervision/backfill/polygons/${current.id}/review`,
      { class: 'in_term', version: current.version + 1, reason: 'stale' },
      'city',
    );
    expect(json<ErrorBody>(stale).error.code).toBe('VERSION_CONFLICT');
  });

  it('(d) → (b): the case is dismissed and the polygon back-filled', async () => {
    const response = await review('LS-D1', 'in_term');
    expect(response.statusCode, response.body).toBe(200);
    const view = json<PolygonView>(response);
    expect(view.steps).toEqual(['dismiss_case', 'create_record']);
    expect(view).toMatchObject({
      class: 'in_term',
      letter: 'b',
      recordLink: 'created',
      recordState: 'in_use',
      reviewDue: false,
      override: { class: 'in_term', classifierClass: 'permanent_structure', role: 'city' },
      decision: { class: 'permanent_structure' }, // the classifier's view is kept beside the ruling
    });
    expect(view.cases.map((c) => c.status)).toEqual(['dismissed']);
    const record = json<{ backfilled: boolean }>(
      await get(`/api/register/records/${view.recordId}`),
    );
    expect(record.backfilled).toBe(true);
  });

  it('(b) → (d): the back-filled record is written off citing a new case, and kept', async () => {
    const before = await polygon('LS-B');
    const view = json<PolygonView>(await review('LS-B', 'permanent_structure'));
    expect(view.steps).toEqual(['open_case', 'write_off_record']);
    expect(view).toMatchObject({
      class: 'permanent_structure',
      recordId: before.recordId,
      recordState: 'written_off',
    });
    expect(view.cases).toMatchObject([{ status: 'open', recordId: before.recordId }]);
    const writeOffs = json<{ items: Dossier[] }>(
      await get(`/api/supervision/write-offs?reasonCode=PERMANENT_STRUCTURE`, 'province'),
    );
    expect(writeOffs.items).toEqual([
      expect.objectContaining({
        recordId: before.recordId,
        status: 'confirmed', // a supervisor's own write-off takes effect at once
        caseId: view.cases[0]!.id,
        polygonId: view.id,
        requestedRole: 'city',
      }),
    ]);
    // Written off is a state: the record and its history stay.
    expect((await get(`/api/register/records/${before.recordId}`)).statusCode).toBe(200);
    const history = json<{ items: unknown[] }>(
      await get(`/api/history/temporary-land/${before.recordId}`),
    );
    expect(history.items.length).toBeGreaterThanOrEqual(4);
  });

  it('(d) → (b) → (d) keeps every step: a new record, written off again, a second case', async () => {
    const first = await polygon('LS-D1');
    const view = json<PolygonView>(await review('LS-D1', 'permanent_structure'));
    expect(view.steps).toEqual(['open_case', 'write_off_record']);
    expect(await recordState(first.recordId!)).toBe('written_off');
    expect(view.cases.map((c) => c.status).sort()).toEqual(['dismissed', 'open']);
    const history = json<{ items: { data: { class: string } }[] }>(
      await get(`/api/history/backfill-polygons/${view.id}`),
    );
    expect(history.items.map((h) => h.data.class)).toEqual([
      'permanent_structure',
      'in_term',
      'permanent_structure',
    ]);
  });

  it('(c) → (b) closes the order; (b) → (c) issues one; the same class confirms without change', async () => {
    const toB = json<PolygonView>(await review('LS-C2', 'in_term'));
    expect(toB.steps).toEqual(['close_order']);
    expect(toB.orders.map((o) => o.status)).toEqual(['closed']);
    expect(toB.recordState).toBe('expired'); // the back-filled record stays
    const toC = json<PolygonView>(await review('LS-B2', 'overdue'));
    expect(toC.steps).toEqual(['issue_order']);
    expect(toC.orders).toMatchObject([
      { status: 'open', grounds: 'used_past_term', deadline: '2023-11-30' }, // 90 days from 2023-09-01
    ]);
    const same = json<PolygonView>(await review('LS-C1', 'overdue', 'province'));
    expect(same.steps).toEqual([]);
    expect(same.override).toMatchObject({
      class: 'overdue',
      classifierClass: 'overdue',
      role: 'province',
    });
    expect(same.orders.map((o) => o.status)).toEqual(['open']);
  });

  it('marks a polygon for review when new evidence changes the classifier’s view, and waits for the ruling', async () => {
    const before = await polygon('LS-A');
    expect(before.reviewDue).toBe(false);
    const added = await post(
      `/api/supervision/backfill/polygons/${before.id}/evidence`,
      {
        kind: 'flag',
        shows: 'not_reclaimed',
        note: '2023-08 卫片：未恢复耕种',
        reason: '卫片核查',
      },
      'county',
    );
    expect(added.statusCode, added.body).toBe(200);
    const view = json<PolygonView>(added);
    expect(view).toMatchObject({
      class: 'reclaimed_accepted', // unchanged until a supervisor rules
      reviewDue: true,
      recordId: null,
      decision: { class: 'overdue' },
    });
    const due = json<{ items: { id: string }[] }>(
      await get('/api/supervision/backfill/polygons?reviewDue=true', 'city'),
    );
    expect(due.items.map((p) => p.id)).toContain(before.id);
    const ruled = json<PolygonView>(await review('LS-A', 'overdue'));
    expect(ruled.steps).toEqual(['create_record', 'issue_order']);
    expect(ruled).toMatchObject({
      reviewDue: false,
      recordLink: 'created',
      recordState: 'expired',
    });
    expect(ruled.orders).toMatchObject([
      { grounds: 'not_reclaimed_past_deadline', status: 'open' },
    ]);
  });

  it('lists overdue orders and moves them by role', async () => {
    const overdue = json<{
      items: (Dossier & { overdue: boolean; daysOverdue: number; surveyCode: string })[];
    }>(await get('/api/supervision/rectification-orders?overdue=true&asOf=2023-11-01', 'province'));
    // Issued on 2023-08-01 with 90 days: LS-C1 and the linked LS-L; later ones are not yet due.
    expect(overdue.items.map((o) => o.surveyCode).sort()).toEqual(['LS-C1', 'LS-L']);
    expect(overdue.items.every((o) => o.overdue && o.daysOverdue === 2)).toBe(true);
    const order = overdue.items.find((o) => o.surveyCode === 'LS-C1')!;
    const act = (action: string, version: number, who: string) =>
      post(
        `/api/supervision/rectification-orders/${order.id}/actions`,
        { action, version, reason: `${action} test` },
        who,
      );
    expect(json<ErrorBody>(await act('close', order.version, 'county')).error.code).toBe(
      'ORDER_ACTION_REFUSED',
    );
    const rectified = json<Dossier>(await act('rectify', order.version, 'county'));
    expect(rectified.status).toBe('rectified');
    expect(json<ErrorBody>(await act('verify', order.version, 'county')).error.code).toBe(
      'VERSION_CONFLICT',
    );
    expect(json<Dossier>(await act('verify', rectified.version, 'county')).status).toBe('verified');
    expect((await act('reopen', rectified.version + 1, 'county')).statusCode).toBe(409); // verified is final
    const outside = await get(`/api/supervision/rectification-orders/${order.id}`, 'tongshan');
    expect(outside.statusCode).toBe(404);
    const history = json<{ items: { data: { status: string } }[] }>(
      await get(`/api/history/rectification-orders/${order.id}`),
    );
    expect(history.items.map((h) => h.data.status)).toEqual(['open', 'rectified', 'verified']);
  });

  it('moves illegal-land-use cases by role', async () => {
    const d2 = await polygon('LS-D2');
    const c = d2.cases[0]!;
    const act = (action: string, version: number, who: string) =>
      post(
        `/api/supervision/illegal-cases/${c.id}/actions`,
        { action, version, reason: `${action} test` },
        who,
      );
    expect((await act('dismiss', c.version, 'county')).statusCode).toBe(403);
    const investigating = json<Dossier>(await act('investigate', c.version, 'county'));
    expect(investigating.status).toBe('investigating');
    expect(json<Dossier>(await act('conclude', investigating.version, 'county')).status).toBe(
      'concluded',
    );
    const list = json<{ items: Dossier[] }>(
      await get('/api/supervision/illegal-cases?status=concluded', 'city'),
    );
    expect(list.items.map((i) => i.id)).toEqual([c.id]);
  });

  it("holds a county's write-off until a level above confirms it, and shows it to that level", async () => {
    const ask = (who: string) =>
      post(
        '/api/supervision/write-offs',
        {
          recordId: yardId,
          reasonCode: 'ILLEGAL_APPROVAL',
          occurredOn: '2023-10-01',
          note: '经查批准文件不合规',
          reason: '违法批准，申请核销',
        },
        who,
      );
    const first = json<Dossier & { recordState: string; awaitingMe: boolean }>(await ask('county'));
    expect(first).toMatchObject({ status: 'pending', recordState: 'in_use', awaitingMe: false });
    expect(json<ErrorBody>(await ask('county')).error.code).toBe('WRITE_OFF_EXISTS');
    const pendingFor = async (who: string) =>
      json<{ items: (Dossier & { awaitingMe: boolean })[] }>(
        await get('/api/supervision/write-offs?status=pending', who),
      ).items;
    expect((await pendingFor('city')).map((w) => [w.id, w.awaitingMe])).toEqual([[first.id, true]]);
    expect((await pendingFor('province')).map((w) => w.id)).toEqual([first.id]);
    expect(await pendingFor('tongshan')).toEqual([]);
    const decide = (id: string, action: string, version: number, who: string) =>
      post(
        `/api/supervision/write-offs/${id}/actions`,
        { action, version, reason: `${action} by ${who}` },
        who,
      );
    expect((await decide(first.id, 'confirm', first.version, 'county')).statusCode).toBe(403);
    const rejected = json<Dossier>(await decide(first.id, 'reject', first.version, 'city'));
    expect(rejected).toMatchObject({
      status: 'rejected',
      recordState: 'in_use',
      decidedRole: 'city',
    });
    const second = json<Dossier>(await ask('county'));
    const confirmed = json<Dossier>(await decide(second.id, 'confirm', second.version, 'province'));
    expect(confirmed).toMatchObject({
      status: 'confirmed',
      recordState: 'written_off',
      decidedRole: 'province',
    });
    const log = json<{ items: { action: string; reasonCode: string }[] }>(
      await get(`/api/register/records/${yardId}/transitions`),
    );
    expect(log.items.at(-1)).toMatchObject({ action: 'write_off', reasonCode: 'ILLEGAL_APPROVAL' });
    // The order LS-L brought against the yard is closed with it.
    const orders = json<{ items: Dossier[] }>(
      await get(`/api/supervision/rectification-orders?recordId=${yardId}`),
    );
    expect(orders.items.map((o) => o.status)).toEqual(['closed']);
    expect(json<ErrorBody>(await ask('city')).error.code).toBe('TRANSITION_NOT_ALLOWED');
    const all = json<{ items: Dossier[] }>(
      await get('/api/supervision/write-offs?limit=100', 'province'),
    );
    expect(all.items.map((w) => w.status).sort()).toEqual([
      'confirmed',
      'confirmed',
      'confirmed',
      'rejected',
    ]);
  });
});
