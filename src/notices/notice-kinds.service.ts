// Notice kinds as a province has them (PN-02): the national defaults with the province's
// overrides from its rule pack (rule_pack.overrides.noticeKinds), and the province's way to
// change them — versioned with the rest of the rule pack, a reason kept in history.
import type { Db, Queryable } from '../platform/db/db.ts';
import { AppError } from '../platform/errors.ts';
import type { Actor } from '../identity/domain/actor.ts';
import { asActor } from '../identity/scoped-db.ts';
import { requireWithinScope } from '../identity/require-scope.ts';
import { levelOfCode, provinceCodeOf } from '../reference/divisions/domain/division-code.ts';
import {
  findNationalKind,
  nationalNoticeKinds,
  resolveNoticeKind,
  resolveNoticeKinds,
  windowBelowFloor,
  type NoticeKind,
  type NoticeKindOverride,
  type NoticeKindOverrides,
  type Period,
  type ResolvedNoticeKind,
} from './domain/notice-kinds.ts';

/** The province's rule-pack division for any division inside it ('320305' → '320000'). */
const packDivision = (divisionCode: string) => `${provinceCodeOf(divisionCode)}0000`;

export async function noticeKindOverrides(
  q: Queryable,
  divisionCode: string,
): Promise<NoticeKindOverrides | undefined> {
  if (levelOfCode(divisionCode) === 'nation') return undefined;
  const [pack] = await q.query<{ kinds: NoticeKindOverrides | null }>(
    `SELECT overrides -> 'noticeKinds' AS kinds FROM rule_pack WHERE division_code = $1`,
    [packDivision(divisionCode)],
  );
  return pack?.kinds ?? undefined;
}

export function kindNotFound(code: string): AppError {
  return new AppError('invalid', {
    code: 'NOTICE_KIND_UNKNOWN',
    messageZh: `未知的公示类别：${code}（可选：${nationalNoticeKinds.map((k) => k.code).join('、')}）`,
    messageEn: `unknown notice kind ${code}; known: ${nationalNoticeKinds.map((k) => k.code).join(', ')}`,
    location: { field: 'kindCode' },
  });
}

export function requireKind(code: string): NoticeKind {
  const kind = findNationalKind(code);
  if (!kind) throw kindNotFound(code);
  return kind;
}

/** The kind `code` as it holds in `divisionCode`'s province (read inside a transaction). */
export async function resolvedKindIn(
  q: Queryable,
  code: string,
  divisionCode: string,
): Promise<ResolvedNoticeKind> {
  const overrides = await noticeKindOverrides(q, divisionCode);
  return resolveNoticeKind(requireKind(code), overrides?.[code]);
}

export interface KindOverrideInput {
  divisionCode: string;
  /** A new window, or null to return to the national one. */
  window?: Period | null;
  answer?: Period | null;
  note?: string | null;
}

export function createNoticeKindService(db: Db) {
  return {
    /** Every kind as it holds in a division's province (the nation: national defaults). */
    list(actor: Actor, divisionCode = actor.divisionCode): Promise<ResolvedNoticeKind[]> {
      requireWithinScope(actor, divisionCode);
      return asActor(db, actor, async (tx) =>
        resolveNoticeKinds(await noticeKindOverrides(tx, divisionCode)),
      );
    },

    /**
     * Sets or clears a province's override of one kind (provinces and the ministry). A window
     * under the kind's floor (PN-02: acceptance results at least 30 days) is refused.
     */
    setOverride(
      actor: Actor,
      code: string,
      input: KindOverrideInput,
      reason: string,
    ): Promise<ResolvedNoticeKind> {
      const kind = requireKind(code);
      if (levelOfCode(input.divisionCode) !== 'province') {
        throw new AppError('invalid', {
          code: 'NOTICE_KIND_PROVINCE_ONLY',
          messageZh: `公示期限由省级规则包设定，${input.divisionCode} 不是省级代码`,
          messageEn: `notice windows are set in a province's rule pack; ${input.divisionCode} is not a province code`,
          location: { field: 'divisionCode' },
        });
      }
      requireWithinScope(actor, input.divisionCode);
      const floor = input.window ? windowBelowFloor(kind, input.window) : undefined;
      if (floor !== undefined) {
        throw new AppError('invalid', {
          code: 'NOTICE_WINDOW_BELOW_FLOOR',
          messageZh: `${kind.name.zh}的公示期不得少于 ${floor} 日（PN-02）`,
          messageEn: `a ${kind.name.en} notice runs at least ${floor} days (PN-02)`,
          location: { field: 'window' },
        });
      }
      return asActor(
        db,
        actor,
        async (tx) => {
          const current = (await noticeKindOverrides(tx, input.divisionCode))?.[code] ?? {};
          const next: NoticeKindOverride = { ...current };
          for (const key of ['window', 'answer'] as const) {
            const value = input[key];
            if (value === null) delete next[key];
            else if (value !== undefined) next[key] = value;
          }
          if (input.note === null) delete next.note;
          else if (input.note !== undefined) next.note = input.note;
          const hasFigures = next.window !== undefined || next.answer !== undefined;
          await tx.query(
            `INSERT INTO rule_pack (division_code, overrides, note)
             VALUES ($1, jsonb_build_object('noticeKinds', CASE WHEN $3::jsonb IS NULL THEN '{}'::jsonb
                                                              ELSE jsonb_build_object($2::text, $3::jsonb) END), $4)
             ON CONFLICT (division_code) DO UPDATE SET overrides = CASE
               WHEN $3::jsonb IS NULL THEN rule_pack.overrides #- ARRAY['noticeKinds', $2::text]
               ELSE jsonb_set(rule_pack.overrides, '{noticeKinds}',
                              coalesce(rule_pack.overrides -> 'noticeKinds', '{}'::jsonb) || jsonb_build_object($2::text, $3::jsonb))
             END`,
            [
              input.divisionCode,
              code,
              hasFigures ? JSON.stringify(next) : null,
              'notice kinds (PN-02)',
            ],
          );
          return resolveNoticeKind(kind, hasFigures ? next : undefined);
        },
        reason,
      );
    },
  };
}

export type NoticeKindService = ReturnType<typeof createNoticeKindService>;
