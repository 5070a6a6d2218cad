// Verifying a change polygon in the caller's scope: assign it to an official, add field
// photos, record the verdict, close (or reopen) it — each step checked by the state machine
// (domain/verification.ts), versioned, and logged in the polygon's timeline. Closing also
// settles the polygon's TL-ENF-01 finding: confirmed illegal use is acknowledged, anything
// else closed; reopening the verification reopens a finding it closed.
import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors.ts';
import { isIsoDate, todayInShanghai } from '../../platform/time/iso-date.ts';
import { type Actor, scopeLikePattern, scopePrefix } from '../../identity/domain/actor.ts';
import { governmentRoles } from '../../identity/domain/roles.ts';
import { inScope } from '../../identity/scoped-db.ts';
import { findUserInScope } from '../../identity/users.store.ts';
import { isWithinDivision } from '../../reference/divisions/domain/division-code.ts';
import { maxAttachmentBytes, sniffContentType } from '../../register/attachments.service.ts';
import { readContent, storeContent } from '../../register/attachments.store.ts';
import { updateFinding } from '../findings.store.ts';
import { findingKeyOf } from './domain/coverage.ts';
import {
  acceptsPhotos,
  checkVerificationAction,
  findingStatusOnClose,
  stateNames,
  type Verdict,
  type VerificationAction,
} from './domain/verification.ts';
import { findingByKey } from './enforcement-findings.store.ts';
import { photoNotFound, polygonNotFound } from './not-found.ts';
import { findPolygon, type PolygonRow } from './polygons.store.ts';
import {
  findPhoto,
  findVerification,
  insertEvent,
  insertPhoto,
  insertVerification,
  updateVerification,
  type PolygonPhoto,
  type VerificationChange,
} from './verification.store.ts';

export interface VerificationInput {
  action: VerificationAction;
  /** The verification version the caller read (0 while the polygon is pending). */
  version: number;
  assigneeId?: string;
  verdict?: Verdict;
  verdictReason?: string;
  reason: string;
}

const refusals = {
  state: { zh: '当前状态不允许此操作', en: 'the verification’s state does not allow it' },
  role: {
    zh: '您的角色不能执行此操作（办结与重新打开由县级以上执行）',
    en: 'your role may not take this action (closing and reopening are for levels above the county)',
  },
  not_assignee: {
    zh: '核查结论由被指派的核查人员（或县级以上）填写',
    en: 'the verdict is recorded by the official assigned (or a level above the county)',
  },
} as const;

function missing(field: string, zh: string, en: string): AppError {
  return new AppError('invalid', {
    code: 'VERIFICATION_INPUT',
    messageZh: zh,
    messageEn: en,
    location: { field },
  });
}

async function loadPolygon(tx: Queryable, actor: Actor, id: string): Promise<PolygonRow> {
  const polygon = await findPolygon(tx, id, scopePrefix(actor));
  if (!polygon) throw polygonNotFound();
  return polygon;
}

/** The official the polygon is assigned to: active, in government, reaching the polygon. */
async function checkAssignee(tx: Queryable, actor: Actor, polygon: PolygonRow, id: string) {
  const user = await findUserInScope(tx, id, scopeLikePattern(actor));
  if (
    !user ||
    user.status !== 'active' ||
    !governmentRoles.includes(user.role) ||
    !isWithinDivision(polygon.divisionCode, user.divisionCode)
  ) {
    throw new AppError('invalid', {
      code: 'VERIFICATION_ASSIGNEE',
      messageZh: '被指派人员须为您管辖范围内、管辖该图斑所在地的在职政府用户',
      messageEn:
        'the assignee must be an active government official in your division whose division includes the polygon',
      location: { field: 'assigneeId' },
    });
  }
  return user;
}

/** Moves the polygon's TL-ENF-01 finding, if it has one, to `status`. */
async function settleFinding(
  tx: Queryable,
  polygon: PolygonRow,
  status: 'acknowledged' | 'closed' | 'open',
): Promise<void> {
  const finding = await findingByKey(tx, findingKeyOf(polygon.id, polygon.month));
  if (!finding || finding.status === status) return;
  if (status === 'open' && finding.status !== 'closed') return;
  if (status === 'acknowledged' && finding.status !== 'open') return;
  await updateFinding(tx, finding.id, finding.version, {
    status,
    ...(status === 'open' ? { resolvedOn: null } : {}),
  });
}

export function createVerificationService(db: Db) {
  return {
    act(actor: Actor, polygonId: string, input: VerificationInput) {
      return inScope(
        db,
        actor,
        async (tx) => {
          const polygon = await loadPolygon(tx, actor, polygonId);
          const current = await findVerification(tx, polygonId);
          const state = current?.state ?? 'pending';
          const version = current?.version ?? 0;
          if (input.version !== version) {
            throw new AppError('conflict', {
              code: 'VERSION_CONFLICT',
              messageZh: `核查已被他人修改（当前版本 ${version}，提交版本 ${input.version}），请刷新后重试`,
              messageEn: `the verification changed meanwhile (now version ${version}, you sent ${input.version}); reload and retry`,
              location: { field: 'version' },
            });
          }
          const check = checkVerificationAction(input.action, state, {
            role: actor.role,
            isAssignee: actor.userId !== null && current?.assigneeId === actor.userId,
          });
          if (!check.ok) {
            const why = refusals[check.reason];
            throw new AppError(check.reason === 'state' ? 'conflict' : 'forbidden', {
              code: 'VERIFICATION_ACTION_REFUSED',
              messageZh: `不能对“${stateNames[state].zh}”的图斑执行 ${input.action}：${why.zh}`,
              messageEn: `cannot ${input.action} a polygon that is ${stateNames[state].en}: ${why.en}`,
              location: { field: 'action' },
            });
          }
          const next: VerificationChange = {
            state: check.to,
            assigneeId: current?.assigneeId ?? null,
            verdict: current?.verdict ?? null,
            verdictReason: current?.verdictReason ?? null,
            verdictBy: current?.verdictBy ?? null,
            verdictOn: current?.verdictOn ?? null,
          };
          const detail: Record<string, unknown> = {};
          if (input.action === 'assign') {
            if (!input.assigneeId)
              throw missing('assigneeId', '指派需要被指派人员', 'assigning needs an assignee');
            const user = await checkAssignee(tx, actor, polygon, input.assigneeId);
            next.assigneeId = user.id;
            Object.assign(detail, { assigneeId: user.id, assignee: user.displayName });
          } else if (input.action === 'record_verdict') {
            const reason = input.verdictReason?.trim() ?? '';
            if (!input.verdict || reason.length < 2)
              throw missing(
                'verdict',
                '核查结论需要结论与理由',
                'a verdict needs the verdict and its reasoning',
              );
            Object.assign(next, {
              verdict: input.verdict,
              verdictReason: reason,
              verdictBy: actor.name,
              verdictOn: todayInShanghai(),
            });
            Object.assign(detail, { verdict: input.verdict, verdictReason: reason });
          }
          if (current) {
            if (!(await updateVerification(tx, current.id, current.version, next)))
              throw new AppError('conflict', {
                code: 'VERSION_CONFLICT',
                messageZh: '核查已被他人修改，请刷新后重试',
                messageEn: 'the verification changed meanwhile; reload and retry',
                location: { field: 'version' },
              });
          } else {
            await insertVerification(tx, polygonId, polygon.divisionCode, next);
          }
          await insertEvent(tx, {
            polygonId,
            divisionCode: polygon.divisionCode,
            action: input.action,
            fromState: state,
            toState: check.to,
            detail,
            note: input.reason,
          });
          if (input.action === 'close' && next.verdict)
            await settleFinding(tx, polygon, findingStatusOnClose(next.verdict));
          if (input.action === 'reopen') await settleFinding(tx, polygon, 'open');
          return (await findVerification(tx, polygonId))!;
        },
        input.reason,
      );
    },

    async addPhoto(
      actor: Actor,
      polygonId: string,
      file: { fileName: string; bytes: Uint8Array; takenOn?: string },
      reason: string,
    ): Promise<PolygonPhoto> {
      if (file.bytes.length === 0 || file.bytes.length > maxAttachmentBytes) {
        throw new AppError(file.bytes.length === 0 ? 'invalid' : 'too_large', {
          code: file.bytes.length === 0 ? 'ATTACHMENT_EMPTY' : 'ATTACHMENT_TOO_LARGE',
          messageZh: `照片为空或过大（上限 ${maxAttachmentBytes} 字节）`,
          messageEn: `the photo is empty or too large (at most ${maxAttachmentBytes} bytes)`,
          location: { file: file.fileName },
        });
      }
      const contentType = sniffContentType(file.bytes);
      if (!contentType?.startsWith('image/')) {
        throw new AppError('invalid', {
          code: 'ATTACHMENT_TYPE',
          messageZh: `${file.fileName} 不是照片（JPEG、PNG、WebP）`,
          messageEn: `${file.fileName} is not a photo (JPEG, PNG, WebP)`,
          location: { file: file.fileName },
        });
      }
      if (file.takenOn !== undefined && !isIsoDate(file.takenOn))
        throw missing('takenOn', '拍摄日期应为 YYYY-MM-DD', 'takenOn must be YYYY-MM-DD');
      const sha256 = createHash('sha256').update(file.bytes).digest('hex');
      return inScope(
        db,
        actor,
        async (tx) => {
          const polygon = await loadPolygon(tx, actor, polygonId);
          const state = (await findVerification(tx, polygonId))?.state ?? 'pending';
          if (!acceptsPhotos(state)) {
            throw new AppError('conflict', {
              code: 'VERIFICATION_PHOTO_STATE',
              messageZh: `图斑“${stateNames[state].zh}”，不能添加举证照片（指派后、办结前可添加）`,
              messageEn: `the polygon is ${stateNames[state].en}; field photos are added once it is assigned and until it is closed`,
            });
          }
          await storeContent(tx, sha256, file.bytes);
          const photo = await insertPhoto(tx, {
            polygonId,
            divisionCode: polygon.divisionCode,
            fileName: file.fileName,
            contentType,
            sha256,
            sizeBytes: file.bytes.length,
            takenOn: file.takenOn ?? null,
          });
          await insertEvent(tx, {
            polygonId,
            divisionCode: polygon.divisionCode,
            action: 'add_photo',
            fromState: state,
            toState: state,
            detail: { photoId: photo.id, fileName: file.fileName, sha256 },
            note: reason,
          });
          return photo;
        },
        reason,
      );
    },

    /** A photo and its bytes, checked against the stored checksum. */
    photoContent(actor: Actor, photoId: string) {
      return inScope(db, actor, async (tx) => {
        const photo = await findPhoto(tx, photoId, scopePrefix(actor));
        if (!photo) throw photoNotFound();
        const bytes = await readContent(tx, photo.sha256);
        if (!bytes || createHash('sha256').update(bytes).digest('hex') !== photo.sha256) {
          throw new AppError('unavailable', {
            code: 'ATTACHMENT_CORRUPT',
            messageZh: '照片内容与校验值不符',
            messageEn: 'the stored content does not match its checksum',
          });
        }
        return { photo, bytes };
      });
    },
  };
}

export type VerificationService = ReturnType<typeof createVerificationService>;
