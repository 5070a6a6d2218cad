// What reproducible reports cost (reports issue): the summary, the national ranking and a
// province's bulletin, each rebuilt from record_version at the cutoff, against the baseline of
// counting the same records by state and findings by rule straight from the live tables — the
// price of "the same date gives the same numbers". Server mode, as a ministry user under
// row-level security, after an evaluation has stored the findings.
import { inScope } from '../../src/identity/scoped-db.ts';
import { systemActor } from '../../src/identity/domain/actor.ts';
import { createServices } from '../../src/server/services.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import { todayInShanghai } from '../../src/platform/time/iso-date.ts';
import { loadDataset } from '../generate/write-database.ts';
import type { Benchmark, Case } from '../harness/bench.ts';
import { benchData } from '../harness/data.ts';
import { ministryUser as actor } from '../harness/actors.ts';

/** Today: the generated data was written today, so a past date would see none of it. */
const asOf = todayInShanghai();

export const benchmark: Benchmark = {
  name: 'reports',
  description:
    'Supervision reports rebuilt from history at the cutoff, against counting the live tables; server mode, as a ministry user.',
  async setup(options, databases) {
    if (!options.modes.includes('server'))
      return { comparisons: [], teardown: () => Promise.resolve() };
    const n = options.queryParcels;
    const data = await benchData(options, n);
    const server = await (
      await databases.serverTemplate('reports', async (db) => {
        await loadDataset(db, data.dataset);
        const services = createServices(db, loadConfig({ RECLAIM_LOG_LEVEL: 'silent' }));
        await services.evaluations.evaluate(systemActor('bench'), { asOf, divisionCode: '000000' });
      })
    ).clone();
    const db = server.db;
    const { reports } = createServices(db, loadConfig({ RECLAIM_LOG_LEVEL: 'silent' }));
    const [versions] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM record_version`,
    );
    const province = data.dataset.clusters[0]!.site.divisionCode.slice(0, 2) + '0000';
    const baseline: Case = {
      name: 'live tables: records by state, findings by rule',
      run: () =>
        inScope(db, actor, async (tx) => {
          await tx.query(`SELECT state, count(*), sum(area_m2) FROM temporary_land GROUP BY state`);
          await tx.query(
            `SELECT rule_code, severity, status, count(*) FROM supervision_finding GROUP BY 1, 2, 3`,
          );
        }).then(() => undefined),
    };
    const cases: Case[] = [
      {
        name: 'summary (nation)',
        run: () => reports.summary(actor, { asOf, divisionCode: '000000' }).then(() => undefined),
      },
      {
        name: 'ranking of provinces',
        run: () => reports.ranking(actor, { asOf, divisionCode: '000000' }).then(() => undefined),
      },
      {
        name: `bulletin (${province})`,
        run: () =>
          reports
            .bulletin(actor, { asOf, divisionCode: province, lang: 'zh' })
            .then(() => undefined),
      },
    ];
    for (const c of [baseline, ...cases]) await c.run(); // warm
    return {
      comparisons: [
        {
          title: `reports as of a date, ${n.toLocaleString('en')} parcels (${(versions?.n ?? 0).toLocaleString('en')} versions)`,
          description:
            'One report per repetition; the baseline counts the live tables without history.',
          baseline,
          cases,
          repetitions: options.repetitions,
        },
      ],
      teardown: () => server.drop(),
    };
  },
};
