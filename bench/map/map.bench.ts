// Pan and zoom over N generated parcels (web app issue, item 6: "100,000 parcels pan and zoom
// smoothly"): Reclaim in server mode as a child process serving the built web app, a province
// administrator's session in Debian's headless Chromium, and a fixed, seeded script of views
// over a mining cluster (script.ts) played on the app's MapLibre map, measured per step
// (play.ts). The baseline, interleaved repetition by repetition, is the same script with the
// register's parcel layers hidden: the offline style with the reference layers only. Two
// comparisons: on the map as it opens (division boundaries), and with the survey's land class
// and permanent basic farmland switched on as well.
import { generateDataset } from '../generate/dataset.ts';
import { loadDataset } from '../generate/write-database.ts';
import { createUserService } from '../../src/identity/users.service.ts';
import { ensureWebBuilt } from '../../test/e2e/web-build.ts';
import type { ClusterPlan } from '../generate/layout.ts';
import type { Benchmark, Case } from '../harness/bench.ts';
import type { BenchDatabases, ServerClone, Template } from '../harness/databases.ts';
import { busiestProvince, createProvinceAdmin, logIn } from '../load/account.ts';
import { startServer } from '../load/start-server.ts';
import { frameStats, mapTable, stepFigures } from './map-report.ts';
import { openMapPage, type MapLayers, type MapPage, type Variant } from './map-page.ts';
import { playScript, type StepResult } from './play.ts';
import { viewScript, type Script } from './script.ts';

/**
 * Generates and loads the data set (into a template database) and keeps only what the script
 * needs: the generated parcels and layers (about 370 MB at 100,000) leave the heap.
 */
async function prepareData(
  n: number,
  seed: number,
  databases: BenchDatabases,
  log: (message: string) => void,
): Promise<{ template: Template<ServerClone>; province: string; clusters: ClusterPlan[] }> {
  const started = Date.now();
  const dataset = generateDataset({ seed, parcels: n });
  log(`map: ${n} parcels generated in ${Date.now() - started} ms`);
  const template = await databases.serverTemplate('map', (db) =>
    loadDataset(db, dataset).then(() => undefined),
  );
  log(`map: loaded into a template database in ${Date.now() - started} ms`);
  const province = busiestProvince(dataset.parcels.map((p) => p.attributes.division_code));
  return { template, province, clusters: dataset.clusters };
}

export const benchmark: Benchmark = {
  name: 'map',
  description:
    'Pan and zoom in the web app: Reclaim (server mode) in a child process, Debian’s headless Chromium ' +
    '(playwright-core) logged in as a province administrator, a seeded script of views played on the ' +
    'MapLibre map. WebGL is rendered by SwiftShader on the CPU (no GPU here), sharing the two cores with ' +
    'the server and PostgreSQL: frame times are an upper bound of what a desktop with a GPU shows. The ' +
    'table gives the wall time of the whole script; the step table what a user sees.',
  async setup(options, databases) {
    if (!options.modes.includes('server'))
      return { comparisons: [], teardown: () => Promise.resolve() };
    const n = options.serverParcels;
    const log = (message: string) => options.log(message);
    ensureWebBuilt();
    const { template, province, clusters } = await prepareData(n, options.seed, databases, log);
    const clone = await template.clone();
    const server = await startServer({ databaseUrl: clone.url }).catch(async (error: unknown) => {
      await clone.drop();
      throw error;
    });
    log(`map: server pid ${server.pid} at ${server.url}`);
    try {
      const credentials = await createProvinceAdmin(createUserService(clone.db), province, 'map');
      const open = async (variant: Variant, layers: MapLayers = 'survey') =>
        openMapPage(server.url, await logIn(server.url, credentials), variant, layers);

      // Untimed warm-up of both variants with every layer (the server's tile cache,
      // PostgreSQL's buffers, the plans); the parcels' run also counts the parcels drawn at the
      // end of each step.
      const rendered = new Map<string, number>();
      let script: Script | undefined;
      let size = { width: 0, height: 0 };
      for (const variant of ['parcels', 'baseline'] as const) {
        const warm = await open(variant);
        try {
          size = warm.size;
          script ??= viewScript(clusters, province, options.seed, size.width);
          const steps = await playScript(warm.page, script, {
            countRendered: variant === 'parcels',
          });
          for (const s of steps)
            if (s.renderedParcels !== undefined) rendered.set(s.name, s.renderedParcels);
          log(`map: warm-up ${variant}: ${steps.length} steps`);
        } finally {
          await warm.close();
        }
      }
      const played = script!;
      const results = new Map<MapLayers, Map<Variant, StepResult[][]>>();
      const caseOf = (variant: Variant, layers: MapLayers): Case => {
        let page: MapPage | undefined;
        const mine = results.get(layers) ?? new Map<Variant, StepResult[][]>();
        results.set(layers, mine);
        return {
          name:
            variant === 'parcels'
              ? `with the register’s ${n.toLocaleString('en')} parcels`
              : 'reference layers only (parcels hidden)',
          before: async () => {
            page = await open(variant, layers);
          },
          run: async () => {
            const steps = await playScript(page!.page, played);
            mine.set(variant, [...(mine.get(variant) ?? []), steps]);
            const figures = steps.map(stepFigures);
            const slowest = Math.max(...figures.map((f) => f.settleMs));
            const frames = frameStats(
              steps.flatMap((st) => st.moves.flatMap((m) => m.frameIntervals)),
            );
            log(
              `    ${variant}: frames p50 ${frames.p50Ms.toFixed(1)} p95 ${frames.p95Ms.toFixed(1)} ms, ` +
                `slowest settle ${slowest.toFixed(0)} ms, ${figures.reduce((k, f) => k + f.tiles, 0)} tiles`,
            );
          },
          after: async () => {
            await page?.close();
            page = undefined;
          },
        };
      };
      const c = played.cluster;
      const provinceParcels = clusters
        .filter((k) => k.site.divisionCode.startsWith(province))
        .reduce((k, x) => k + x.parcels, 0);
      const layerSets: { layers: MapLayers; title: string; baseline: string }[] = [
        {
          layers: 'as opened',
          title: 'on the map as it opens',
          baseline:
            'The baseline draws the division boundaries (the map as it opens), without the parcels.',
        },
        {
          layers: 'survey',
          title: 'with the survey layers',
          baseline:
            'The baseline draws land class, permanent basic farmland and division boundaries, without the parcels.',
        },
      ];
      return {
        comparisons: layerSets.map(({ layers, title, baseline }) => ({
          title: `Pan and zoom over ${n.toLocaleString('en')} parcels, ${title}`,
          description:
            `Wall time of the whole script (${played.steps.length} steps, ${played.steps.reduce((k, s) => k + s.moves.length, 0)} camera moves: ` +
            `animated eases of 1 s, a fly of 2.5 s) on a ${size.width} × ${size.height} px map over the cluster ` +
            `at ${c.site.county} (${c.site.mine}, ${c.parcels.toLocaleString('en')} parcels, box ${(c.sideM / 1000).toFixed(0)} km)` +
            `${played.flyTo ? ` and a flight to ${played.flyTo.site.county}` : ''}; the caller administers province ${province}0000 ` +
            `(${provinceParcels.toLocaleString('en')} of the parcels). ` +
            'Each repetition opens a fresh browser (empty caches) on a server whose tile cache is warm (the warm-up). ' +
            `${baseline} ` +
            'CPU counts the bench process and PostgreSQL, not Chromium nor the Reclaim server.',
          baseline: caseOf('baseline', layers),
          cases: [caseOf('parcels', layers)],
          repetitions: options.repetitions,
          get notes() {
            return mapTable(results.get(layers) ?? new Map(), rendered);
          },
        })),
        teardown: async () => {
          await server.stop();
          await clone.drop();
        },
      };
    } catch (error) {
      await server.stop();
      await clone.drop();
      throw error;
    }
  },
};
