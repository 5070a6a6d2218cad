// Rule scenarios as data: each folder in scenarios/ holds input.json (a patch over
// base-record.json, the overlay facts, the as-of date, provincial overrides) and
// expected.json (the findings' codes and severities in order, with evidence that must
// match). A new case is a new folder.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { shippedCalendar } from '../../../../test/support/shipped-calendar.ts';
import type { OverlayFacts, TemporaryLandRecord } from '../record.ts';
import { resolveSettings, type SettingsOverride } from '../settings.ts';
import { evaluateRecord, registerRules } from './catalogue.ts';

const root = join(import.meta.dirname, 'scenarios');
const read = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;
const base = read<TemporaryLandRecord>(join(root, 'base-record.json'));
const calendar = shippedCalendar();

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Objects merge key by key; arrays and values replace. */
function merge(target: Json, patch: Json): Json {
  const out: Json = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] = isObject(value) && isObject(current) ? merge(current, value) : value;
  }
  return out;
}

interface Scenario {
  record: Json;
  overlay: OverlayFacts | null;
  asOf: string;
  settings?: SettingsOverride;
}

interface Expected {
  code: string;
  severity: string;
  evidence?: Json;
}

const scenarios = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

it('has scenarios for every rule', () => {
  const covered = new Set(
    scenarios.flatMap((name) =>
      read<Expected[]>(join(root, name, 'expected.json')).map((e) => e.code),
    ),
  );
  for (const rule of registerRules)
    expect(covered, `no scenario finds ${rule.code}`).toContain(rule.code);
  expect(scenarios.length).toBeGreaterThanOrEqual(50);
});

for (const name of scenarios) {
  it(`rule scenario: ${name}`, () => {
    const input = read<Scenario>(join(root, name, 'input.json'));
    const expected = read<Expected[]>(join(root, name, 'expected.json'));
    const record = merge(base as unknown as Json, input.record) as unknown as TemporaryLandRecord;
    const findings = evaluateRecord({
      record,
      overlay: input.overlay,
      asOf: input.asOf,
      calendar,
      settings: resolveSettings(input.settings).settings,
    });
    expect(findings.map((f) => `${f.code} ${f.severity}`)).toEqual(
      expected.map((e) => `${e.code} ${e.severity}`),
    );
    expected.forEach((e, i) => {
      if (e.evidence) expect(findings[i]?.evidence).toMatchObject(e.evidence);
      expect(findings[i]?.messageZh.length).toBeGreaterThan(4);
      expect(findings[i]?.messageEn.length).toBeGreaterThan(4);
    });
  });
}
