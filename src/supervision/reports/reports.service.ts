// Supervision reports for a division as of a date: the summary, the ranking of the divisions
// inside it (TL-SUP-05), their exports and the 通报. Everything is rebuilt from the stored
// history at the cutoff — the end of the as-of day, Asia/Shanghai — so the same date and
// division give the same numbers whatever happened afterwards. A report whose cutoff has not
// passed yet is marked provisional. Runs in the caller's scope.
import type { Db, Queryable } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors.ts';
import { addDays, requireIsoDate, todayInShanghai } from '../../platform/time/iso-date.ts';
import type { Actor } from '../../identity/domain/actor.ts';
import { requireWithinScope } from '../../identity/require-scope.ts';
import { asActor, asSystem } from '../../identity/scoped-db.ts';
import {
  type DivisionLevel,
  provinceCodeOf,
  scopePrefixOf,
} from '../../reference/divisions/domain/division-code.ts';
import { findDivision } from '../../reference/divisions/divisions.store.ts';
import { resolveSettings } from '../../register/domain/settings.ts';
import { toDomainRecord } from '../../register/record-mapping.ts';
import { countyBrake, type CountyBrakeStatus } from '../domain/county-brake.ts';
import { rankDivisions, type Ranking } from './domain/ranking.ts';
import type { Lang } from './domain/report-labels.ts';
import { bulletinHtml } from './bulletin-html.ts';
import { frameOf, mapLegend, mapSvg } from './report-map.ts';
import {
  mapBounds,
  mapLayers,
  maxOutlines,
  projectExtent,
  projectionAround,
} from './report-map.store.ts';
import * as store from './reports.store.ts';

export interface ReportHeader {
  asOf: string;
  /** The end of the as-of day (Asia/Shanghai): what was stored before it counts. */
  cutoff: string;
  /** True while the cutoff lies in the future: the numbers may still change. */
  provisional: boolean;
  division: { code: string; name: string; level: DivisionLevel };
}

export interface ReportSummary extends ReportHeader {
  records: { byState: store.CountArea[]; total: number; areaM2: number };
  findings: { byRule: store.FindingCount[]; live: number; liveErrors: number; total: number };
  countyBrake: { counties: (CountyBrakeStatus & { divisionName: string })[]; on: number };
  enforcement: { uncoveredByCause: store.CountArea[]; uncoveredM2: number };
  backfill: { byClass: store.CountArea[] };
  rectification: {
    byStatus: { key: string; count: number }[];
    overdue: store.OverdueOrder[];
  };
  illegalCases: { byStatus: { key: string; count: number }[] };
  writeOffs: { byStatus: { key: string; count: number }[] };
}

export interface RankingReport extends ReportHeader, Ranking {
  level: 'province' | 'city' | 'county';
}

export interface ReportOptions {
  asOf: string;
  divisionCode?: string;
}

type ChildLevel = 'province' | 'city' | 'county';
const digitsOf: Record<ChildLevel, number> = { province: 2, city: 4, county: 6 };
const depth: Record<DivisionLevel, number> = { nation: 0, province: 1, city: 2, county: 3 };

/** The level ranked by default: provinces for the nation, counties for a province or city. */
export function defaultRankingLevel(level: DivisionLevel): ChildLevel {
  return level === 'nation' ? 'province' : 'county';
}

/** The cutoff of an as-of date: the next midnight in Asia/Shanghai (UTC+8, no summer time). */
export function cutoffOf(asOf: string): string {
  return `${addDays(asOf, 1)}T00:00:00+08:00`;
}

export function createReportService(db: Db) {
  async function header(actor: Actor, options: ReportOptions): Promise<ReportHeader> {
    const asOf = requireIsoDate(options.asOf, 'asOf');
    const code = options.divisionCode ?? actor.divisionCode;
    requireWithinScope(actor, code, 'division');
    const division = await asSystem(db, actor, (tx) => findDivision(tx, code));
    if (!division) {
      throw new AppError('invalid', {
        code: 'DIVISION_UNKNOWN',
        messageZh: `行政区划代码 ${code} 不存在`,
        messageEn: `there is no division ${code}`,
        location: { field: 'division' },
      });
    }
    const cutoff = cutoffOf(asOf);
    return {
      asOf,
      cutoff,
      provisional: asOf >= todayInShanghai(),
      division: { code: division.code, name: division.name, level: division.level },
    };
  }

  const prefixOf = (h: ReportHeader) => {
    const scope = scopePrefixOf(h.division.code);
    return scope === 'national' ? '' : scope;
  };

  /** Each province's rule settings at the cutoff (rule packs are read as the system). */
  async function settingsAt(actor: Actor, provinces: readonly string[], cutoff: string) {
    return asSystem(db, actor, async (tx) => {
      const out = new Map<string, ReturnType<typeof resolveSettings>['settings']>();
      for (const p of provinces) {
        const pack = await store.rulePackAt(tx, `${p}0000`, cutoff);
        out.set(p, resolveSettings(pack).settings);
      }
      return out;
    });
  }

  /** Each county's records at the cutoff, and the provinces they lie in. */
  async function brakes(q: Queryable) {
    const rows = await store.countyRecords(q);
    const byCounty = new Map<string, typeof rows>();
    for (const r of rows)
      byCounty.set(r.divisionCode, [...(byCounty.get(r.divisionCode) ?? []), r]);
    return { byCounty, provinces: [...new Set([...byCounty.keys()].map(provinceCodeOf))] };
  }

  const service = {
    async summary(actor: Actor, options: ReportOptions): Promise<ReportSummary> {
      const h = await header(actor, options);
      const prefix = prefixOf(h);
      const gathered = await asActor(db, actor, async (tx) => {
        await store.materialize(tx, h.cutoff, prefix, {
          temporary_land: ['geom'],
          supervision_finding: [],
          backfill_polygon: ['geom', 'attributes', 'facts', 'decision'],
          rectification_order: ['basis'],
          illegal_land_use_case: ['basis'],
          write_off: [],
        });
        return {
          byState: await store.recordsByState(tx),
          byRule: await store.findingsByRule(tx, h.asOf),
          county: await brakes(tx),
          uncovered: await store.uncoveredByCause(tx, h.asOf),
          backfill: await store.backfillByClass(tx),
          orders: await store.dossiersByStatus(tx, 'rectification_order'),
          overdue: await store.overdueOrders(tx, h.asOf),
          cases: await store.dossiersByStatus(tx, 'illegal_land_use_case'),
          writeOffs: await store.dossiersByStatus(tx, 'write_off'),
          names: new Map(
            (await store.childDivisions(tx, prefix, 'county', h.asOf, [])).map((d) => [
              d.code,
              d.name,
            ]),
          ),
        };
      });
      const settings = await settingsAt(actor, gathered.county.provinces, h.cutoff);
      const counties = [...gathered.county.byCounty].map(([code, rows]) => ({
        ...countyBrake(
          code,
          rows.map((r) => toDomainRecord(r, { contracts: 0, photos: 0 })),
          h.asOf,
          settings.get(provinceCodeOf(code))!,
        ),
        divisionName: gathered.names.get(code) ?? code,
      }));
      const sum = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((a, x) => a + f(x), 0);
      const liveRows = gathered.byRule.filter((f) => ['open', 'acknowledged'].includes(f.status));
      return {
        ...h,
        records: {
          byState: gathered.byState,
          total: sum(gathered.byState, (s) => s.count),
          areaM2: sum(gathered.byState, (s) => s.areaM2),
        },
        findings: {
          byRule: gathered.byRule,
          live: sum(liveRows, (f) => f.count),
          liveErrors: sum(
            liveRows.filter((f) => f.severity === 'error'),
            (f) => f.count,
          ),
          total: sum(gathered.byRule, (f) => f.count),
        },
        countyBrake: { counties, on: counties.filter((c) => c.on).length },
        enforcement: {
          uncoveredByCause: gathered.uncovered,
          uncoveredM2: sum(gathered.uncovered, (c) => c.areaM2),
        },
        backfill: { byClass: gathered.backfill },
        rectification: { byStatus: gathered.orders, overdue: gathered.overdue },
        illegalCases: { byStatus: gathered.cases },
        writeOffs: { byStatus: gathered.writeOffs },
      };
    },

    async ranking(
      actor: Actor,
      options: ReportOptions & { level?: ChildLevel },
    ): Promise<RankingReport> {
      const h = await header(actor, options);
      const level = options.level ?? defaultRankingLevel(h.division.level);
      if (depth[level] < depth[h.division.level]) {
        throw new AppError('invalid', {
          code: 'RANKING_LEVEL_ABOVE_DIVISION',
          messageZh: `不能在${h.division.name}内按高于其自身的层级排名`,
          messageEn: `${h.division.name} cannot be ranked at a level above its own`,
          location: { field: 'level' },
        });
      }
      const prefix = prefixOf(h);
      const digits = digitsOf[level];
      const { counts, records, county } = await asActor(db, actor, async (tx) => {
        await store.materialize(tx, h.cutoff, prefix, {
          temporary_land: ['geom'],
          supervision_finding: store.findingBulk,
        });
        return {
          counts: await store.liveFindingsByChild(tx, h.asOf, digits),
          records: await store.recordsByChild(tx, digits),
          county: await brakes(tx),
        };
      });
      const cited = [...new Set([...counts, ...records].map((c) => c.divisionCode))];
      const children = await asActor(db, actor, (tx) =>
        store.childDivisions(tx, prefix, level, h.asOf, cited),
      );
      const settings = await settingsAt(actor, county.provinces, h.cutoff);
      const brakesOn = new Map<string, number>();
      for (const [code, rows] of county.byCounty) {
        const status = countyBrake(
          code,
          rows.map((r) => toDomainRecord(r, { contracts: 0, photos: 0 })),
          h.asOf,
          settings.get(provinceCodeOf(code))!,
        );
        if (!status.on) continue;
        const child = code.slice(0, digits).padEnd(6, '0');
        brakesOn.set(child, (brakesOn.get(child) ?? 0) + 1);
      }
      const recordsOf = new Map(records.map((r) => [r.divisionCode, r]));
      const ranking = rankDivisions(
        children.map((c) => ({
          divisionCode: c.code,
          divisionName: c.name,
          records: recordsOf.get(c.code)?.records ?? 0,
          areaM2: recordsOf.get(c.code)?.areaM2 ?? 0,
          brakesOn: brakesOn.get(c.code) ?? 0,
        })),
        counts,
      );
      return { ...h, level, ...ranking };
    },

    /** The 通报 as one printable HTML page (see bulletin-html.ts). */
    async bulletin(actor: Actor, options: ReportOptions & { lang: Lang }): Promise<string> {
      const summary = await service.summary(actor, options);
      const ranking = await service.ranking(actor, options);
      const prefix = prefixOf(summary);
      const map = await asActor(db, actor, async (tx) => {
        await store.materialize(tx, summary.cutoff, prefix, {
          temporary_land: [],
          supervision_finding: ['message_zh', 'message_en'],
        });
        const bounds = await mapBounds(tx, summary.asOf);
        if (!bounds) return null;
        const projection = projectionAround(bounds);
        const extent = projectExtent(bounds, projection);
        const { metresPerPx } = frameOf(extent);
        const layers = await mapLayers(tx, summary.asOf, {
          projection,
          tolerance: metresPerPx / 2,
          asDots: extent.parcels > maxOutlines,
          digits: digitsOf[ranking.level],
        });
        const labels = new Map(
          ranking.rows
            .filter((r) => r.score > 0)
            .map((r) => [r.divisionCode, `${r.rank} ${r.divisionName}`]),
        );
        return {
          svg: mapSvg(extent, layers, labels, options.lang),
          legend: mapLegend(layers, bounds, options.lang),
        };
      });
      return bulletinHtml({ summary, ranking, map, lang: options.lang });
    },
  };
  return service;
}

export type ReportService = ReturnType<typeof createReportService>;
