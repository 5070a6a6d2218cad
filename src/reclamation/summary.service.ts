// The reclamation dashboard (issue 6 item 6) per division in the caller's scope: obligations
// open and overdue (TL-RECL-01, with the area overdue), money held, released and used by the
// bureau (TL-RECL-06), acceptance applications near or over their 60 working days
// (TL-RECL-05), and the area reclaimed by land class from the land-class change events.
import type { Db } from '../platform/db/db.ts';
import { type Actor, scopeLikePattern } from '../identity/domain/actor.ts';
import { inScope } from '../identity/scoped-db.ts';
import type { AreaBreakdown } from '../register/domain/record.ts';
import { landClassKeys } from './domain/plan-rules.ts';
import type { AcceptanceService } from './acceptances.service.ts';
import type { ObligationService } from './obligations.service.ts';
import * as store from './reclamation.store.ts';

export interface DivisionSummary {
  divisionCode: string;
  obligations: number;
  open: number;
  overdue: number;
  overdueAreaM2: number;
  heldYuan: number;
  paidInYuan: number;
  releasedYuan: number;
  forfeitedYuan: number;
  acceptancesNear: number;
  acceptancesOverdue: number;
  accepted: number;
  reclaimed: AreaBreakdown;
}

const zero = (): AreaBreakdown => ({
  cultivatedM2: 0,
  farmlandM2: 0,
  forestM2: 0,
  otherAgriculturalM2: 0,
  constructionM2: 0,
  unusedM2: 0,
});

export function createSummaryService(
  db: Db,
  obligations: ObligationService,
  acceptances: AcceptanceService,
) {
  return {
    async summary(actor: Actor, overdueLimit = 20) {
      const pending = await acceptances.list(actor, {
        status: 'applied',
        limit: 100_000,
        offset: 0,
      });
      return inScope(db, actor, async (tx) => {
        const all = await obligations.summaries(tx, actor, {});
        const scopeLike = scopeLikePattern(actor);
        const rows = new Map<string, DivisionSummary>();
        const of = (divisionCode: string) => {
          let s = rows.get(divisionCode);
          if (!s) {
            s = {
              divisionCode,
              obligations: 0,
              open: 0,
              overdue: 0,
              overdueAreaM2: 0,
              heldYuan: 0,
              paidInYuan: 0,
              releasedYuan: 0,
              forfeitedYuan: 0,
              acceptancesNear: 0,
              acceptancesOverdue: 0,
              accepted: 0,
              reclaimed: zero(),
            };
            rows.set(divisionCode, s);
          }
          return s;
        };
        const records = new Map(
          (
            await store.recordsByIds(
              tx,
              all.map((o) => o.recordId),
            )
          ).map((r) => [r.id, r]),
        );
        for (const o of all) {
          const s = of(o.divisionCode);
          s.obligations += 1;
          if (o.status === 'open') s.open += 1;
          if (o.status === 'accepted') s.accepted += 1;
          if (o.deadline?.overdue) {
            s.overdue += 1;
            s.overdueAreaM2 += records.get(o.recordId)?.areaM2 ?? 0;
          }
          s.heldYuan += o.heldYuan;
        }
        for (const l of await store.ledgerSumsByDivision(tx, scopeLike)) {
          const s = of(l.divisionCode);
          if (l.kind === 'release') s.releasedYuan += l.yuan;
          else if (l.kind === 'forfeit') s.forfeitedYuan += l.yuan;
          else s.paidInYuan += l.yuan;
        }
        for (const r of await store.reclaimedByDivision(tx, scopeLike)) {
          const s = of(r.divisionCode);
          for (const k of landClassKeys) s.reclaimed[k] += r[k] ?? 0;
        }
        for (const a of pending.items) {
          const s = of(a.divisionCode);
          if (a.due.flag === 'near') s.acceptancesNear += 1;
          if (a.due.flag === 'overdue') s.acceptancesOverdue += 1;
        }
        const divisions = [...rows.values()].sort((a, b) =>
          a.divisionCode.localeCompare(b.divisionCode),
        );
        const round = (n: number) => Math.round(n * 100) / 100;
        for (const d of divisions) {
          d.heldYuan = round(d.heldYuan);
          d.overdueAreaM2 = round(d.overdueAreaM2);
        }
        const overdue = all
          .filter((o) => o.deadline?.overdue)
          .sort((a, b) => a.deadline!.deadline.localeCompare(b.deadline!.deadline))
          .slice(0, overdueLimit)
          .map((o) => ({
            obligationId: o.id,
            recordId: o.recordId,
            divisionCode: o.divisionCode,
            systemNumber: o.systemNumber,
            projectName: o.projectName,
            deadline: o.deadline!.deadline,
            daysOverdue: -o.deadline!.daysLeft,
          }));
        return { asOf: obligations.clock.today(), divisions, overdue };
      });
    },
  };
}

export type SummaryService = ReturnType<typeof createSummaryService>;
