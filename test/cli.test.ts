// The `reclaim` command as a user runs it: a separate process, real stdin/stdout, exit codes.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { testModes } from './support/modes.ts';
import { killStragglers, reclaim, reclaimBin as bin } from './support/reclaim-process.ts';
import { openTestTarget } from './support/test-db.ts';
import { describe } from 'vitest';

it('prints its version', async () => {
  const { version } = JSON.parse(
    await readFile(new URL('../package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  const printed = await reclaim(['--version'], {});
  expect(printed.code).toBe(0);
  expect(printed.stdout).toBe(`${version}\n`);
});

for (const mode of testModes()) {
  describe(`reclaim CLI [${mode}]`, () => {
    let target: Awaited<ReturnType<typeof openTestTarget>>;
    beforeAll(async () => {
      target = await openTestTarget(mode);
    }, 120_000);
    afterAll(() => target.cleanup());
    afterEach(killStragglers);

    const run = (args: string[], stdin = '') =>
      reclaim([...args, ...target.args], target.env, stdin);

    it('creates the first administrator with the password from stdin', async () => {
      const created = await run(
        [
          'user',
          'add',
          '--username',
          'chief',
          '--role',
          'ministry',
          '--division',
          '000000',
          '--admin',
          '--name',
          '部管理员',
        ],
        'Chief-password-2026\n',
      );
      expect(created.stderr).not.toMatch(/error/);
      expect(created.code).toBe(0);
      expect(created.stdout).toContain(
        'created ministry account chief (000000) with administrator rights',
      );
    }, 180_000); // the first command prepares the database: over a minute on a loaded machine

    it('refuses a weak password with a clear message and creates nothing', async () => {
      const weak = await run(
        ['user', 'add', '--username', 'weakling', '--role', 'county', '--division', '320305'],
        'short\n',
      );
      expect(weak.code).toBe(1);
      expect(weak.stderr).toContain('PASSWORD_WEAK');
      expect(weak.stderr).toContain('密码至少');
      const again = await run(
        ['user', 'add', '--username', 'weakling', '--role', 'county', '--division', '320305'],
        'Strong-enough-2026\n',
      );
      expect(again.code).toBe(0);
    });

    it("imports next year's holiday schedule and reports it", async () => {
      const file = join(tmpdir(), `schedule-${mode}-${Date.now()}.csv`);
      await writeFile(
        file,
        'date,kind,name_zh,name_en\n2027-01-01,holiday,元旦,New Year\n2027-02-06,workday,春节调休,Spring Festival make-up day\n',
      );
      const imported = await run([
        'calendar',
        'import',
        file,
        '--source',
        '国办发明电〔2026〕测试',
      ]);
      expect(imported.stderr).not.toMatch(/error/);
      expect(imported.stdout).toContain('2027: created (1 holidays, 1 make-up working days)');
      const bad = await run(['calendar', 'import', file.replace('.csv', '.missing.csv')]);
      expect(bad.code).toBe(1);
    });

    it('checks a file as JSON without storing it (exit 2 when unreadable), imports it, loads a survey layer', async () => {
      const file = join(tmpdir(), `site-${mode}-${Date.now()}.geojson`);
      const ring = [
        [117.46, 34.44],
        [117.461, 34.44],
        [117.461, 34.441],
        [117.46, 34.441],
        [117.46, 34.44],
      ];
      await writeFile(
        file,
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: {
                地块编号: 'G-1',
                项目名称: '某拌合站',
                用途: '拌合站',
                批准日期: '2026-02-06',
                行政区代码: '320305',
              },
              geometry: { type: 'Polygon', coordinates: [ring] },
            },
          ],
        }),
      );
      const checked = await run(['check', file, '--as-of', '2026-06-01', '--json']);
      expect(checked.code, checked.stderr).toBe(0);
      const report = JSON.parse(checked.stdout) as {
        features: {
          id: string;
          name: string;
          area_m2: number;
          area_mu: number;
          area_ha: number;
          findings: { code: string; severity: string; message_zh: string; message_en: string }[];
        }[];
        errors: unknown[];
      };
      expect(report.errors).toEqual([]);
      expect(report.features[0]).toMatchObject({ id: 'G-1', name: '某拌合站' });
      expect(report.features[0]?.area_m2).toBeGreaterThan(9000);
      expect(report.features[0]?.area_mu).toBeCloseTo(
        (report.features[0]?.area_m2 ?? 0) / (10_000 / 15),
        6,
      );
      expect(report.features[0]?.findings.find((f) => f.code === 'TL-REG-01')).toMatchObject({
        severity: 'error',
      });
      const garbage = join(tmpdir(), `garbage-${mode}-${Date.now()}.txt`);
      await writeFile(garbage, Buffer.from([0, 1, 2, 3, 255, 254]));
      const unreadable = await run(['check', garbage, '--json']);
      expect(unreadable.code).toBe(2);
      expect(
        (JSON.parse(unreadable.stdout) as { errors: { code: string }[] }).errors.length,
      ).toBeGreaterThan(0);
      const imported = await run(['import', file, '--reason', 'cli test']);
      expect(imported.stderr).not.toMatch(/error/);
      expect(imported.stdout).toContain('imported 1 records');
      // A mistyped name fails at once, naming the file, before the database is opened.
      const missing = await run(['import', `${file}.missing`, '--reason', 'cli test']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain(`error FILE_UNREADABLE`);
      expect(missing.stderr).toContain(`cannot read ${file}.missing: no such file`);
      expect(missing.stderr).not.toContain('database:');

      // The county's land-class layer, loaded from a GeoJSON file with survey attribute names.
      const dltb = join(tmpdir(), `dltb-${mode}-${Date.now()}.geojson`);
      await writeFile(
        dltb,
        JSON.stringify({
          type: 'Feature',
          properties: { DLBM: '0101', TBBH: '7' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [117.0, 34.0],
                [118.0, 34.0],
                [118.0, 35.0],
                [117.0, 34.0],
              ],
            ],
          },
        }),
      );
      const layerArgs = ['--division', '320305', '--year', '2025', '--source', 'cli test'];
      const wrongLayer = await run(['layer', 'import', dltb, '--layer', 'roads', ...layerArgs]);
      expect(wrongLayer.code).not.toBe(0);
      expect(wrongLayer.stderr).toContain('--layer must be land-class, farmland or division');
      const loaded = await run(['layer', 'import', dltb, '--layer', 'land-class', ...layerArgs]);
      expect(loaded.stderr).not.toMatch(/error/i);
      expect(loaded.stdout).toMatch(
        /loaded batch \S+: 1 patches, [\d.]+ ha; overlay recomputed for \d+ records/,
      );
      // The county's division boundaries (行政区, XZQ), from the same file with XZQDM and XZQMC.
      const xzq = join(tmpdir(), `xzq-${mode}-${Date.now()}.geojson`);
      const feature = JSON.parse(await readFile(dltb, 'utf8')) as { properties: object };
      feature.properties = { XZQDM: '320305001', XZQMC: '示意镇' };
      await writeFile(xzq, JSON.stringify(feature));
      const boundaries = await run(['layer', 'import', xzq, '--layer', 'division', ...layerArgs]);
      expect(boundaries.stderr).not.toMatch(/error/i);
      expect(boundaries.stdout).toMatch(/loaded batch \S+: 1 boundaries, [\d.]+ ha\n$/);
    }, 180_000);

    it('back-fills a county from its 2021 polygons with evidence, and returns the same batch on a rerun', async () => {
      const fixtures = join(import.meta.dirname, '../src/supervision/backfill/fixtures');
      const photo = join(tmpdir(), `ls-d2-${mode}-${Date.now()}.png`);
      await writeFile(
        photo,
        Buffer.from(
          'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
          'base64',
        ),
      );
      const manifest = join(tmpdir(), `evidence-${mode}-${Date.now()}.json`);
      await writeFile(
        manifest,
        JSON.stringify([
          {
            surveyCode: 'LS-D2',
            kind: 'photo',
            shows: 'permanent_structure',
            file: photo.split('/').pop(),
          },
        ]),
      );
      const args = [
        'backfill',
        'import',
        join(fixtures, 'jiawang-2021-ls.geojson'),
        join(fixtures, 'jiawang-2021-ls.csv'),
        '--division',
        '320305',
        '--as-of',
        '2023-08-01',
        '--evidence',
        manifest,
      ];
      const first = await run(args);
      expect(first.stderr).not.toMatch(/error/i);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^back-fill batch \S+\n/);
      expect(first.stdout).toContain(
        '8 polygons in 320305 as of 2023-08-01 (2021 survey): a reclaimed and accepted 1, b back-filled 2, c back-filled and ordered to rectify 3, d illegal land use 2',
      );
      expect(first.stdout).toContain(
        'records: 5 back-filled, 0 linked to registered ones; rectification orders 3 (deadline 90 days), illegal-land-use cases 2',
      );
      const again = await run(args);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('already imported as batch');
      expect(again.stderr).toContain('BACKFILL_ALREADY_IMPORTED');
      const badManifest = await run([
        ...args.slice(0, -1),
        join(tmpdir(), 'no-such-manifest.json'),
      ]);
      expect(badManifest.code).toBe(1);
      expect(badManifest.stderr).toContain('EVIDENCE_MANIFEST_UNREADABLE');
    }, 180_000);

    it('evaluates every rule and stores each finding once', async () => {
      const first = await run(['evaluate', '--as-of', '2026-06-01']);
      expect(first.stdout).toMatch(
        /evaluated \d+ records in 000000 as of 2026-06-01 .*: \d+ findings hold; [1-9]\d* new/,
      );
      const second = await run(['evaluate', '--as-of', '2026-06-01']);
      expect(second.stdout).toContain('0 new, 0 reopened, 0 changed, 0 resolved');
    }, 120_000);

    it('shows the notice board: kinds as a province has them, notices, objections', async () => {
      const kinds = await run(['notices', 'kinds', '--division', '320305']);
      expect(kinds.code, kinds.stderr).toBe(0);
      expect(kinds.stdout).toContain(
        'reclamation_plan_review  土地复垦方案审查公示 / reclamation plan review  window 7 working_days, answer 15 calendar_days  [national; PN-01, PN-02; local practice]',
      );
      const list = await run(['notices', 'list', '--open']);
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toContain('0 notices');
      const json = await run(['notices', 'list', '--json']);
      expect(JSON.parse(json.stdout)).toEqual({ items: [], total: 0 });
      expect((await run(['notices', 'objections', '--overdue'])).stdout).toContain('0 objections');
      const wrong = await run(['notices', 'list', '--state', 'open']);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('draft, published, closed, withdrawn');
    }, 120_000);

    it('lists reclamation obligations, and refuses a status it does not know', async () => {
      const list = await run(['reclamation', 'list', '--overdue']);
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toContain('0 obligations');
      const json = await run(['reclamation', 'list', '--json']);
      expect(JSON.parse(json.stdout)).toEqual({ items: [], total: 0 });
      const wrong = await run(['reclamation', 'list', '--status', 'closed']);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('open, accepted, converted');
    }, 120_000);

    it('lists restoration projects, and refuses an unknown state with the choices', async () => {
      const list = await run(['restoration', 'list']);
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toContain('0 restoration projects');
      const json = await run(['restoration', 'list', '--json']);
      expect(JSON.parse(json.stdout)).toEqual({ items: [], total: 0 });
      const wrong = await run(['restoration', 'list', '--state', 'done']);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('planned, under_way, completed, accepted');
    }, 300_000); // three processes; each took over 40 s at a load of 19 on two cores

    it('imports an enforcement batch with progress, idempotently, and recomputes it', async () => {
      const file = join(tmpdir(), `reclaim-cli-wp-${mode}.geojson`);
      await writeFile(
        file,
        JSON.stringify({
          type: 'Feature',
          properties: { TBBH: 'WP-CLI-1', XZQDM: '320305' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [117.5, 34.5],
                [117.501, 34.5],
                [117.501, 34.501],
                [117.5, 34.501],
                [117.5, 34.5],
              ],
            ],
          },
        }),
      );
      const args = ['--month', '2026-05', '--batch', 'WP-CLI', '--division', '320300'];
      const wrong = await run(['enforcement', 'import', file, '--source', 'drone', ...args]);
      expect(wrong.code).not.toBe(0);
      expect(wrong.stderr).toContain('--source must be satellite-enforcement or change-survey');
      const first = await run([
        'enforcement',
        'import',
        file,
        '--source',
        'satellite-enforcement',
        ...args,
      ]);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toMatch(/coverage: 1\/1 \(100%\)/);
      expect(first.stdout).toMatch(
        /created batch WP-CLI \(satellite_enforcement, 2026-05, 320300\) as (\S+): 1 polygons.*1 unexplained occupations/,
      );
      const again = await run([
        'enforcement',
        'import',
        file,
        '--source',
        'satellite-enforcement',
        ...args,
      ]);
      expect(again.stdout).toContain('unchanged batch WP-CLI');
      expect(again.stdout).toContain('nothing changed');
      const id = /as (\S+):/.exec(first.stdout)?.[1] ?? '';
      const recomputed = await run(['enforcement', 'recompute', id]);
      expect(recomputed.stdout).toContain('findings 0 new, 0 reopened, 0 changed, 0 resolved');
    }, 180_000);

    it('exports the register as a GeoPackage that checks back, and lists the formats on a wrong one', async () => {
      const out = join(tmpdir(), `register-${mode}-${Date.now()}.gpkg`);
      const exported = await run(['export', '--format', 'gpkg', '--out', out]);
      expect(exported.code, exported.stderr).toBe(0);
      // The imported record and those back-filled by the test above.
      const written = Number(/wrote (\d+) records to /.exec(exported.stdout)?.[1]);
      expect(written).toBeGreaterThan(1);
      const checked = await run(['check', out, '--as-of', '2026-06-01', '--json']);
      expect(checked.code, checked.stderr).toBe(0);
      const report = JSON.parse(checked.stdout) as {
        format: string;
        errors: unknown[];
        features: { name: string }[];
      };
      expect(report).toMatchObject({ format: 'geopackage', errors: [] });
      expect(report.features).toHaveLength(written);
      expect(report.features.map((f) => f.name)).toContain('某拌合站');
      const wrong = await run(['export', '--format', 'dwg', '--out', out]);
      expect(wrong.code).not.toBe(0);
      expect(wrong.stderr).toContain('geojson, shapefile, gpkg, kml, csv, txt');
    }, 180_000); // three processes, each opening the database

    it('writes the ranking as CSV and the bulletin as HTML for a division', async () => {
      const csv = join(tmpdir(), `ranking-${mode}-${Date.now()}.csv`);
      const ranked = await run([
        'report',
        'ranking',
        '--division',
        '320000',
        '--format',
        'csv',
        '--out',
        csv,
      ]);
      expect(ranked.code, ranked.stderr).toBe(0);
      expect(ranked.stdout).toContain(`wrote the ranking of 320000 as of `);
      const text = await readFile(csv, 'utf8');
      expect(text.startsWith('\ufeff排名,行政区划代码,行政区划,得分')).toBe(true);
      expect(text).toContain(',320305,贾汪区,');
      const html = join(tmpdir(), `bulletin-${mode}-${Date.now()}.html`);
      const printed = await run([
        'report',
        'bulletin',
        '--division',
        '320000',
        '--lang',
        'en',
        '--out',
        html,
      ]);
      expect(printed.code, printed.stderr).toBe(0);
      expect(await readFile(html, 'utf8')).toContain('Temporary land supervision bulletin: 江苏省');
    }, 180_000);

    it('migrates idempotently', async () => {
      const migrated = await run(['migrate']);
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toContain('database is up to date');
      expect(migrated.stderr).not.toContain('applied migrations');
    });

    it('serves on the port asked for, prints the URL, and shuts down cleanly on SIGTERM', async () => {
      const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...target.args], {
        env: { ...process.env, RECLAIM_LOG_LEVEL: 'warn', ...target.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 60_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /running at (http:\/\/\S+)/.exec(out);
          if (m?.[1]) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
      });
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { storage: string }).storage).toBe(mode);
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'chief', password: 'Chief-password-2026' }),
      });
      expect(login.status).toBe(200);
      const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    });
  });
}
