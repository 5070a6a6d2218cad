// The access matrix: every route × every role, with data seeded in the caller's division
// and outside it. A route nobody listed here fails the test, so new routes join the matrix.
// Checks: who gets 401/403; that an allowed caller's responses hold no marker of a division
// outside its scope; that asking by id for an out-of-scope record answers 404.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor, type Actor } from '../src/identity/domain/actor.ts';
import type { Role } from '../src/identity/domain/roles.ts';
import { asSystem } from '../src/identity/scoped-db.ts';
import { isWithinDivision } from '../src/reference/divisions/domain/division-code.ts';
import { reclamationWriters } from '../src/reclamation/reclamation.routes.ts';
import {
  insertBatch,
  insertBoundaries,
  insertFeatures,
} from '../src/reference/layers/layers.store.ts';
import type { Db } from '../src/platform/db/db.ts';
import { describeEachMode } from './support/test-db.ts';
import { createTestApp, testPassword, type TestApp } from './support/test-app.ts';
import { decodeTile, tileUrlAt } from './support/mvt.ts';

/** Divisions that hold seeded, marked data: Jiawang, Tongshan (same city), Changzhou Xinbei (same province), Datong Xinrong (Shanxi). */
const seeded = ['320305', '320312', '320411', '140212'] as const;
const marker = (code: string) => `MARK${code}`;
/** A real 1×1 PNG. */
const pngBase64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
/** Where each seeded division's polygon lies ([lng, lat], EPSG:4490). */
const placeOf = (code: string): [number, number] =>
  code.startsWith('14') ? [113.1, 40.1] : code === '320411' ? [119.9, 31.9] : [117.3, 34.3];

interface Caller {
  key: string;
  role: Role;
  divisionCode: string;
  isAdmin: boolean;
}

const callers: Caller[] = [
  { key: 'ministry-admin', role: 'ministry', divisionCode: '000000', isAdmin: true },
  { key: 'province-admin', role: 'province', divisionCode: '320000', isAdmin: true },
  { key: 'city-admin', role: 'city', divisionCode: '320300', isAdmin: true },
  { key: 'county-admin', role: 'county', divisionCode: '320305', isAdmin: true },
  { key: 'county-clerk', role: 'county', divisionCode: '320305', isAdmin: false },
  { key: 'enterprise', role: 'enterprise', divisionCode: '320305', isAdmin: false },
  { key: 'public', role: 'public', divisionCode: '000000', isAdmin: false },
];

type Allowed = 'anyone' | readonly Role[];
const government: readonly Role[] = ['ministry', 'province', 'city', 'county'];
const accounts: readonly Role[] = [...government, 'enterprise'];
/** The enterprise caller's organization: the land user of every seeded reclamation record. */
const enterpriseOrganization = '矩阵用地企业有限公司';
/** An enterprise reaches the reclamation of the records it uses (its organization is their land user). */
const landUserReaders: readonly Role[] = [...government, 'enterprise'];
const landUserWriters: readonly Role[] = [...reclamationWriters, 'enterprise'];

interface Context {
  /** Users seeded per division: an id outside the caller's scope is the 404 probe. */
  userIdIn: Record<string, string>;
  /** Temporary-land records seeded per division (state in use). */
  recordIdIn: Record<string, string>;
  /** One photo attached to each seeded record. */
  attachmentIdIn: Record<string, string>;
  /** A stored supervision finding on each seeded record (its approval is not publicised). */
  findingIdIn: Record<string, string>;
  /** An enforcement batch per division (batch id = marker), one polygon, one field photo. */
  batchIdIn: Record<string, string>;
  polygonIdIn: Record<string, string>;
  photoIdIn: Record<string, string>;
  /** A published record in Jiawang without a marker: what the public may read. */
  publishedRecordId: string;
  /** A back-fill batch per division: its (d) polygon with a photo and a case, its (c) polygon's order. */
  backfill: Record<
    string,
    {
      batchId: string;
      polygonId: string;
      evidenceId: string;
      orderId: string;
      caseId: string;
      writeOffId: string;
      writtenOffRecordId: string;
    }
  >;
  tokenIdOf: Record<string, string>;
  /** Per division: a draft notice (title marked), a published one (unmarked: the public reads it) and an objection on it (marked). */
  notices: Record<string, { draftId: string; publishedId: string; objectionId: string }>;
  /** The receipt of Jiawang's objection. */
  receipt: string;
  /** Per division: a reclaiming record (marked) with an obligation, a report photo and a pending acceptance. */
  reclamation: Record<
    string,
    { recordId: string; obligationId: string; photoId: string; acceptanceId: string }
  >;
  /** Per division: a restoration project (name marked) with a measurement and its photo. */
  restoration: Record<string, { projectId: string; measurementId: string; attachmentId: string }>;
}

interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  allowed: Allowed;
  admin?: boolean;
  /** Reference data shown to everyone: no scope markers to check. */
  unscoped?: boolean;
  /** Public information: the public sees all of it; accounts still only their division's. */
  publicInformation?: boolean;
  /** Builds the request; `probe` is an out-of-scope division for the caller, if any. */
  request(
    ctx: Context,
    caller: Caller,
    probe: string | undefined,
    t: TestApp,
  ): { url: string; payload?: unknown } | Promise<{ url: string; payload?: unknown }>;
  /** Ends the session it is called with: run it with a session of its own. */
  endsSession?: boolean;
  /** Status when the allowed caller asks for something out of scope (default: 200 with no leak). */
  outOfScopeStatus?: number;
  okStatus?: number;
}

const routes: RouteCase[] = [
  { method: 'GET', url: '/', allowed: 'anyone', unscoped: true, request: () => ({ url: '/' }) },
  {
    method: 'GET',
    url: '/*',
    allowed: 'anyone',
    unscoped: true,
    request: () => ({ url: '/records/00000000-0000-4000-8000-000000000000' }),
  },
  {
    method: 'GET',
    url: '/api/client-config',
    allowed: 'anyone',
    unscoped: true,
    request: () => ({ url: '/api/client-config' }),
  },
  {
    method: 'GET',
    url: '/healthz',
    allowed: 'anyone',
    unscoped: true,
    request: () => ({ url: '/healthz' }),
  },
  {
    method: 'GET',
    url: '/readyz',
    allowed: 'anyone',
    unscoped: true,
    request: () => ({ url: '/readyz' }),
  },
  {
    method: 'POST',
    url: '/api/auth/login',
    allowed: 'anyone',
    unscoped: true,
    okStatus: 401,
    request: () => ({ url: '/api/auth/login', payload: { username: 'nobody', password: 'wrong' } }),
  },
  {
    method: 'POST',
    url: '/api/auth/logout',
    allowed: 'anyone',
    unscoped: true,
    okStatus: 204,
    endsSession: true,
    request: () => ({ url: '/api/auth/logout' }),
  },
  {
    method: 'GET',
    url: '/api/auth/me',
    allowed: accounts,
    request: () => ({ url: '/api/auth/me' }),
  },
  { method: 'GET', url: '/api/tokens', allowed: accounts, request: () => ({ url: '/api/tokens' }) },
  {
    method: 'POST',
    url: '/api/tokens',
    allowed: government,
    okStatus: 201,
    request: () => ({ url: '/api/tokens', payload: { name: 'matrix' } }),
  },
  {
    method: 'POST',
    url: '/api/tokens/:id/revoke',
    allowed: accounts,
    okStatus: 404,
    // Another user's token is always out of reach, whatever the division.
    request: (ctx, caller) => ({
      url: `/api/tokens/${ctx.tokenIdOf[caller.key === 'ministry-admin' ? 'province-admin' : 'ministry-admin']}/revoke`,
    }),
  },
  {
    method: 'GET',
    url: '/api/users',
    allowed: government,
    admin: true,
    request: () => ({ url: '/api/users?limit=500' }),
  },
  {
    method: 'GET',
    url: '/api/users/:id',
    allowed: government,
    admin: true,
    outOfScopeStatus: 404,
    request: (ctx, caller, probe) => ({
      url: `/api/users/${ctx.userIdIn[probe ?? caller.divisionCode] ?? ctx.userIdIn['320305']}`,
    }),
  },
  {
    method: 'POST',
    url: '/api/users',
    allowed: government,
    admin: true,
    okStatus: 201,
    outOfScopeStatus: 403,
    request: (_ctx, caller, probe) => ({
      url: '/api/users',
      payload: {
        username: `new-${caller.key}-${probe ?? 'in'}`.slice(0, 60),
        displayName: 'N',
        role: 'county',
        divisionCode: probe ?? '320305',
        password: 'Matrix-pass-2026',
        reason: 'matrix',
      },
    }),
  },
  {
    method: 'PATCH',
    url: '/api/users/:id',
    allowed: government,
    admin: true,
    outOfScopeStatus: 404,
    request: async (ctx, caller, probe, t) => {
      const id = ctx.userIdIn[probe ?? '320305'] ?? '';
      // Send the current version, so that only scope decides the answer.
      const [row] = await t.services.db.query<{ version: number }>(
        'SELECT version FROM app_user WHERE id = $1',
        [id],
      );
      return {
        url: `/api/users/${id}`,
        payload: {
          version: row?.version ?? 1,
          displayName: `renamed by ${caller.key}`,
          reason: 'matrix',
        },
      };
    },
  },
  {
    method: 'GET',
    url: '/api/divisions',
    allowed: 'anyone',
    unscoped: true,
    request: () => ({ url: '/api/divisions?parent=320300' }),
  },
  {
    method: 'GET',
    url: '/api/divisions/:code',
    allowed: 'anyone',
    unscoped: true,
    request: () => ({ url: '/api/divisions/513425' }),
  },
  {
    method: 'GET',
    url: '/api/land-classes',
    allowed: 'anyone',
    unscoped: true,
    request: () => ({ url: '/api/land-classes' }),
  },
  {
    method: 'GET',
    url: '/api/calendar/years',
    allowed: 'anyone',
    unscoped: true,
    request: () => ({ url: '/api/calendar/years' }),
  },
  {
    method: 'GET',
    url: '/api/calendar/add-working-days',
    allowed: 'anyone',
    unscoped: true,
    request: () => ({ url: '/api/calendar/add-working-days?from=2026-02-06&days=20' }),
  },
  {
    method: 'GET',
    url: '/api/calendar/working-days-between',
    allowed: 'anyone',
    unscoped: true,
    request: () => ({ url: '/api/calendar/working-days-between?from=2026-02-06&to=2026-03-12' }),
  },
  {
    method: 'POST',
    url: '/api/calendar/import',
    allowed: ['ministry'],
    admin: true,
    unscoped: true,
    request: () => ({
      url: '/api/calendar/import',
      payload: {
        fileName: 'x.csv',
        content: 'date,kind,name_zh,name_en\n2031-01-01,holiday,元旦,New Year\n',
        reason: 'matrix',
      },
    }),
  },
  {
    method: 'GET',
    url: '/api/layers/batches',
    allowed: government,
    request: () => ({ url: '/api/layers/batches' }),
  },
  {
    method: 'POST',
    url: '/api/layers/imports',
    allowed: government,
    outOfScopeStatus: 403,
    request: (_ctx, _caller, probe) => {
      const code = probe ?? '320305';
      const [lng, lat] = placeOf(code);
      const patch = {
        type: 'Feature',
        properties: { DLBM: '0101', TBBH: '1' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [lng, lat],
              [lng + 0.01, lat],
              [lng + 0.01, lat + 0.01],
              [lng, lat],
            ],
          ],
        },
      };
      return {
        url: '/api/layers/imports',
        payload: {
          layer: 'land_class',
          divisionCode: code,
          surveyYear: 2025,
          source: 'matrix',
          files: [
            {
              name: 'dltb.geojson',
              contentBase64: Buffer.from(JSON.stringify(patch)).toString('base64'),
            },
          ],
          dryRun: true,
          reason: 'matrix',
        },
      };
    },
  },
  {
    method: 'GET',
    url: '/api/layers/:layer/features',
    allowed: government,
    request: (_ctx, _caller, probe) => {
      const [lng, lat] = placeOf(probe ?? '320305');
      return {
        url: `/api/layers/land_class/features?bbox=${lng - 0.5},${lat - 0.5},${lng + 0.5},${lat + 0.5}`,
      };
    },
  },
  {
    method: 'GET',
    url: '/api/register/use-types',
    allowed: 'anyone',
    unscoped: true,
    request: () => ({ url: '/api/register/use-types' }),
  },
  {
    method: 'GET',
    url: '/api/register/rules',
    allowed: 'anyone',
    unscoped: true,
    request: () => ({ url: '/api/register/rules' }),
  },
  {
    method: 'GET',
    url: '/api/register/records',
    allowed: government,
    request: () => ({ url: '/api/register/records?limit=500' }),
  },
  {
    method: 'POST',
    url: '/api/register/records',
    allowed: government,
    okStatus: 201,
    outOfScopeStatus: 403,
    request: (_ctx, caller, probe) => ({
      url: '/api/register/records',
      payload: { ...recordInput(probe ?? '320305', `new by ${caller.key}`), reason: 'matrix' },
    }),
  },
  {
    method: 'GET',
    url: '/api/register/records/:id',
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/register/records/${ctx.recordIdIn[probe ?? '320305']}`,
    }),
  },
  {
    method: 'PATCH',
    url: '/api/register/records/:id',
    allowed: government,
    outOfScopeStatus: 404,
    request: async (ctx, caller, probe, t) => {
      const id = ctx.recordIdIn[probe ?? '320305'] ?? '';
      return {
        url: `/api/register/records/${id}`,
        payload: {
          version: await versionOf(t, id),
          projectOwner: `owner set by ${caller.key}`,
          reason: 'matrix',
        },
      };
    },
  },
  {
    method: 'POST',
    url: '/api/register/records/:id/transitions',
    allowed: government,
    outOfScopeStatus: 404,
    // Reassignment keeps the record in use, so every caller can make one.
    request: async (ctx, caller, probe, t) => {
      const id = ctx.recordIdIn[probe ?? '320305'] ?? '';
      return {
        url: `/api/register/records/${id}/transitions`,
        payload: {
          version: await versionOf(t, id),
          action: 'reassign',
          reasonCode: 'REASSIGNED_WITH_CONSENT',
          occurredOn: '2026-04-01',
          project: { name: `${marker(probe ?? '320305')} via ${caller.key}` },
          reason: 'matrix',
        },
      };
    },
  },
  {
    method: 'GET',
    url: '/api/register/records/:id/transitions',
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/register/records/${ctx.recordIdIn[probe ?? '320305']}/transitions`,
    }),
  },
  {
    method: 'POST',
    url: '/api/register/check',
    allowed: government,
    request: (_ctx, caller, probe) => ({
      url: '/api/register/check',
      payload: {
        file: {
          name: 'check.geojson',
          contentBase64: Buffer.from(
            JSON.stringify(recordGeoJson(probe ?? '320305', `check by ${caller.key}`)),
          ).toString('base64'),
        },
        asOf: '2026-06-01',
      },
    }),
  },
  {
    method: 'POST',
    url: '/api/register/imports',
    allowed: government,
    outOfScopeStatus: 403,
    request: (_ctx, caller, probe) => ({
      url: '/api/register/imports',
      payload: {
        files: [
          {
            name: 'import.geojson',
            contentBase64: Buffer.from(
              JSON.stringify(recordGeoJson(probe ?? '320305', `import by ${caller.key}`)),
            ).toString('base64'),
          },
        ],
        reason: 'matrix',
      },
    }),
  },
  {
    method: 'GET',
    url: '/api/register/export',
    allowed: government,
    request: () => ({ url: '/api/register/export?format=geojson' }),
  },
  {
    method: 'POST',
    url: '/api/register/records/:id/attachments',
    allowed: government,
    okStatus: 201,
    outOfScopeStatus: 404,
    request: (ctx, caller, probe) => ({
      url: `/api/register/records/${ctx.recordIdIn[probe ?? '320305']}/attachments`,
      payload: {
        kind: 'photo',
        fileName: `${caller.key}.png`,
        contentBase64: pngBase64,
        reason: 'matrix',
      },
    }),
  },
  {
    method: 'GET',
    url: '/api/register/records/:id/attachments',
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/register/records/${ctx.recordIdIn[probe ?? '320305']}/attachments`,
    }),
  },
  {
    method: 'GET',
    url: '/api/register/attachments/:id/content',
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/register/attachments/${ctx.attachmentIdIn[probe ?? '320305']}/content`,
    }),
  },
  {
    method: 'POST',
    url: '/api/register/attachments/:id/withdraw',
    allowed: government,
    outOfScopeStatus: 404,
    // A fresh attachment per call, since one can be withdrawn only once.
    request: async (ctx, _caller, probe, t) => {
      const code = probe ?? '320305';
      const added = await t.services.attachments.add(
        systemActor('test'),
        ctx.recordIdIn[code] ?? '',
        { kind: 'photo', fileName: 'w.png', bytes: Buffer.from(pngBase64, 'base64') },
        'matrix',
      );
      return {
        url: `/api/register/attachments/${added.id}/withdraw`,
        payload: { reason: 'matrix' },
      };
    },
  },
  {
    method: 'GET',
    url: '/tiles/temporary-land.json',
    allowed: 'anyone',
    request: () => ({ url: '/tiles/temporary-land.json' }),
  },
  {
    method: 'GET',
    url: '/tiles/temporary-land/:z/:x/:y.mvt',
    allowed: 'anyone',
    // The z12 tile over the probe's record (Jiawang and Tongshan share one): a leak would show its marker.
    request: (_ctx, _caller, probe) => {
      const [lng, lat] = placeOf(probe ?? '320305');
      return { url: tileUrlAt(lng + 0.003, lat + 0.003, 12) };
    },
  },
  {
    method: 'GET',
    url: '/tiles/reference/:layer/:z/:x/:y.mvt',
    allowed: government,
    // The land-class tile over the probe's survey polygon (its survey code is the marker).
    request: (_ctx, _caller, probe) => {
      const [lng, lat] = placeOf(probe ?? '320305');
      return { url: referenceTileUrlAt(lng + 0.003, lat + 0.003, 12) };
    },
  },
  {
    method: 'GET',
    url: '/tiles/reference/division/:z/:x/:y.mvt',
    allowed: 'anyone',
    publicInformation: true,
    // The division-boundary tile at zoom 8 (below the patch layers' zoom) over the probe's
    // boundary (its name is the marker).
    request: (_ctx, _caller, probe) => {
      const [lng, lat] = placeOf(probe ?? '320305');
      return { url: referenceTileUrlAt(lng + 0.003, lat + 0.003, 8, 'division') };
    },
  },
  {
    method: 'GET',
    url: '/ogc',
    allowed: 'anyone',
    unscoped: true,
    request: () => ({ url: '/ogc' }),
  },
  {
    method: 'GET',
    url: '/ogc/conformance',
    allowed: 'anyone',
    unscoped: true,
    request: () => ({ url: '/ogc/conformance' }),
  },
  {
    method: 'GET',
    url: '/ogc/collections',
    allowed: 'anyone',
    request: () => ({ url: '/ogc/collections' }),
  },
  {
    method: 'GET',
    url: '/ogc/collections/:collectionId',
    allowed: 'anyone',
    request: () => ({ url: '/ogc/collections/temporary-land' }),
  },
  {
    method: 'GET',
    url: '/ogc/collections/:collectionId/items',
    allowed: 'anyone',
    // Every listing covers all the caller may see, so each is checked against every marker;
    // government callers alternate between the register and the land-class layer.
    request: (_ctx, caller, probe) => ({
      url: `/ogc/collections/${probe && government.includes(caller.role) ? 'land-class-parcels' : 'temporary-land'}/items?limit=1000`,
    }),
  },
  {
    method: 'GET',
    url: '/ogc/collections/:collectionId/items/:featureId',
    allowed: 'anyone',
    outOfScopeStatus: 404,
    // The public (and enterprises, who read as the public) may read the published record only.
    request: (ctx, caller, probe) => ({
      url: `/ogc/collections/temporary-land/items/${
        probe
          ? ctx.recordIdIn[probe]
          : government.includes(caller.role)
            ? ctx.recordIdIn['320305']
            : ctx.publishedRecordId
      }`,
    }),
  },
  {
    method: 'GET',
    url: '/api/history',
    allowed: government,
    request: () => ({ url: '/api/history?limit=1000' }),
  },
  {
    method: 'GET',
    url: '/api/supervision/findings',
    allowed: government,
    request: () => ({ url: '/api/supervision/findings?limit=500' }),
  },
  {
    method: 'GET',
    url: '/api/supervision/findings/stats',
    allowed: government,
    request: () => ({ url: '/api/supervision/findings/stats' }),
  },
  {
    method: 'GET',
    url: '/api/supervision/findings/:id',
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/supervision/findings/${ctx.findingIdIn[probe ?? '320305']}`,
    }),
  },
  {
    method: 'POST',
    url: '/api/supervision/findings/:id/actions',
    allowed: government,
    // A stale version: allowed callers reach the version check (409) and change nothing.
    okStatus: 409,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/supervision/findings/${ctx.findingIdIn[probe ?? '320305']}/actions`,
      payload: { action: 'acknowledge', version: 999, reason: 'matrix' },
    }),
  },
  {
    method: 'POST',
    url: '/api/supervision/evaluations',
    allowed: government,
    outOfScopeStatus: 403,
    request: (_ctx, caller, probe) => ({
      url: '/api/supervision/evaluations',
      payload: { asOf: '2026-06-01', divisionCode: probe ?? caller.divisionCode },
    }),
  },
  {
    method: 'GET',
    url: '/api/supervision/evaluations',
    allowed: government,
    request: () => ({ url: '/api/supervision/evaluations' }),
  },
  {
    method: 'GET',
    url: '/api/supervision/county-brake',
    allowed: government,
    request: () => ({ url: '/api/supervision/county-brake?year=2026' }),
  },
  // Reports: the caller's own division by default; another division outside it answers 403.
  {
    method: 'GET',
    url: '/api/supervision/reports/summary',
    allowed: government,
    outOfScopeStatus: 403,
    request: (_ctx, _caller, probe) => ({
      url: `/api/supervision/reports/summary${probe ? `?division=${probe}` : ''}`,
    }),
  },
  {
    method: 'GET',
    url: '/api/supervision/reports/rankings',
    allowed: government,
    outOfScopeStatus: 403,
    request: (_ctx, _caller, probe) => ({
      url: `/api/supervision/reports/rankings?format=csv${probe ? `&division=${probe}` : ''}`,
    }),
  },
  {
    method: 'GET',
    url: '/api/supervision/reports/bulletin',
    allowed: government,
    outOfScopeStatus: 403,
    request: (_ctx, _caller, probe) => ({
      url: `/api/supervision/reports/bulletin${probe ? `?division=${probe}` : ''}`,
    }),
  },
  {
    method: 'POST',
    url: '/api/supervision/backfill/batches',
    allowed: government,
    outOfScopeStatus: 403,
    request: (_ctx, caller, probe) => {
      const code = probe ?? '320305';
      return {
        url: '/api/supervision/backfill/batches',
        payload: {
          divisionCode: code,
          asOf: '2023-08-01',
          source: 'matrix',
          files: [backfillFile(code, `${caller.key}-${probe ?? 'in'}`, 0.012)],
          dryRun: true,
          reason: 'matrix',
        },
      };
    },
  },
  {
    method: 'GET',
    url: '/api/supervision/backfill/batches',
    allowed: government,
    request: () => ({ url: '/api/supervision/backfill/batches?limit=200' }),
  },
  {
    method: 'GET',
    url: '/api/supervision/backfill/batches/:id',
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/supervision/backfill/batches/${ctx.backfill[probe ?? '320305']?.batchId}`,
    }),
  },
  {
    method: 'GET',
    url: '/api/supervision/backfill/polygons',
    allowed: government,
    request: () => ({ url: '/api/supervision/backfill/polygons?limit=500' }),
  },
  {
    method: 'GET',
    url: '/api/supervision/backfill/features',
    allowed: government,
    request: () => ({ url: '/api/supervision/backfill/features?limit=5000' }),
  },
  {
    method: 'GET',
    url: '/api/supervision/backfill/tiles.json',
    allowed: government,
    request: () => ({ url: '/api/supervision/backfill/tiles.json' }),
  },
  {
    method: 'GET',
    url: '/api/supervision/backfill/tiles/:z/:x/:y.mvt',
    allowed: government,
    // The z12 tile over the probe's back-fill polygons (their project name is the marker).
    request: (_ctx, _caller, probe) => ({ url: backfillTileUrlAt(probe ?? '320305') }),
  },
  {
    method: 'GET',
    url: '/api/supervision/backfill/polygons/:id',
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/supervision/backfill/polygons/${ctx.backfill[probe ?? '320305']?.polygonId}`,
    }),
  },
  {
    method: 'POST',
    url: '/api/supervision/backfill/polygons/:id/evidence',
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/supervision/backfill/polygons/${ctx.backfill[probe ?? '320305']?.polygonId}/evidence`,
      payload: { kind: 'flag', shows: 'permanent_structure', reason: 'matrix' },
    }),
  },
  {
    method: 'POST',
    url: '/api/supervision/backfill/polygons/:id/review',
    allowed: ['ministry', 'province', 'city'],
    // A stale version: allowed callers reach the version check (409) and change nothing.
    okStatus: 409,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/supervision/backfill/polygons/${ctx.backfill[probe ?? '320305']?.polygonId}/review`,
      payload: { class: 'in_term', version: 999, reason: 'matrix' },
    }),
  },
  {
    method: 'GET',
    url: '/api/supervision/backfill/evidence/:id/content',
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/supervision/backfill/evidence/${ctx.backfill[probe ?? '320305']?.evidenceId}/content`,
    }),
  },
  {
    method: 'GET',
    url: '/api/supervision/rectification-orders',
    allowed: government,
    request: () => ({ url: '/api/supervision/rectification-orders?limit=500' }),
  },
  {
    method: 'GET',
    url: '/api/supervision/rectification-orders/:id',
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/supervision/rectification-orders/${ctx.backfill[probe ?? '320305']?.orderId}`,
    }),
  },
  {
    method: 'POST',
    url: '/api/supervision/rectification-orders/:id/actions',
    allowed: government,
    okStatus: 409,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/supervision/rectification-orders/${ctx.backfill[probe ?? '320305']?.orderId}/actions`,
      payload: { action: 'rectify', version: 999, reason: 'matrix' },
    }),
  },
  {
    method: 'GET',
    url: '/api/supervision/illegal-cases',
    allowed: government,
    request: () => ({ url: '/api/supervision/illegal-cases?limit=500' }),
  },
  {
    method: 'GET',
    url: '/api/supervision/illegal-cases/:id',
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/supervision/illegal-cases/${ctx.backfill[probe ?? '320305']?.caseId}`,
    }),
  },
  {
    method: 'POST',
    url: '/api/supervision/illegal-cases/:id/actions',
    allowed: government,
    okStatus: 409,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/supervision/illegal-cases/${ctx.backfill[probe ?? '320305']?.caseId}/actions`,
      payload: { action: 'investigate', version: 999, reason: 'matrix' },
    }),
  },
  {
    method: 'GET',
    url: '/api/supervision/write-offs',
    allowed: government,
    request: () => ({ url: '/api/supervision/write-offs?limit=500' }),
  },
  {
    method: 'GET',
    url: '/api/supervision/write-offs/:id',
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/supervision/write-offs/${ctx.backfill[probe ?? '320305']?.writeOffId}`,
    }),
  },
  {
    method: 'POST',
    url: '/api/supervision/write-offs',
    allowed: government,
    // The record is written off already: allowed callers reach the lifecycle check (409).
    okStatus: 409,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: '/api/supervision/write-offs',
      payload: {
        recordId: ctx.backfill[probe ?? '320305']?.writtenOffRecordId,
        reasonCode: 'DATA_ERROR',
        occurredOn: '2026-04-01',
        reason: 'matrix',
      },
    }),
  },
  {
    method: 'POST',
    url: '/api/supervision/write-offs/:id/actions',
    allowed: ['ministry', 'province', 'city'],
    // The write-off is confirmed already: allowed callers reach the status check (409).
    okStatus: 409,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/supervision/write-offs/${ctx.backfill[probe ?? '320305']?.writeOffId}/actions`,
      payload: { action: 'reject', version: 1, reason: 'matrix' },
    }),
  },
  {
    method: 'POST',
    url: '/api/supervision/enforcement/batches',
    allowed: government,
    outOfScopeStatus: 403,
    request: (_ctx, _caller, probe) => {
      const code = probe ?? '320305';
      const file = changeFile(code, 'matrix');
      return {
        url: '/api/supervision/enforcement/batches',
        payload: {
          source: 'change_survey',
          month: '2026-05',
          batchId: 'matrix',
          divisionCode: code,
          files: [{ name: file.name, contentBase64: Buffer.from(file.bytes).toString('base64') }],
          dryRun: true,
          reason: 'matrix',
        },
      };
    },
  },
  {
    method: 'GET',
    url: '/api/supervision/enforcement/batches',
    allowed: government,
    request: () => ({ url: '/api/supervision/enforcement/batches' }),
  },
  {
    method: 'GET',
    url: '/api/supervision/enforcement/batches/:id',
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/supervision/enforcement/batches/${ctx.batchIdIn[probe ?? '320305']}`,
    }),
  },
  {
    method: 'GET',
    url: '/api/supervision/enforcement/batches/:id/tiles.json',
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/supervision/enforcement/batches/${ctx.batchIdIn[probe ?? '320305']}/tiles.json`,
    }),
  },
  {
    method: 'GET',
    url: '/api/supervision/enforcement/batches/:id/tiles/:z/:x/:y.mvt',
    allowed: government,
    // The z12 tile over the probe's batch polygon (its survey code is the marker).
    request: (ctx, _caller, probe) => ({ url: batchTileUrlAt(ctx, probe ?? '320305') }),
  },
  {
    method: 'POST',
    url: '/api/supervision/enforcement/batches/:id/recompute',
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/supervision/enforcement/batches/${ctx.batchIdIn[probe ?? '320305']}/recompute`,
      payload: { reason: 'matrix' },
    }),
  },
  {
    method: 'GET',
    url: '/api/supervision/enforcement/polygons',
    allowed: government,
    request: () => ({ url: '/api/supervision/enforcement/polygons?limit=5000' }),
  },
  {
    method: 'GET',
    url: '/api/supervision/enforcement/polygons/:id',
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/supervision/enforcement/polygons/${ctx.polygonIdIn[probe ?? '320305']}`,
    }),
  },
  {
    method: 'POST',
    url: '/api/supervision/enforcement/polygons/:id/actions',
    allowed: government,
    // A stale version: allowed callers reach the version check (409) and change nothing.
    okStatus: 409,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/supervision/enforcement/polygons/${ctx.polygonIdIn[probe ?? '320305']}/actions`,
      payload: { action: 'assign', version: 999, reason: 'matrix' },
    }),
  },
  {
    method: 'POST',
    url: '/api/supervision/enforcement/polygons/:id/photos',
    allowed: government,
    okStatus: 201,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/supervision/enforcement/polygons/${ctx.polygonIdIn[probe ?? '320305']}/photos`,
      payload: { fileName: 'field.png', contentBase64: pngBase64, reason: 'matrix' },
    }),
  },
  {
    method: 'GET',
    url: '/api/supervision/enforcement/photos/:id/content',
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/supervision/enforcement/photos/${ctx.photoIdIn[probe ?? '320305']}/content`,
    }),
  },
  {
    method: 'GET',
    url: '/api/public/approvals',
    allowed: 'anyone',
    // Published records only, whoever asks: the seeded (unpublished, marked) records around
    // the probe's division never show.
    request: (_ctx, _caller, probe) => {
      const [lng, lat] = placeOf(probe ?? '320305');
      return { url: `/api/public/approvals?near=${lng},${lat}&radiusKm=50&limit=50` };
    },
  },
  {
    method: 'GET',
    url: '/api/notices/kinds',
    allowed: government,
    outOfScopeStatus: 403,
    request: (_ctx, _caller, probe) => ({
      url: `/api/notices/kinds${probe ? `?divisionCode=${probe}` : ''}`,
    }),
  },
  {
    method: 'POST',
    url: '/api/notices/kinds/:code/override',
    allowed: ['ministry', 'province'],
    outOfScopeStatus: 403,
    // Clearing an override that is not set: allowed callers change nothing.
    request: (_ctx, _caller, probe) => ({
      url: '/api/notices/kinds/reclamation_plan_review/override',
      payload: {
        divisionCode: `${(probe ?? '32').slice(0, 2)}0000`,
        window: null,
        reason: 'matrix',
      },
    }),
  },
  {
    method: 'GET',
    url: '/api/notices',
    allowed: 'anyone',
    request: () => ({ url: '/api/notices?limit=500' }),
  },
  {
    method: 'POST',
    url: '/api/notices',
    allowed: government,
    okStatus: 201,
    outOfScopeStatus: 403,
    request: (_ctx, _caller, probe) => ({
      url: '/api/notices',
      payload: {
        divisionCode: probe ?? '320305',
        kindCode: 'approval_publication',
        titleZh: '矩阵公示',
        bodyZh: '矩阵',
        reason: 'matrix',
      },
    }),
  },
  {
    method: 'GET',
    url: '/api/notices/:id',
    allowed: 'anyone',
    outOfScopeStatus: 404,
    // In scope: Jiawang's published notice (everyone reads it); out of scope: a division's draft.
    request: (ctx, _caller, probe) => ({
      url: `/api/notices/${probe ? ctx.notices[probe]!.draftId : ctx.notices['320305']!.publishedId}`,
    }),
  },
  {
    method: 'PATCH',
    url: '/api/notices/:id',
    allowed: government,
    // A stale version: allowed callers reach the version check (409) and change nothing.
    okStatus: 409,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/notices/${ctx.notices[probe ?? '320305']!.draftId}`,
      payload: { titleZh: '矩阵', version: 999, reason: 'matrix' },
    }),
  },
  {
    method: 'POST',
    url: '/api/notices/:id/actions',
    allowed: government,
    okStatus: 409,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/notices/${ctx.notices[probe ?? '320305']!.draftId}/actions`,
      payload: { action: 'publish', version: 999, reason: 'matrix' },
    }),
  },
  {
    method: 'POST',
    url: '/api/notices/:id/objections',
    allowed: 'anyone',
    // Filing is the public's, in any division; the answer holds a receipt only.
    unscoped: true,
    okStatus: 201,
    request: (ctx) => ({
      url: `/api/notices/${ctx.notices['320305']!.publishedId}/objections`,
      payload: { body: '矩阵异议' },
    }),
  },
  {
    method: 'POST',
    url: '/api/notices/objections/lookup',
    allowed: 'anyone',
    unscoped: true,
    request: (ctx) => ({
      url: '/api/notices/objections/lookup',
      payload: { receipt: ctx.receipt },
    }),
  },
  {
    method: 'GET',
    url: '/api/restoration/projects',
    allowed: government,
    outOfScopeStatus: 403,
    request: (_ctx, _caller, probe) => ({
      url: `/api/restoration/projects${probe ? `?divisionCode=${probe}` : '?limit=500'}`,
    }),
  },
  {
    method: 'POST',
    url: '/api/restoration/projects',
    allowed: government,
    okStatus: 201,
    outOfScopeStatus: 403,
    request: (_ctx, _caller, probe) => ({
      url: '/api/restoration/projects',
      payload: { ...restorationInput(probe ?? '320305', '矩阵项目'), reason: 'matrix' },
    }),
  },
  ...(
    [
      ['', 'GET'],
      ['/progress', 'GET'],
      ['/measurements', 'GET'],
      ['/funding', 'GET'],
      ['/criteria-check', 'GET'],
    ] as const
  ).map(([suffix, method]): RouteCase => ({
    method,
    url: `/api/restoration/projects/:id${suffix}`,
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/restoration/projects/${ctx.restoration[probe ?? '320305']!.projectId}${suffix}`,
    }),
  })),
  {
    method: 'PATCH',
    url: '/api/restoration/projects/:id',
    allowed: government,
    // A stale version: allowed callers reach the version check (409) and change nothing.
    okStatus: 409,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/restoration/projects/${ctx.restoration[probe ?? '320305']!.projectId}`,
      payload: { name: '矩阵', version: 999, reason: 'matrix' },
    }),
  },
  {
    method: 'POST',
    url: '/api/restoration/projects/:id/actions',
    allowed: government,
    okStatus: 409,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/restoration/projects/${ctx.restoration[probe ?? '320305']!.projectId}/actions`,
      payload: { action: 'start', version: 999, reason: 'matrix' },
    }),
  },
  {
    method: 'POST',
    url: '/api/restoration/projects/:id/measurements',
    allowed: government,
    okStatus: 201,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/restoration/projects/${ctx.restoration[probe ?? '320305']!.projectId}/measurements`,
      payload: {
        measuredOn: '2026-05-01',
        source: 'field_survey',
        restoredAreaM2: { wetland: 100 },
        reason: 'matrix',
      },
    }),
  },
  {
    method: 'POST',
    url: '/api/restoration/projects/:id/funding',
    allowed: government,
    okStatus: 201,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/restoration/projects/${ctx.restoration[probe ?? '320305']!.projectId}/funding`,
      payload: { source: 'central', amountYuan: 1000, year: 2026, reason: 'matrix' },
    }),
  },
  {
    method: 'POST',
    url: '/api/restoration/measurements/:id/attachments',
    allowed: government,
    okStatus: 201,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/restoration/measurements/${ctx.restoration[probe ?? '320305']!.measurementId}/attachments`,
      payload: {
        kind: 'photo',
        fileName: 'matrix.png',
        contentBase64: pngBase64,
        reason: 'matrix',
      },
    }),
  },
  {
    method: 'GET',
    url: '/api/restoration/attachments/:id/content',
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/restoration/attachments/${ctx.restoration[probe ?? '320305']!.attachmentId}/content`,
    }),
  },
  {
    method: 'GET',
    url: '/api/restoration/dashboard',
    allowed: government,
    outOfScopeStatus: 403,
    request: (_ctx, _caller, probe) => ({
      url: `/api/restoration/dashboard${probe ? `?divisionCode=${probe}` : ''}`,
    }),
  },
  {
    method: 'GET',
    url: '/api/restoration/criteria',
    allowed: accounts,
    request: () => ({ url: '/api/restoration/criteria' }),
  },
  {
    method: 'POST',
    url: '/api/restoration/criteria',
    allowed: ['ministry', 'province', 'city'],
    okStatus: 201,
    outOfScopeStatus: 403,
    // Each allowed caller adds a row of its own division (a probe is a county outside it).
    request: (_ctx, caller, probe) => ({
      url: '/api/restoration/criteria',
      payload: {
        divisionCode: probe ?? caller.divisionCode,
        region: 'matrix',
        direction: 'wetland',
        indicator: `matrix_${caller.key.replace('-', '_')}`,
        operator: '>=',
        threshold: 1,
        unit: '%',
        reason: 'matrix',
      },
    }),
  },
  {
    method: 'POST',
    url: '/api/restoration/criteria/replace',
    allowed: ['ministry', 'province', 'city'],
    outOfScopeStatus: 403,
    request: (_ctx, caller, probe) => ({
      url: '/api/restoration/criteria/replace',
      payload: {
        divisionCode: probe ?? caller.divisionCode,
        region: 'matrix_replace',
        direction: 'wetland',
        rows: [],
        reason: 'matrix',
      },
    }),
  },
  {
    method: 'POST',
    url: '/api/restoration/criteria/check',
    allowed: government,
    outOfScopeStatus: 403,
    request: (_ctx, _caller, probe) => ({
      url: '/api/restoration/criteria/check',
      payload: {
        divisionCode: probe ?? '320305',
        region: 'matrix',
        direction: 'wetland',
        values: [{ indicator: 'vegetation_cover', value: 50, unit: '%' }],
      },
    }),
  },
  {
    method: 'GET',
    url: '/api/notices/objections',
    allowed: government,
    request: () => ({ url: '/api/notices/objections?limit=500' }),
  },
  {
    method: 'GET',
    url: '/api/notices/objections/:id',
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/notices/objections/${ctx.notices[probe ?? '320305']!.objectionId}`,
    }),
  },
  {
    method: 'POST',
    url: '/api/notices/objections/:id/actions',
    allowed: government,
    okStatus: 409,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/notices/objections/${ctx.notices[probe ?? '320305']!.objectionId}/actions`,
      payload: { action: 'answer', version: 999, answer: '矩阵', reason: 'matrix' },
    }),
  },
  {
    method: 'GET',
    url: '/api/reclamation/summary',
    allowed: government,
    request: () => ({ url: '/api/reclamation/summary' }),
  },
  {
    method: 'GET',
    url: '/api/reclamation/obligations',
    allowed: landUserReaders,
    request: () => ({ url: '/api/reclamation/obligations?limit=500' }),
  },
  {
    method: 'POST',
    url: '/api/reclamation/obligations',
    allowed: reclamationWriters,
    // The record has its obligation already: allowed callers reach that check (409).
    okStatus: 409,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: '/api/reclamation/obligations',
      payload: {
        recordId: ctx.reclamation[probe ?? '320305']!.recordId,
        targets: reclaimedTargets,
        estimatedCostYuan: 1,
        reason: 'matrix',
      },
    }),
  },
  {
    method: 'GET',
    url: '/api/reclamation/obligations/:id',
    allowed: landUserReaders,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/reclamation/obligations/${ctx.reclamation[probe ?? '320305']!.obligationId}`,
    }),
  },
  {
    method: 'PATCH',
    url: '/api/reclamation/obligations/:id',
    allowed: reclamationWriters,
    okStatus: 409,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/reclamation/obligations/${ctx.reclamation[probe ?? '320305']!.obligationId}`,
      payload: { measures: '矩阵', version: 999, reason: 'matrix' },
    }),
  },
  {
    method: 'POST',
    url: '/api/reclamation/obligations/:id/extensions',
    allowed: reclamationWriters,
    // Applied for after the deadline (2029-03-01): refused (TL-RECL-03), nothing written.
    okStatus: 409,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/reclamation/obligations/${ctx.reclamation[probe ?? '320305']!.obligationId}/extensions`,
      payload: {
        cause: 'climate',
        appliedOn: '2029-03-02',
        approvedOn: '2029-03-03',
        newDeadline: '2029-12-31',
        statement: '矩阵',
        reason: 'matrix',
      },
    }),
  },
  {
    method: 'POST',
    url: '/api/reclamation/obligations/:id/reports',
    allowed: landUserWriters,
    // Dated in the future: refused after the scope check, nothing written.
    okStatus: 400,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/reclamation/obligations/${ctx.reclamation[probe ?? '320305']!.obligationId}/reports`,
      payload: { reportedOn: '2099-01-01', percentComplete: 1, summary: '矩阵', reason: 'matrix' },
    }),
  },
  {
    method: 'GET',
    url: '/api/reclamation/photos/:id/content',
    allowed: landUserReaders,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/reclamation/photos/${ctx.reclamation[probe ?? '320305']!.photoId}/content`,
    }),
  },
  {
    method: 'GET',
    url: '/api/reclamation/obligations/:id/ledger',
    allowed: landUserReaders,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/reclamation/obligations/${ctx.reclamation[probe ?? '320305']!.obligationId}/ledger`,
    }),
  },
  {
    method: 'POST',
    url: '/api/reclamation/obligations/:id/ledger',
    allowed: reclamationWriters,
    // A release before acceptance: refused (TL-RECL-06), nothing written.
    okStatus: 409,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/reclamation/obligations/${ctx.reclamation[probe ?? '320305']!.obligationId}/ledger`,
      payload: { kind: 'release', occurredOn: '2026-06-01', reason: 'matrix' },
    }),
  },
  {
    method: 'POST',
    url: '/api/reclamation/obligations/:id/acceptances',
    allowed: landUserWriters,
    // An application is pending: refused, nothing written.
    okStatus: 409,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/reclamation/obligations/${ctx.reclamation[probe ?? '320305']!.obligationId}/acceptances`,
      payload: { appliedOn: '2026-06-02', filedBy: 'land_user', reason: 'matrix' },
    }),
  },
  {
    method: 'GET',
    url: '/api/reclamation/acceptances',
    allowed: government,
    request: () => ({ url: '/api/reclamation/acceptances?limit=500' }),
  },
  {
    method: 'GET',
    url: '/api/reclamation/acceptances/:id',
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/reclamation/acceptances/${ctx.reclamation[probe ?? '320305']!.acceptanceId}`,
    }),
  },
  {
    method: 'POST',
    url: '/api/reclamation/acceptances/:id/panel',
    allowed: reclamationWriters,
    okStatus: 409,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/reclamation/acceptances/${ctx.reclamation[probe ?? '320305']!.acceptanceId}/panel`,
      payload: {
        members: [{ name: '矩阵', department: 'forestry' }],
        version: 999,
        reason: 'matrix',
      },
    }),
  },
  {
    method: 'POST',
    url: '/api/reclamation/acceptances/:id/verdict',
    allowed: government,
    okStatus: 409,
    outOfScopeStatus: 404,
    request: (ctx, _caller, probe) => ({
      url: `/api/reclamation/acceptances/${ctx.reclamation[probe ?? '320305']!.acceptanceId}/verdict`,
      payload: { verdict: 'pass', version: 999, decidedOn: '2026-06-01', reason: 'matrix' },
    }),
  },
  {
    method: 'GET',
    url: '/api/reclamation/land-class-changes',
    allowed: government,
    request: () => ({ url: '/api/reclamation/land-class-changes?limit=500' }),
  },
  {
    method: 'GET',
    url: '/api/history/:entity/:id',
    allowed: government,
    outOfScopeStatus: 404,
    request: (ctx, caller, probe) => ({
      url: `/api/history/users/${ctx.userIdIn[probe ?? '320305']}`,
    }),
  },
];

const isAllowed = (route: RouteCase, caller: Caller) =>
  route.allowed === 'anyone' ||
  (route.allowed.includes(caller.role) && (!route.admin || caller.isAdmin));

/** Seeded divisions outside the caller's reach (the public reaches none of the scoped data). */
const outOfScope = (caller: Caller) =>
  seeded.filter((code) => caller.role === 'public' || !isWithinDivision(code, caller.divisionCode));

async function seed(db: Db, t: TestApp): Promise<Context> {
  const ctx: Context = {
    userIdIn: {},
    recordIdIn: {},
    attachmentIdIn: {},
    findingIdIn: {},
    batchIdIn: {},
    polygonIdIn: {},
    photoIdIn: {},
    tokenIdOf: {},
    publishedRecordId: '',
    backfill: {},
    notices: {},
    receipt: '',
    reclamation: {},
    restoration: {},
  };
  for (const code of seeded) {
    const user = await t.addUser(`u${code}`.toLowerCase(), 'county', code);
    ctx.userIdIn[code] = user.id;
    await asSystem(
      db,
      systemActor('test'),
      async (tx) => {
        const batch = await insertBatch(tx, {
          layer: 'land_class',
          divisionCode: code,
          surveyYear: 2024,
          source: marker(code),
        });
        const [lng, lat] = placeOf(code);
        const ring = [
          [lng, lat],
          [lng + 0.01, lat],
          [lng + 0.01, lat + 0.01],
          [lng, lat + 0.01],
          [lng, lat],
        ];
        await insertFeatures(tx, 'land_class', batch, [
          {
            divisionCode: code,
            surveyCode: marker(code),
            landClassCode: '0103',
            geometry: { type: 'Polygon', coordinates: [ring] },
          },
        ]);
        const boundaries = await insertBatch(tx, {
          layer: 'division',
          divisionCode: code,
          surveyYear: 2024,
          source: marker(code),
        });
        await insertBoundaries(tx, boundaries, [
          {
            divisionCode: code,
            boundaryCode: `${code}001`,
            name: marker(code),
            geometry: { type: 'Polygon', coordinates: [ring] },
          },
        ]);
      },
      'matrix seed',
    );
    const system = systemActor('test');
    const record = await t.services.register.create(system, recordInput(code), 'matrix seed');
    const steps = [
      { action: 'register', reasonCode: 'REGISTERED', occurredOn: '2026-03-05' },
      { action: 'start_use', reasonCode: 'WORKS_STARTED', occurredOn: '2026-03-06' },
    ] as const;
    let version = record.version;
    for (const step of steps)
      version = (
        await t.services.register.transition(system, record.id, version, step, 'matrix seed')
      ).version;
    ctx.recordIdIn[code] = record.id;
    ctx.attachmentIdIn[code] = (
      await t.services.attachments.add(
        system,
        record.id,
        { kind: 'photo', fileName: `${marker(code)}.png`, bytes: Buffer.from(pngBase64, 'base64') },
        'matrix seed',
      )
    ).id;
  }
  const system = systemActor('test');
  await t.services.evaluations.evaluate(system, { asOf: '2026-06-01', divisionCode: '000000' });
  for (const code of seeded) {
    const { items } = await t.services.findings.list(system, {
      recordId: ctx.recordIdIn[code]!,
      limit: 1,
      offset: 0,
    });
    ctx.findingIdIn[code] = items[0]!.id;
    const batch = await t.services.enforcement.import(system, [changeFile(code, marker(code))], {
      source: 'satellite_enforcement',
      month: '2026-05',
      batchId: marker(code),
      divisionCode: code,
      reason: 'matrix seed',
    });
    ctx.batchIdIn[code] = batch.batch.id;
    const [polygon] = await db.query<{ id: string }>(
      'SELECT id FROM change_polygon WHERE batch_id = $1',
      [batch.batch.id],
    );
    ctx.polygonIdIn[code] = polygon!.id;
    await t.services.verifications.act(system, polygon!.id, {
      action: 'assign',
      version: 0,
      assigneeId: ctx.userIdIn[code]!,
      reason: 'matrix seed',
    });
    ctx.photoIdIn[code] = (
      await t.services.verifications.addPhoto(
        system,
        polygon!.id,
        { fileName: `${marker(code)}.png`, bytes: Buffer.from(pngBase64, 'base64') },
        'matrix seed',
      )
    ).id;
  }
  for (const code of seeded) ctx.backfill[code] = await seedBackfill(t, code);
  for (const code of seeded) ctx.reclamation[code] = await seedReclamation(t, code);
  for (const code of seeded) {
    const seededNotices = await seedNotices(t, code);
    ctx.notices[code] = seededNotices;
    if (code === '320305') ctx.receipt = seededNotices.receipt;
  }
  for (const code of seeded) ctx.restoration[code] = await seedRestoration(t, code);
  await seedCriteria(t);
  ctx.publishedRecordId = (
    await t.services.register.create(
      systemActor('test'),
      { ...recordInput('320305', 'published'), disclosurePublishedOn: '2026-03-03' },
      'matrix seed',
    )
  ).id;
  for (const caller of callers) {
    if (caller.role === 'public') continue;
    const user =
      caller.role === 'enterprise'
        ? await t.services.users.create(
            systemActor('test'),
            {
              username: caller.key,
              displayName: caller.key,
              role: caller.role,
              divisionCode: caller.divisionCode,
              organization: enterpriseOrganization,
              password: testPassword,
            },
            'test fixture',
          )
        : await t.addUser(caller.key, caller.role, caller.divisionCode, caller.isAdmin);
    const actor: Actor = {
      kind: 'user',
      userId: user.id,
      name: caller.key,
      role: caller.role,
      divisionCode: caller.divisionCode,
      isAdmin: caller.isAdmin,
      organization: user.organization,
    };
    ctx.tokenIdOf[caller.key] = (
      await t.services.auth.createApiToken(actor, 'seed', null)
    ).record.id;
  }
  return ctx;
}

describeEachMode('access matrix', (db) => {
  let t: TestApp;
  let ctx: Context;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(db(), {
      RECLAIM_LOGIN_ATTEMPTS_PER_MINUTE: '1000',
      RECLAIM_OBJECTIONS_PER_HOUR: '1000',
      RECLAIM_RECEIPT_CHECKS_PER_MINUTE: '1000',
    });
    ctx = await seed(db(), t);
    for (const caller of callers) {
      if (caller.role !== 'public') cookies[caller.key] = await t.login(caller.key);
    }
  }, 120_000);
  afterAll(() => t.close());

  it('covers every route the server has, and lists none it lacks', () => {
    expect(collectRoutes(t).length).toBeGreaterThan(20);
    const listed = new Set(routes.map((r) => `${r.method} ${r.url}`));
    const missing: string[] = [];
    for (const route of collectRoutes(t)) if (!listed.has(route)) missing.push(route);
    expect(missing, 'routes missing from the access matrix').toEqual([]);
    const served = new Set(collectRoutes(t));
    expect(
      routes.map((r) => `${r.method} ${r.url}`).filter((r) => !served.has(r)),
      'matrix rows for routes the server lacks',
    ).toEqual([]);
  });

  it('answers every route × role as the policy says, and leaks nothing out of scope', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      for (const caller of callers) {
        const session =
          caller.role === 'public'
            ? undefined
            : route.endsSession
              ? await t.login(caller.key)
              : cookies[caller.key];
        const headers = session ? { cookie: session } : {};
        const allowed = isAllowed(route, caller);
        const probes: (string | undefined)[] =
          route.unscoped || !allowed ? [undefined] : [undefined, ...outOfScope(caller)];
        for (const probe of probes) {
          const { url, payload } = await route.request(ctx, caller, probe, t);
          const response = await t.app.inject({
            method: route.method,
            url,
            headers,
            ...(payload === undefined ? {} : { payload: payload as object }),
          });
          const where = `${route.method} ${url} as ${caller.key}${probe ? ` (probe ${probe})` : ''}`;
          if (!allowed) {
            const expected = caller.role === 'public' ? 401 : 403;
            if (response.statusCode !== expected) {
              failures.push(`${where}: expected ${expected}, got ${response.statusCode}`);
            }
            continue;
          }
          const expected = probe
            ? (route.outOfScopeStatus ?? route.okStatus ?? 200)
            : (route.okStatus ?? 200);
          if (response.statusCode !== expected) {
            failures.push(
              `${where}: expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 200)}`,
            );
          }
          if (route.unscoped || (route.publicInformation && caller.role === 'public')) continue;
          for (const code of outOfScope(caller)) {
            if (response.body.includes(marker(code)) || response.body.includes(`u${code}`)) {
              failures.push(`${where}: leaks data of ${code}`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000); // every route × role × probe, one request at a time (164 s measured under load)

  it('shows an allowed caller the data inside its scope (the probe data is really there)', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/layers/batches',
      headers: { cookie: cookies['ministry-admin'] ?? '' },
    });
    for (const code of seeded) expect(response.body).toContain(marker(code));
    const city = await t.app.inject({
      method: 'GET',
      url: '/api/layers/batches',
      headers: { cookie: cookies['city-admin'] ?? '' },
    });
    expect(city.body).toContain(marker('320305'));
    expect(city.body).toContain(marker('320312'));
    for (const url of [
      '/api/supervision/enforcement/batches',
      '/api/supervision/enforcement/polygons?limit=5000',
      '/api/restoration/projects?limit=500',
    ]) {
      const all = await t.app.inject({
        method: 'GET',
        url,
        headers: { cookie: cookies['ministry-admin'] ?? '' },
      });
      for (const code of seeded) expect(all.body, url).toContain(marker(code));
    }
  });

  it('shows an enterprise the obligations of the records it uses, and none of another land user', async () => {
    const obligationId = ctx.reclamation['320305']!.obligationId;
    const get = (url: string, cookie: string) =>
      t.app.inject({ method: 'GET', url, headers: { cookie } });
    // Its own: the Jiawang record's obligation, and only that one (the others lie outside).
    const own = await get('/api/reclamation/obligations?limit=500', cookies.enterprise!);
    expect(own.statusCode).toBe(200);
    expect(own.json<{ items: { id: string }[] }>().items.map((o) => o.id)).toEqual([obligationId]);

    // Another enterprise in the same county, not the land user: nothing, and 404 by id.
    await t.services.users.create(
      systemActor('test'),
      {
        username: 'enterprise-other',
        displayName: 'enterprise-other',
        role: 'enterprise',
        divisionCode: '320305',
        organization: '另一家用地企业',
        password: testPassword,
      },
      'test fixture',
    );
    const other = await t.login('enterprise-other');
    const list = await get('/api/reclamation/obligations?limit=500', other);
    expect(list.json<{ total: number }>().total).toBe(0);
    expect((await get(`/api/reclamation/obligations/${obligationId}`, other)).statusCode).toBe(404);
    const photo = ctx.reclamation['320305']!.photoId;
    expect((await get(`/api/reclamation/photos/${photo}/content`, other)).statusCode).toBe(404);
    for (const [url, payload] of [
      [
        `/api/reclamation/obligations/${obligationId}/reports`,
        { reportedOn: '2026-05-21', percentComplete: 60, summary: '他人', reason: 'matrix' },
      ],
      [
        `/api/reclamation/obligations/${obligationId}/acceptances`,
        { appliedOn: '2026-06-02', filedBy: 'land_user', reason: 'matrix' },
      ],
    ] as const) {
      const response = await t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: other },
        payload,
      });
      expect(response.statusCode, url).toBe(404);
    }
  });

  it('shows a city’s criteria to those inside it and above it (the criteria probes above could see a leak)', async () => {
    const markersIn = async (who: string) => {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/restoration/criteria?region=matrix',
        headers: { cookie: cookies[who] ?? '' },
      });
      return seeded.filter((code) => response.body.includes(marker(code)));
    };
    expect(await markersIn('ministry-admin')).toEqual(['320411', '140212']);
    expect(await markersIn('province-admin')).toEqual(['320411']);
    expect(await markersIn('city-admin')).toEqual([]);
  });

  it('draws in-scope records in the tiles, so the tile probes above could see a leak', async () => {
    const [lng, lat] = placeOf('320305');
    // Project names carry the division's marker (reassignments above append to it).
    const markersIn = async (who: string) => {
      const response = await t.app.inject({
        method: 'GET',
        url: tileUrlAt(lng + 0.003, lat + 0.003, 12),
        headers: { cookie: cookies[who] ?? '' },
      });
      const names = decodeTile(response.rawPayload).features.map((f) =>
        String(f.properties.projectName),
      );
      return seeded.filter((code) => names.some((name) => name.includes(marker(code))));
    };
    expect(await markersIn('city-admin')).toEqual(['320305', '320312']);
    expect(await markersIn('county-clerk')).toEqual(['320305']);
  });

  it('draws in-scope survey polygons in the reference tiles, so their probe above could see a leak', async () => {
    const [lng, lat] = placeOf('320305');
    const markersIn = async (who: string) => {
      const response = await t.app.inject({
        method: 'GET',
        url: referenceTileUrlAt(lng + 0.003, lat + 0.003, 12),
        headers: { cookie: cookies[who] ?? '' },
      });
      const codes = decodeTile(response.rawPayload).features.map((f) =>
        String(f.properties.surveyCode),
      );
      return seeded.filter((code) => codes.includes(marker(code)));
    };
    expect(await markersIn('city-admin')).toEqual(['320305', '320312']);
    expect(await markersIn('county-clerk')).toEqual(['320305']);
  });

  it('draws in-scope change polygons in a batch’s tiles, so their probe above could see a leak', async () => {
    const markersIn = async (who: string, code: string) => {
      const response = await t.app.inject({
        method: 'GET',
        url: batchTileUrlAt(ctx, code),
        headers: { cookie: cookies[who] ?? '' },
      });
      const codes = decodeTile(response.rawPayload).features.map((f) =>
        String(f.properties.surveyCode),
      );
      return seeded.filter((c) => codes.includes(marker(c)));
    };
    expect(await markersIn('city-admin', '320305')).toEqual(['320305']);
    expect(await markersIn('city-admin', '320312')).toEqual(['320312']);
    expect(await markersIn('county-clerk', '320305')).toEqual(['320305']);
    expect(await markersIn('county-clerk', '320312')).toEqual([]);
  });

  it('draws in-scope back-fill polygons in their tiles, so their probe above could see a leak', async () => {
    const markersIn = async (who: string, code: string) => {
      const response = await t.app.inject({
        method: 'GET',
        url: backfillTileUrlAt(code),
        headers: { cookie: cookies[who] ?? '' },
      });
      const names = decodeTile(response.rawPayload).features.map((f) =>
        String(f.properties.projectName),
      );
      return seeded.filter((c) => names.some((n) => n.includes(marker(c))));
    };
    // Jiawang and Tongshan share the tile: the city sees both counties' polygons, each county its own.
    expect(await markersIn('city-admin', '320305')).toEqual(['320305', '320312']);
    expect(await markersIn('county-clerk', '320305')).toEqual(['320305']);
    expect(await markersIn('county-clerk', '320312')).toEqual(['320305']);
  });

  it('draws in-scope division boundaries zoomed out, so their probe above could see a leak', async () => {
    const [lng, lat] = placeOf('320305');
    const markersIn = async (who: string) => {
      const response = await t.app.inject({
        method: 'GET',
        url: referenceTileUrlAt(lng + 0.003, lat + 0.003, 8, 'division'),
        headers: { cookie: cookies[who] ?? '' },
      });
      const names = decodeTile(response.rawPayload).features.map((f) => String(f.properties.name));
      return seeded.filter((code) => names.includes(marker(code)));
    };
    expect(await markersIn('province-admin')).toEqual(['320305', '320312']);
    expect(await markersIn('county-clerk')).toEqual(['320305']);
    // Boundaries are public information: the public sees every one, an enterprise its county's.
    expect(await markersIn('public')).toEqual(['320305', '320312']);
    expect(await markersIn('enterprise')).toEqual(['320305']);
  });
});

/** The zoom-12 tile of the batch seeded in `code` over its polygon. */
function batchTileUrlAt(ctx: { batchIdIn: Record<string, string> }, code: string): string {
  const [lng, lat] = placeOf(code);
  return tileUrlAt(lng + 0.004, lat + 0.004, 12).replace(
    '/tiles/temporary-land/',
    `/api/supervision/enforcement/batches/${ctx.batchIdIn[code]}/tiles/`,
  );
}

/** The z12 back-fill tile over the polygons `backfillFile` puts in division `code`. */
function backfillTileUrlAt(code: string): string {
  const [lng, lat] = placeOf(code);
  return tileUrlAt(lng + 0.007, lat + 0.003, 12).replace(
    '/tiles/temporary-land/',
    '/api/supervision/backfill/tiles/',
  );
}

/** The reference tile of `layer` (land class unless said) holding [lng, lat] at zoom `z`. */
function referenceTileUrlAt(lng: number, lat: number, z: number, layer = 'land_class'): string {
  return tileUrlAt(lng, lat, z).replace('/tiles/temporary-land/', `/tiles/reference/${layer}/`);
}

/** A small back-fill file inside division `code`, east of its record, names carrying the marker. */
function backfillFile(code: string, tag: string, offset: number) {
  const [lng, lat] = placeOf(code);
  const at = (dx: number) => ({
    type: 'Polygon',
    coordinates: [
      [
        [lng + dx, lat + 0.002],
        [lng + dx + 0.002, lat + 0.002],
        [lng + dx + 0.002, lat + 0.004],
        [lng + dx, lat + 0.004],
        [lng + dx, lat + 0.002],
      ],
    ],
  });
  const features = [
    // (c): still used after its term, back-filled with an order.
    {
      图斑编号: `${code}-${tag}-C`,
      项目名称: `${marker(code)} ${tag}`,
      用途: '材料堆场',
      终止日期: '2022-01-31',
      是否在用: '是',
    },
    // (d): permanent structures, a case.
    {
      图斑编号: `${code}-${tag}-D`,
      项目名称: `${marker(code)} ${tag}`,
      用途: '材料堆场',
      终止日期: '2024-12-31',
    },
  ].map((properties, i) => ({ type: 'Feature', properties, geometry: at(offset + i * 0.003) }));
  return {
    name: `${code}.geojson`,
    contentBase64: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })).toString(
      'base64',
    ),
  };
}

/** A back-fill batch in `code` with an order, a case with a photo, and a write-off. */
async function seedBackfill(t: TestApp, code: string): Promise<Context['backfill'][string]> {
  const system = systemActor('test');
  const file = backfillFile(code, 'seed', 0.006);
  const result = await t.services.backfill.import(
    system,
    [{ name: file.name, bytes: new Uint8Array(Buffer.from(file.contentBase64, 'base64')) }],
    {
      divisionCode: code,
      asOf: '2023-08-01',
      source: marker(code),
      evidence: [
        {
          surveyCode: `${code}-seed-D`,
          kind: 'photo',
          shows: 'permanent_structure',
          file: { name: `${marker(code)}.png`, bytes: Buffer.from(pngBase64, 'base64') },
        },
      ],
      reason: 'matrix seed',
    },
  );
  const overdue = result.polygons.find((p) => p.letter === 'c')!;
  const built = result.polygons.find((p) => p.letter === 'd')!;
  const polygon = await t.services.backfill.getPolygon(system, built.id);
  const writeOff = await t.services.writeOffs.request(
    system,
    { recordId: overdue.recordId!, reasonCode: 'DATA_ERROR', occurredOn: '2023-09-01' },
    'matrix seed',
  );
  return {
    batchId: result.batchId,
    polygonId: built.id,
    evidenceId: polygon.evidence[0]!.id,
    orderId: overdue.orderId!,
    caseId: built.caseId!,
    writeOffId: writeOff.id,
    writtenOffRecordId: overdue.recordId!,
  };
}

const reclaimedTargets = {
  cultivatedM2: 0,
  farmlandM2: 0,
  forestM2: 0,
  otherAgriculturalM2: 0,
  constructionM2: 0,
  unusedM2: 0,
};

/** Division `code`'s reclamation: a second, reclaiming record (marked) with an obligation, a report photo and a pending acceptance. */
async function seedReclamation(t: TestApp, code: string) {
  const system = systemActor('test');
  // Every division's record is used by the enterprise caller's organization: what keeps the
  // enterprise out of another division's obligation is its division scope.
  const record = await t.services.register.create(
    system,
    { ...recordInput(code, `${marker(code)} 复垦`), landUser: enterpriseOrganization },
    'matrix seed',
  );
  let version = record.version;
  for (const step of [
    { action: 'register', reasonCode: 'REGISTERED', occurredOn: '2026-03-05' },
    { action: 'start_use', reasonCode: 'WORKS_STARTED', occurredOn: '2026-03-06' },
    { action: 'start_reclamation', reasonCode: 'USE_ENDED', occurredOn: '2026-05-01' },
  ] as const)
    version = (
      await t.services.register.transition(system, record.id, version, step, 'matrix seed')
    ).version;
  const obligation = await t.services.obligations.create(
    system,
    {
      recordId: record.id,
      targets: reclaimedTargets,
      estimatedCostYuan: 1000,
      obligor: `${marker(code)} 用地单位`,
    },
    'matrix seed',
  );
  const reported = await t.services.obligations.report(
    system,
    obligation.id,
    {
      reportedOn: '2026-05-20',
      percentComplete: 50,
      summary: marker(code),
      photos: [{ fileName: `${marker(code)}.png`, bytes: Buffer.from(pngBase64, 'base64') }],
    },
    'matrix seed',
  );
  const acceptance = await t.services.acceptances.apply(
    system,
    obligation.id,
    { appliedOn: '2026-06-01', filedBy: 'land_user' },
    'matrix seed',
  );
  return {
    recordId: record.id,
    obligationId: obligation.id,
    photoId: reported.reports[0]!.photos[0]!.id,
    acceptanceId: acceptance.id,
  };
}

/** Division `code`'s notices: a marked draft, an unmarked published notice and a marked objection on it. */
async function seedNotices(t: TestApp, code: string) {
  const system = systemActor('test');
  const notice = (titleZh: string) =>
    t.services.notices.create(
      system,
      { divisionCode: code, kindCode: 'reclamation_acceptance', titleZh, bodyZh: '验收结果公示' },
      'matrix seed',
    );
  const draft = await notice(`${marker(code)} 草稿`);
  const published = await notice('验收结果公示');
  await t.services.notices.act(system, published.id, {
    action: 'publish',
    version: published.version,
    reason: 'matrix seed',
  });
  const filed = await t.services.objections.file(published.id, { body: `${marker(code)} 异议` });
  const { items } = await t.services.objections.list(system, {
    noticeId: published.id,
    limit: 1,
    offset: 0,
  });
  return {
    draftId: draft.id,
    publishedId: published.id,
    objectionId: items[0]!.id,
    receipt: filed.receipt,
  };
}

/** A restoration project in `code` (name marked) with a measurement and a photo of it. */
async function seedRestoration(t: TestApp, code: string): Promise<Context['restoration'][string]> {
  const system = systemActor('test');
  const project = await t.services.restorationProjects.create(
    system,
    restorationInput(code, marker(code)),
    'matrix seed',
  );
  const measurement = await t.services.restorationMeasurements.record(
    system,
    project.id,
    {
      measuredOn: '2026-04-01',
      source: 'remote_sensing',
      restoredAreaM2: { wetland: 500 },
      note: marker(code),
    },
    'matrix seed',
  );
  const attachment = await t.services.restorationMeasurements.addAttachment(
    system,
    measurement.id,
    { kind: 'photo', fileName: `${marker(code)}.png`, bytes: Buffer.from(pngBase64, 'base64') },
    'matrix seed',
  );
  return { projectId: project.id, measurementId: measurement.id, attachmentId: attachment.id };
}

/**
 * Criteria kept by the cities of Changzhou and Datong, marked with their seeded county: seen
 * there and above, never by Xuzhou's callers (Xuzhou's own would be above Jiawang and Tongshan
 * alike, so it carries no marker).
 */
async function seedCriteria(t: TestApp): Promise<void> {
  for (const [city, county] of [
    ['320400', '320411'],
    ['140200', '140212'],
  ] as const)
    await t.services.acceptanceCriteria.replace(
      systemActor('test'),
      {
        divisionCode: city,
        region: 'matrix',
        direction: 'wetland',
        rows: [
          {
            indicator: 'vegetation_cover',
            operator: '>=',
            threshold: 60,
            unit: '%',
            basis: marker(county),
          },
        ],
      },
      'matrix seed',
    );
}

/** A restoration project's fields inside division `code`. */
function restorationInput(code: string, name: string) {
  const [lng, lat] = placeOf(code);
  const ring = [
    [lng + 0.006, lat + 0.006],
    [lng + 0.009, lat + 0.006],
    [lng + 0.009, lat + 0.009],
    [lng + 0.006, lat + 0.009],
    [lng + 0.006, lat + 0.006],
  ];
  return {
    divisionCode: code,
    name,
    responsibleUnit: 'matrix',
    damageKind: 'subsidence' as const,
    criteriaRegion: 'matrix',
    geometry: { type: 'Polygon', coordinates: [ring] },
    targetAreaM2: { wetland: 50_000 },
  };
}

/** A small record inside division `code`, its project name carrying the division's marker. */
function recordInput(code: string, name = marker(code)) {
  const [lng, lat] = placeOf(code);
  const ring = [
    [lng + 0.002, lat + 0.002],
    [lng + 0.004, lat + 0.002],
    [lng + 0.004, lat + 0.004],
    [lng + 0.002, lat + 0.004],
    [lng + 0.002, lat + 0.002],
  ];
  return {
    divisionCode: code,
    projectName: name,
    projectClass: 'transport',
    useType: 'material_yard',
    approvalDate: '2026-03-02',
    termEnd: '2028-03-01',
    geometry: { type: 'Polygon', coordinates: [ring] },
  };
}

/** The same record as a GeoJSON file, with Chinese attribute names. */
function recordGeoJson(code: string, name: string) {
  const input = recordInput(code, name);
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { 项目名称: name, 用途: '材料堆场', 行政区代码: code, 项目类别: '交通' },
        geometry: input.geometry,
      },
    ],
  };
}

/** A change polygon over division `code`'s seeded record, numbered `code`-marked. */
function changeFile(code: string, surveyCode: string) {
  const [lng, lat] = placeOf(code);
  const ring = [
    [lng + 0.003, lat + 0.003],
    [lng + 0.005, lat + 0.003],
    [lng + 0.005, lat + 0.005],
    [lng + 0.003, lat + 0.005],
    [lng + 0.003, lat + 0.003],
  ];
  const feature = {
    type: 'Feature',
    properties: { TBBH: surveyCode, XZQDM: code },
    geometry: { type: 'Polygon', coordinates: [ring] },
  };
  return { name: 'wp.geojson', bytes: new TextEncoder().encode(JSON.stringify(feature)) };
}

async function versionOf(t: TestApp, id: string): Promise<number> {
  const [row] = await t.services.db.query<{ version: number }>(
    'SELECT version FROM temporary_land WHERE id = $1',
    [id],
  );
  return row?.version ?? 1;
}

function collectRoutes(t: TestApp): string[] {
  return t.app.routePolicies.map((p) => `${p.method} ${p.url}`);
}
