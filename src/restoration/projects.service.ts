// Restoration projects in the caller's scope: officials create them in their division with a
// polygon checked by PostGIS (the register's geometry checks) and targets per restoration type,
// change them with the version they read, move them planned → under way → completed →
// accepted with a reason, and read them with progress computed from their measurements.
import type { Db, Queryable } from '../platform/db/db.ts';
import { AppError } from '../platform/errors.ts';
import { todayInShanghai } from '../platform/time/iso-date.ts';
import { type Actor, actorLabel, scopeLikePattern } from '../identity/domain/actor.ts';
import { inScope } from '../identity/scoped-db.ts';
import { requireWithinScope } from '../identity/require-scope.ts';
import { levelOfCode } from '../reference/divisions/domain/division-code.ts';
import { findDivision } from '../reference/divisions/divisions.store.ts';
import { checkGeometry } from '../register/geometry.store.ts';
import { checkStatusAction } from '../supervision/domain/status-machine.ts';
import { actionRefused, staleVersion } from '../supervision/dossier-errors.ts';
import { projectMachine, type ProjectAction } from './domain/project-lifecycle.ts';
import { restorationTypes, type AreaByType, type DamageKind } from './domain/restoration-terms.ts';
import * as measurementStore from './measurements.store.ts';
import {
  progressOf,
  toProjectDetail,
  type ProjectDetail,
  type ProjectView,
} from './project-view.ts';
import * as store from './projects.store.ts';
import { divisionUnknown, invalid, projectNotFound } from './restoration-errors.ts';

const what = { zh: '生态修复项目', en: 'restoration project' };

/** The clock "today" is read from (tests set their own). */
export interface RestorationClock {
  now(): Date;
}
export const systemClock: RestorationClock = { now: () => new Date() };

export interface ProjectInput {
  divisionCode?: string;
  name: string;
  responsibleUnit: string;
  damageKind: DamageKind;
  criteriaRegion?: string | null;
  /** GeoJSON Polygon or MultiPolygon, [lng, lat] in EPSG:4490. */
  geometry: unknown;
  /** Target area per restoration type, m². */
  targetAreaM2: AreaByType;
  targetVegetationCoverPct?: number | null;
  plannedStartOn?: string | null;
  plannedEndOn?: string | null;
  note?: string | null;
}

/** The polygon checked by PostGIS (every problem, with ring and vertex), targets checked. */
async function checkedFields(q: Queryable, input: ProjectInput): Promise<store.ProjectFields> {
  const { problems, areaM2 } = await checkGeometry(q, input.geometry, { field: 'geometry' });
  const [first, ...rest] = problems;
  if (first) throw AppError.many('invalid', first, rest);
  const targets = Object.entries(input.targetAreaM2);
  if (targets.length === 0)
    throw invalid(
      'RESTORATION_NO_TARGET',
      '至少需要一个修复类型的目标面积',
      'give a target area for at least one restoration type',
      'targetAreaM2',
    );
  for (const [type, m2] of targets) {
    if (!(restorationTypes as readonly string[]).includes(type))
      throw invalid(
        'RESTORATION_TYPE_UNKNOWN',
        `未知的修复类型 ${type}（可选：${restorationTypes.join('、')}）`,
        `unknown restoration type ${type} (one of ${restorationTypes.join(', ')})`,
        `targetAreaM2.${type}`,
      );
    if (typeof m2 !== 'number' || !Number.isFinite(m2) || m2 <= 0)
      throw invalid(
        'RESTORATION_TARGET_AREA',
        `${type} 的目标面积应为正数（平方米）`,
        `the target area of ${type} must be a positive number of m²`,
        `targetAreaM2.${type}`,
      );
  }
  const total = targets.reduce((s, [, m2]) => s + m2, 0);
  // Targets are areas inside the project's polygon: together they cannot exceed it (0.1% slack
  // for figures rounded by hand).
  if (areaM2 !== null && total > areaM2 * 1.001)
    throw invalid(
      'RESTORATION_TARGET_EXCEEDS_AREA',
      `目标面积合计 ${total.toFixed(0)} 平方米，超过项目图形面积 ${areaM2.toFixed(0)} 平方米`,
      `the targets add up to ${total.toFixed(0)} m², more than the project's polygon (${areaM2.toFixed(0)} m²)`,
      'targetAreaM2',
    );
  if (input.plannedStartOn && input.plannedEndOn && input.plannedEndOn < input.plannedStartOn)
    throw invalid(
      'RESTORATION_PLANNED_DATES',
      '计划完成日期早于计划开始日期',
      'the planned end is before the planned start',
      'plannedEndOn',
    );
  return {
    name: input.name.trim(),
    responsibleUnit: input.responsibleUnit.trim(),
    damageKind: input.damageKind,
    criteriaRegion: input.criteriaRegion ?? null,
    geometry: input.geometry,
    targetAreaM2: input.targetAreaM2,
    targetVegetationCoverPct: input.targetVegetationCoverPct ?? null,
    plannedStartOn: input.plannedStartOn ?? null,
    plannedEndOn: input.plannedEndOn ?? null,
    note: input.note ?? null,
  };
}

export async function loadProject(
  tx: Queryable,
  actor: Actor,
  id: string,
): Promise<store.ProjectRow> {
  const row = await store.findProject(tx, id, scopeLikePattern(actor));
  if (!row) throw projectNotFound();
  return row;
}

async function detail(tx: Queryable, actor: Actor, id: string): Promise<ProjectDetail> {
  const scope = scopeLikePattern(actor);
  const project = await loadProject(tx, actor, id);
  const measurements = await measurementStore.listMeasurements(tx, [id], scope);
  const attachments = await measurementStore.listAttachments(
    tx,
    measurements.map((m) => m.id),
    scope,
  );
  const funding = await measurementStore.listFunding(tx, id, scope);
  return toProjectDetail(project, measurements, attachments, funding);
}

export function createProjectService(db: Db, clock: RestorationClock = systemClock) {
  return {
    clock,

    create(actor: Actor, input: ProjectInput, reason: string): Promise<ProjectDetail> {
      const divisionCode = input.divisionCode ?? actor.divisionCode;
      if (levelOfCode(divisionCode) === 'nation')
        throw invalid(
          'RESTORATION_DIVISION_LEVEL',
          '生态修复项目属于某个省、市或县，请指定行政区',
          'a restoration project lies in a province, city or county: name the division',
          'divisionCode',
        );
      requireWithinScope(actor, divisionCode);
      return inScope(
        db,
        actor,
        async (tx) => {
          if (!(await findDivision(tx, divisionCode))) throw divisionUnknown(divisionCode);
          const fields = await checkedFields(tx, input);
          const id = await store.insertProject(tx, {
            ...fields,
            divisionCode,
            createdBy: actorLabel(actor),
          });
          return detail(tx, actor, id);
        },
        reason,
      );
    },

    /** Changes a project's fields; what is not given stays as it was. */
    update(
      actor: Actor,
      id: string,
      input: Partial<Omit<ProjectInput, 'divisionCode'>> & { version: number },
      reason: string,
    ): Promise<ProjectDetail> {
      return inScope(
        db,
        actor,
        async (tx) => {
          const row = await loadProject(tx, actor, id);
          if (row.state === 'accepted')
            throw new AppError('conflict', {
              code: 'RESTORATION_ACCEPTED',
              messageZh: '项目已验收，不能再修改其图形、目标或信息（监测仍可记录）',
              messageEn:
                'the project has been accepted: its polygon, targets and details no longer change (measurements may still be recorded)',
              location: { field: 'state' },
            });
          const keep = <K extends keyof ProjectInput>(key: K, current: ProjectInput[K]) =>
            input[key as keyof typeof input] !== undefined
              ? (input[key as keyof typeof input] as ProjectInput[K])
              : current;
          const fields = await checkedFields(tx, {
            name: keep('name', row.name),
            responsibleUnit: keep('responsibleUnit', row.responsibleUnit),
            damageKind: keep('damageKind', row.damageKind),
            criteriaRegion: keep('criteriaRegion', row.criteriaRegion),
            geometry: keep('geometry', row.geometry),
            targetAreaM2: keep('targetAreaM2', row.targetAreaM2),
            targetVegetationCoverPct: keep(
              'targetVegetationCoverPct',
              row.targetVegetationCoverPct,
            ),
            plannedStartOn: keep('plannedStartOn', row.plannedStartOn),
            plannedEndOn: keep('plannedEndOn', row.plannedEndOn),
            note: keep('note', row.note),
          });
          if (!(await store.updateProject(tx, id, input.version, fields)))
            throw staleVersion(what, row.version, input.version);
          return detail(tx, actor, id);
        },
        reason,
      );
    },

    get(actor: Actor, id: string): Promise<ProjectDetail> {
      return inScope(db, actor, (tx) => detail(tx, actor, id));
    },

    list(
      actor: Actor,
      filter: Omit<store.ProjectFilter, 'scopeLike'>,
    ): Promise<{ items: ProjectView[]; total: number }> {
      if (filter.divisionCode) requireWithinScope(actor, filter.divisionCode);
      return inScope(db, actor, async (tx) => {
        const scopeLike = scopeLikePattern(actor);
        const page = await store.listProjects(tx, { ...filter, scopeLike });
        const measurements = await measurementStore.listMeasurements(
          tx,
          page.items.map((p) => p.id),
          scopeLike,
        );
        return {
          items: page.items.map((p) => ({
            ...p,
            progress: progressOf(
              p,
              measurements.filter((m) => m.projectId === p.id),
            ),
          })),
          total: page.total,
        };
      });
    },

    /** Moves the project along its life (planned → under_way → completed → accepted; reopen). */
    act(
      actor: Actor,
      id: string,
      input: { action: ProjectAction; version: number; reason: string; occurredOn?: string },
    ): Promise<ProjectDetail> {
      return inScope(
        db,
        actor,
        async (tx) => {
          const row = await loadProject(tx, actor, id);
          const check = checkStatusAction(projectMachine, input.action, row.state, actor.role);
          if (!check.ok)
            throw actionRefused(
              'RESTORATION_ACTION_REFUSED',
              what,
              input.action,
              row.state,
              check.reason,
            );
          const today = todayInShanghai(clock.now());
          const on = input.occurredOn ?? today;
          if (on > today)
            throw invalid(
              'RESTORATION_DATE_IN_FUTURE',
              `日期 ${on} 晚于今天 ${today}`,
              `the date ${on} is after today (${today})`,
              'occurredOn',
            );
          if (!(await store.moveProject(tx, id, input.version, check.to, on, input.reason)))
            throw staleVersion(what, row.version, input.version);
          return detail(tx, actor, id);
        },
        input.reason,
      );
    },
  };
}

export type ProjectService = ReturnType<typeof createProjectService>;
