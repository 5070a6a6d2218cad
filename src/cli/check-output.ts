// How `reclaim check` prints its report: text for people, JSON (snake_case, as documented
// in docs/exchange-formats.md) for machines.
import { describeLocation, type Problem } from '../platform/errors.ts';
import type { CheckReport } from '../register/import/import.service.ts';

export function problemJson(p: Problem) {
  return {
    code: p.code,
    message_zh: p.messageZh,
    message_en: p.messageEn,
    ...(p.location ? { location: p.location } : {}),
  };
}

/** The JSON shape `reclaim check --json` promises (snake_case, as documented). */
export function checkJson(r: CheckReport) {
  return {
    file: r.file,
    format: r.format,
    crs: r.crs,
    features: r.features.map((f) => ({
      id: f.id,
      name: f.name,
      area_m2: f.area_m2,
      area_mu: f.area_mu,
      area_ha: f.area_ha,
      repaired: f.repaired,
      findings: f.findings.map((x) => ({
        code: x.code,
        severity: x.severity,
        message_zh: x.messageZh,
        message_en: x.messageEn,
      })),
    })),
    errors: r.errors.map(problemJson),
    warnings: r.warnings.map(problemJson),
  };
}

export function checkText(r: CheckReport): string {
  const lines = [`${r.file}: ${r.format}, ${r.crs}, ${r.features.length} features`];
  for (const f of r.features) {
    const area =
      f.area_m2 === null
        ? 'no valid geometry'
        : `${f.area_m2.toFixed(2)} m² = ${(f.area_mu ?? 0).toFixed(3)} 亩 = ${(f.area_ha ?? 0).toFixed(4)} ha`;
    lines.push(`#${f.feature} ${f.id} ${f.name}: ${area}${f.repaired ? ' (repaired)' : ''}`);
    for (const x of f.findings) lines.push(`  ${x.severity.padEnd(7)} ${x.code} ${x.messageZh}`);
  }
  for (const e of r.errors)
    lines.push(`error ${e.code} (${describeLocation(e.location)}): ${e.messageEn}`);
  for (const w of r.warnings)
    lines.push(`warning ${w.code} (${describeLocation(w.location)}): ${w.messageEn}`);
  return `${lines.join('\n')}\n`;
}
