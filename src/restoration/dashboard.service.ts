// The restoration dashboard of a division: restored against target area by county and
// restoration type (from each project's latest measurement), totals by type, and each
// project's vegetation-cover series for a chart.
import type { Db } from '../platform/db/db.ts';
import { type Actor, scopeLikePattern } from '../identity/domain/actor.ts';
import { inScope } from '../identity/scoped-db.ts';
import { requireWithinScope } from '../identity/require-scope.ts';
import { restorationTypes, type RestorationType } from './domain/restoration-terms.ts';
import * as dashboardStore from './dashboard.store.ts';
import { listMeasurements } from './measurements.store.ts';
import { progressOf } from './project-view.ts';
import { listProjects } from './projects.store.ts';

/** Projects drawn on the trend chart at most (the largest divisions page through the list). */
export const dashboardProjectLimit = 500;

export function createRestorationDashboardService(db: Db) {
  return {
    read(actor: Actor, divisionCode?: string) {
      if (divisionCode) requireWithinScope(actor, divisionCode);
      return inScope(db, actor, async (tx) => {
        const scopeLike = scopeLikePattern(actor);
        const byCountyAndType = await dashboardStore.areaByCountyAndType(
          tx,
          scopeLike,
          divisionCode ?? null,
        );
        const totals = new Map<RestorationType, { targetM2: number; restoredM2: number }>();
        for (const row of byCountyAndType) {
          const t = totals.get(row.type) ?? { targetM2: 0, restoredM2: 0 };
          totals.set(row.type, {
            targetM2: t.targetM2 + row.targetM2,
            restoredM2: t.restoredM2 + row.restoredM2,
          });
        }
        const { items: projects, total } = await listProjects(tx, {
          scopeLike,
          ...(divisionCode ? { divisionCode } : {}),
          limit: dashboardProjectLimit,
          offset: 0,
        });
        const measurements = await listMeasurements(
          tx,
          projects.map((p) => p.id),
          scopeLike,
        );
        return {
          byCountyAndType,
          byType: restorationTypes
            .filter((t) => totals.has(t))
            .map((type) => ({ type, ...totals.get(type)! })),
          vegetationCover: projects.map((p) => {
            const progress = progressOf(
              p,
              measurements.filter((m) => m.projectId === p.id),
            );
            return {
              projectId: p.id,
              name: p.name,
              divisionCode: p.divisionCode,
              state: p.state,
              overallPercent: progress.overall.percent,
              targetPct: progress.vegetationCover.targetPct,
              trend: progress.vegetationCover.trend,
              series: progress.vegetationCover.series,
            };
          }),
          projects: total,
        };
      });
    },
  };
}

export type RestorationDashboardService = ReturnType<typeof createRestorationDashboardService>;
