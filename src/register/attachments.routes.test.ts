// Attachments: type checked by content, bounded, checksummed, counted by TL-REG-03, withdrawn
// rather than deleted.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../test/support/test-db.ts';
import { createTestApp, json, type TestApp } from '../../test/support/test-app.ts';
import { maxAttachmentBytes } from './attachments.service.ts';

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const ring = [
  [117.45, 34.43],
  [117.451, 34.43],
  [117.451, 34.431],
  [117.45, 34.431],
  [117.45, 34.43],
];

describeEachMode('attachments API', (db) => {
  let t: TestApp;
  let cookie: string;
  let recordId: string;

  beforeAll(async () => {
    t = await createTestApp(db());
    await t.addUser('att-clerk', 'county', '320305');
    cookie = await t.login('att-clerk');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/register/records',
      headers: { cookie },
      payload: {
        divisionCode: '320305',
        projectName: '附件测试',
        projectClass: 'transport',
        useType: 'work_shed',
        approvalDate: '2026-03-02',
        geometry: { type: 'Polygon', coordinates: [ring] },
        reason: 'test',
      },
    });
    recordId = json<{ id: string }>(created).id;
  });
  afterAll(() => t.close());

  const upload = (kind: string, fileName: string, bytes: Buffer) =>
    t.app.inject({
      method: 'POST',
      url: `/api/register/records/${recordId}/attachments`,
      headers: { cookie },
      payload: { kind, fileName, contentBase64: bytes.toString('base64'), reason: 'site visit' },
    });

  it('stores a photo and a contract with their checksums; TL-REG-03 stops asking for them', async () => {
    const before = json<{ findings: { code: string; messageEn: string }[] }>(
      await t.app.inject({ url: `/api/register/records/${recordId}`, headers: { cookie } }),
    );
    expect(
      before.findings.some((f) => f.code === 'TL-REG-03' && f.messageEn.includes('photos')),
    ).toBe(true);
    const photo = await upload('photo', '现场照片.png', png);
    expect(photo.statusCode, photo.body).toBe(201);
    expect(json(photo)).toMatchObject({
      contentType: 'image/png',
      sizeBytes: png.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await upload('contract', '临时用地合同.pdf', pdf)).statusCode).toBe(201);
    const after = json<{ findings: { code: string; messageEn: string }[] }>(
      await t.app.inject({ url: `/api/register/records/${recordId}`, headers: { cookie } }),
    );
    const asked = after.findings
      .filter((f) => f.code === 'TL-REG-03')
      .map((f) => f.messageEn)
      .join(' ');
    expect(asked).not.toMatch(/photos|contract/);
    expect(asked).toMatch(/area by land class/); // still missing, rightly
    const download = await t.app.inject({
      url: `/api/register/attachments/${json<{ id: string }>(photo).id}/content`,
      headers: { cookie },
    });
    expect(download.statusCode).toBe(200);
    expect(Buffer.compare(download.rawPayload, png)).toBe(0);
    expect(download.headers['x-content-sha256']).toBe(json<{ sha256: string }>(photo).sha256);
  });

  it('refuses content that is not what the kind allows, judged by the bytes, and oversize files', async () => {
    const disguised = await upload('photo', 'photo.png', pdf);
    expect(disguised.statusCode).toBe(400);
    expect(json<{ error: { code: string } }>(disguised).error.code).toBe('ATTACHMENT_TYPE');
    const script = await upload(
      'contract',
      'contract.pdf',
      Buffer.from('<script>alert(1)</script>'),
    );
    expect(json<{ error: { code: string } }>(script).error.code).toBe('ATTACHMENT_TYPE');
    const huge = Buffer.concat([png, Buffer.alloc(maxAttachmentBytes)]);
    const tooLarge = await upload('photo', 'huge.png', huge);
    expect(tooLarge.statusCode).toBe(413);
  });

  it('stores identical content once and withdraws without deleting', async () => {
    const a = json<{ id: string; sha256: string }>(await upload('photo', 'a.png', png));
    const [row] = await db().query<{ n: number }>(
      'SELECT count(*) AS n FROM attachment_content WHERE sha256 = $1',
      [a.sha256],
    );
    expect(row?.n).toBe(1);
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/api/register/attachments/${a.id}/withdraw`,
      headers: { cookie },
      payload: { reason: 'wrong photo' },
    });
    expect(json(withdrawn)).toMatchObject({ status: 'withdrawn', version: 2 });
    const list = json<{ items: { id: string; status: string }[] }>(
      await t.app.inject({
        url: `/api/register/records/${recordId}/attachments`,
        headers: { cookie },
      }),
    );
    expect(list.items.find((i) => i.id === a.id)?.status).toBe('withdrawn');
    const history = json<{ items: { reason: string }[] }>(
      await t.app.inject({ url: `/api/history/attachments/${a.id}`, headers: { cookie } }),
    );
    expect(history.items.map((h) => h.reason)).toEqual(['site visit', 'wrong photo']);
  });
});
