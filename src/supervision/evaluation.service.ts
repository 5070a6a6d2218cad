// The evaluation (daily, or `reclaim evaluate --as-of DATE`): every record's rules, the
// anomaly analyses (obviously large parcels, TL-SUP-01; the county brake, TL-SUP-06) as of
// one date, reconciled with the stored findings so that re-running never duplicates: a new
// finding is inserted, one that stopped firing is resolved, one that fires again is reopened,
// the rest are left alone. Runs as the system inside the division asked for, in one
// transaction; the run and its summary are kept.
import type { Db, Queryable } from '../platform/db/db.ts';
import { AppError } from '../platform/errors.ts';
import type { Progress } from '../platform/progress.ts';
import { requireIsoDate } from '../platform/time/iso-date.ts';
import type { Actor } from '../identity/domain/actor.ts';
import { requireWithinScope } from '../identity/require-scope.ts';
import { asSystem, setReason } from '../identity/scoped-db.ts';
import {
  levelOfCode,
  provinceCodeOf,
  scopePrefixOf,
} from '../reference/divisions/domain/division-code.ts';
import type { Finding } from '../register/domain/finding.ts';
import type { TemporaryLandRecord } from '../register/domain/record.ts';
import { evaluateRecord } from '../register/domain/rules/catalogue.ts';
import type { RuleSettings } from '../register/domain/settings.ts';
import { storedOverlay, toDomainRecord } from '../register/record-mapping.ts';
import type { RegisterService } from '../register/register.service.ts';
import { recordsForEvaluation } from '../register/register.store.ts';
import { countyBrake, countyBrakeFinding, type CountyBrakeStatus } from './domain/county-brake.ts';
import { reconcile } from './domain/finding-lifecycle.ts';
import { oversizedFinding, type OversizedFacts } from './domain/oversized.ts';
import {
  finishRun,
  findingsByKey,
  insertFindings,
  saveCountyBrakes,
  startRun,
  updateFinding,
  type NewFinding,
  type StoredFinding,
} from './findings.store.ts';

export interface EvaluationSummary {
  runId: string;
  asOf: string;
  divisionCode: string;
  records: number;
  firing: number;
  inserted: number;
  reopened: number;
  refreshed: number;
  resolved: number;
  counties: number;
  brakesOn: string[];
}

const pageSize = 2_000;
const severityRank = { error: 0, warning: 1, info: 2 } as const;

/** A record's findings of one code merged into one (the stored unit is rule × record). */
function mergeByCode(findings: readonly Finding[]): Finding[] {
  const byCode = new Map<string, Finding[]>();
  for (const f of findings) byCode.set(f.code, [...(byCode.get(f.code) ?? []), f]);
  return [...byCode.values()].map((group) => {
    const [first] = [...group].sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
    if (group.length === 1 || !first) return first!;
    return {
      ...first,
      messageZh: group.map((f) => f.messageZh).join('；'),
      messageEn: group.map((f) => f.messageEn).join('; '),
      evidence: { items: group.map((f) => f.evidence) },
    };
  });
}

/** Parcels with their comparison group's statistics, for TL-SUP-01 (computed in PostGIS's SQL). */
function oversizedCandidates(
  q: Queryable,
  prefix: string,
  minZ: number,
): Promise<(OversizedFacts & { id: string; divisionCode: string })[]> {
  // Groups span the whole province of each parcel; only parcels inside `prefix` are returned.
  return q.query(
    `WITH r AS (
       SELECT id, province_code, division_code, use_type, project_class, area_m2, ln(area_m2) AS la
       FROM temporary_land
       WHERE state <> 'written_off' AND area_m2 > 0
         AND province_code IN (SELECT DISTINCT province_code FROM temporary_land WHERE division_code LIKE $1 || '%')),
     g AS (SELECT province_code, use_type, project_class, count(*) AS n,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY la) AS med
           FROM r GROUP BY 1, 2, 3),
     m AS (SELECT r.province_code, r.use_type, r.project_class,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(r.la - g.med)) AS mad
           FROM r JOIN g USING (province_code, use_type, project_class) GROUP BY 1, 2, 3)
     SELECT r.id, r.division_code AS "divisionCode", r.area_m2 AS "areaM2", r.use_type AS "useType",
            r.project_class AS "projectClass", r.province_code AS "provinceCode", g.n AS "groupSize",
            exp(g.med) AS "medianM2", m.mad AS "madLn"
     FROM r JOIN g USING (province_code, use_type, project_class) JOIN m USING (province_code, use_type, project_class)
     WHERE r.division_code LIKE $1 || '%' AND m.mad > 0 AND (r.la - g.med) / (1.4826 * m.mad) > $2
     ORDER BY r.id`,
    [prefix, minZ],
  );
}

const recordKey = (code: string, recordId: string) => `${code}|temporary_land|${recordId}|`;
const countyKey = (code: string, county: string, year: number) =>
  `${code}|county|${county}|${year}`;

export function createEvaluationService(db: Db, register: RegisterService) {
  return {
    async evaluate(
      actor: Actor,
      options: { asOf: string; divisionCode?: string },
      progress?: Progress,
    ): Promise<EvaluationSummary> {
      const asOf = requireIsoDate(options.asOf, 'asOf');
      const divisionCode = options.divisionCode ?? actor.divisionCode;
      requireWithinScope(actor, divisionCode);
      const scope = scopePrefixOf(divisionCode);
      const prefix = scope === 'national' ? '' : scope;
      const year = Number(asOf.slice(0, 4));
      const reason = `评估（截至 ${asOf}）/ evaluation as of ${asOf}`;
      return asSystem(
        db,
        actor,
        async (tx) => {
          const runId = await startRun(tx, asOf, divisionCode, actor.name);
          const settingsOf = new Map<string, RuleSettings>();
          const settingsFor = async (division: string) => {
            const province = provinceCodeOf(division);
            const known = settingsOf.get(province);
            if (known) return known;
            const { settings } = await register.ruleInputs(tx, division);
            settingsOf.set(province, settings);
            return settings;
          };
          const { calendar } = await register.ruleInputs(tx, divisionCode);
          const firing = new Map<string, NewFinding>();
          const fire = (
            f: Finding,
            key: string,
            division: string,
            subject: { kind: 'temporary_land' | 'county'; recordId: string | null; period: string },
          ) => {
            if (f.severity === 'info') return;
            firing.set(key, {
              findingKey: key,
              divisionCode: division,
              ruleCode: f.code,
              subjectKind: subject.kind,
              recordId: subject.recordId,
              period: subject.period,
              severity: f.severity,
              messageZh: f.messageZh,
              messageEn: f.messageEn,
              evidence: f.evidence,
              firstSeenOn: asOf,
            });
          };

          // 1. Every record's rules, and each county's parcels for the brake.
          const [total] = await tx.query<{ n: number }>(
            `SELECT count(*) AS n FROM temporary_land WHERE division_code LIKE $1 || '%'`,
            [prefix],
          );
          const task = progress?.start('records', total?.n ?? 0);
          const byCounty = new Map<string, TemporaryLandRecord[]>();
          let records = 0;
          for (let after: string | null = null; ;) {
            const page = await recordsForEvaluation(tx, `${prefix}%`, after, pageSize);
            for (const row of page) {
              const record = toDomainRecord(row, row);
              if (levelOfCode(row.divisionCode) === 'county') {
                const county = byCounty.get(row.divisionCode);
                if (county) county.push(record);
                else byCounty.set(row.divisionCode, [record]);
              }
              records += 1;
              if (row.state === 'written_off') continue;
              const findings = evaluateRecord({
                record,
                overlay: storedOverlay(row),
                asOf,
                calendar,
                settings: await settingsFor(row.divisionCode),
              });
              const kept = findings.filter((f) => f.severity !== 'info');
              for (const f of mergeByCode(kept)) {
                fire(f, recordKey(f.code, row.id), row.divisionCode, {
                  kind: 'temporary_land',
                  recordId: row.id,
                  period: '',
                });
              }
            }
            task?.tick(`${records}`);
            if (page.length < pageSize) break;
            after = page[page.length - 1]!.id;
          }
          task?.done();

          // 2. TL-SUP-01: parcels obviously large against comparable ones in their province.
          const thresholds = [...settingsOf.values()].map((s) => s.oversized.robustZ);
          if (thresholds.length > 0) {
            for (const c of await oversizedCandidates(tx, prefix, Math.min(...thresholds))) {
              const f = oversizedFinding(c, await settingsFor(c.divisionCode));
              if (f) {
                fire(f, recordKey(f.code, c.id), c.divisionCode, {
                  kind: 'temporary_land',
                  recordId: c.id,
                  period: '',
                });
              }
            }
          }

          // 3. TL-SUP-06: the county brake for the as-of year.
          const brakes: CountyBrakeStatus[] = [];
          for (const [county, parcels] of byCounty) {
            const status = countyBrake(county, parcels, asOf, await settingsFor(county));
            brakes.push(status);
            const f = countyBrakeFinding(status);
            if (f) {
              fire(f, countyKey(f.code, county, year), county, {
                kind: 'county',
                recordId: null,
                period: String(year),
              });
            }
          }
          await saveCountyBrakes(tx, runId, brakes);

          // 4. Reconcile with what is stored: only findings this evaluation owns (rules on
          // records; the brake of this year), so other analyses' findings are left alone.
          const stored = await findingsByKey(tx, prefix);
          const owns = (s: StoredFinding) =>
            (s.subjectKind === 'temporary_land' && s.period === '') ||
            (s.subjectKind === 'county' && s.ruleCode === 'TL-SUP-06' && s.period === String(year));
          const counts = { inserted: 0, reopened: 0, refreshed: 0, resolved: 0 };
          const toInsert: NewFinding[] = [];
          const change = async (
            s: StoredFinding,
            why: string,
            patch: Parameters<typeof updateFinding>[3],
          ) => {
            await setReason(tx, `${why}（${asOf}）/ ${reason}`);
            if (!(await updateFinding(tx, s.id, s.version, patch))) {
              throw new AppError('conflict', {
                code: 'FINDING_CHANGED_DURING_EVALUATION',
                messageZh: `监管发现 ${s.id} 在评估期间被修改，请重新评估`,
                messageEn: `finding ${s.id} changed during the evaluation; run it again`,
              });
            }
          };
          for (const [key, fresh] of firing) {
            const s = stored.get(key);
            const action = reconcile(s, fresh);
            if (action.kind === 'insert') {
              toInsert.push(fresh);
              counts.inserted += 1;
            } else if (s && action.kind === 'reopen') {
              await change(s, '规则再次成立，重新打开', {
                status: 'open',
                resolvedOn: null,
                severity: fresh.severity,
                messageZh: fresh.messageZh,
                messageEn: fresh.messageEn,
                evidence: fresh.evidence,
              });
              counts.reopened += 1;
            } else if (s && action.kind === 'refresh') {
              await change(s, '严重程度变化', {
                severity: fresh.severity,
                messageZh: fresh.messageZh,
                messageEn: fresh.messageEn,
                evidence: fresh.evidence,
              });
              counts.refreshed += 1;
            }
          }
          for (const s of stored.values()) {
            if (!owns(s) || firing.has(s.findingKey)) continue;
            const action = reconcile(s, undefined);
            if (action.kind !== 'resolve') continue;
            await change(s, '规则不再成立', { status: action.to, resolvedOn: asOf });
            counts.resolved += 1;
          }
          await setReason(tx, reason);
          await insertFindings(tx, toInsert);
          const summary = {
            runId,
            asOf,
            divisionCode,
            records,
            firing: firing.size,
            ...counts,
            counties: brakes.length,
            brakesOn: brakes.filter((b) => b.on).map((b) => b.divisionCode),
          };
          await finishRun(tx, runId, summary);
          return summary;
        },
        reason,
      );
    },
  };
}

export type EvaluationService = ReturnType<typeof createEvaluationService>;
