// How long a county's back-fill takes: generates N polygons of the 2021 survey around Jiawang
// (a quarter each of classes a, b, c, d; one in ten on a registered record), imports them as
// one batch through the service as a county clerk, then imports the same file again (the
// idempotent answer) and prints the times.
//
//   node --import tsx bench/backfill/import-batch.ts [--polygons 500]          (embedded, temporary)
//   DATABASE_URL=postgres://… node --import tsx bench/backfill/import-batch.ts (server; an empty database)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemActor, type Actor } from '../../src/identity/domain/actor.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import { openDb } from '../../src/platform/db/open-db.ts';
import { createServices } from '../../src/server/services.ts';
import { prepareDatabase } from '../../src/startup/prepare-database.ts';
import { square } from '../../test/support/shapes.ts';

const { values } = parseArgs({ options: { polygons: { type: 'string', default: '500' } } });
const n = Number(values.polygons);
const columns = 50;
const at = (i: number): [number, number] => [
  117.2 + (i % columns) * 0.004,
  34.2 + Math.floor(i / columns) * 0.004,
];

function attributes(i: number): Record<string, string> {
  const base = { 图斑编号: `BF-${i}`, 项目名称: `基准项目 ${i}`, 用途: '材料堆场' };
  switch (i % 4) {
    case 0:
      return { ...base, 终止日期: '2021-02-28', 复垦验收: '已验收' };
    case 1:
      return { ...base, 使用期限: '2022-04-01至2024-03-31' };
    case 2:
      return { ...base, 批准日期: '2020-05-01', 终止日期: '2022-04-30', 是否在用: '是' };
    default:
      return { ...base, 终止日期: '2024-12-31', 永久建筑: '是' };
  }
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const dir = config.databaseUrl ? undefined : await mkdtemp(join(tmpdir(), 'reclaim-bench-'));
  const db = await openDb({ ...config, ...(dir ? { dataDir: dir } : {}) });
  try {
    await prepareDatabase(db);
    const services = createServices(db, config);
    // One polygon in ten lies on a record registered earlier.
    for (let i = 0; i < n; i += 10) {
      const [lng, lat] = at(i + 1);
      await services.register.create(
        systemActor('bench'),
        {
          divisionCode: '320305',
          projectName: `已登记 ${i}`,
          projectClass: 'other',
          useType: 'material_yard',
          termEnd: '2024-06-30',
          geometry: square(lng + 0.0001, lat + 0.0001, 0.0018),
        },
        'bench seed',
      );
    }
    const features = Array.from({ length: n }, (_, i) => {
      const [lng, lat] = at(i);
      return { type: 'Feature', properties: attributes(i), geometry: square(lng, lat, 0.002) };
    });
    const bytes = new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
    const clerk: Actor = {
      kind: 'user',
      userId: null,
      name: 'bench',
      role: 'county',
      divisionCode: '320305',
      isAdmin: false,
    };
    const input = { divisionCode: '320305', asOf: '2023-08-01', source: 'bench', reason: 'bench' };
    const file = [{ name: 'bench.geojson', bytes }];
    let start = performance.now();
    const first = await services.backfill.import(clerk, file, input);
    const firstMs = performance.now() - start;
    start = performance.now();
    const again = await services.backfill.import(clerk, file, input);
    const againMs = performance.now() - start;
    const c = first.counts;
    console.log(`${db.mode} mode, ${n} polygons (${(bytes.length / 1024).toFixed(0)} KiB GeoJSON)`);
    console.log(
      `classes a/b/c/d ${c.byClass.reclaimed_accepted}/${c.byClass.in_term}/${c.byClass.overdue}/${c.byClass.permanent_structure}; ` +
        `records ${c.recordsCreated} back-filled, ${c.recordsLinked} linked; orders ${c.openOrders}, cases ${c.openCases}`,
    );
    console.log(
      `import: ${(firstMs / 1000).toFixed(1)} s (${(firstMs / n).toFixed(1)} ms per polygon)`,
    );
    console.log(
      `same file again: ${againMs.toFixed(0)} ms (alreadyImported ${again.alreadyImported})`,
    );
  } finally {
    await db.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

await main();
