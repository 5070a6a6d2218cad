// A record's versions as a timeline, newest first; each version opens a comparison with the
// one before it: every changed field, before and after, the boundary summarised by its area.
import { useState } from 'react';
import type { HistoryVersion } from '../api/types.ts';
import { formatNumber, formatTime, useI18n, type Lang } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { actionLabel, labelOfUse, stateLabel } from './labels.ts';

/** Stored column → the label the parcel page uses for it. */
const fieldLabels: Record<string, MessageKey> = {
  project_name: 'project',
  project_class: 'projectClass',
  project_owner: 'owner',
  land_user: 'landUser',
  use_type: 'useType',
  approval_number: 'approvalNumber',
  approval_date: 'approvalDate',
  approval_body: 'approvalBody',
  approval_level: 'approvalLevel',
  term_start: 'termStart',
  term_end: 'termEnd',
  division_code: 'division',
  state: 'state',
  system_number: 'systemNumber',
  area_m2: 'area',
  disclosure_published_on: 'published',
  computed_breakdown: 'breakdown',
};

export function HistoryTimeline({ versions }: { versions: HistoryVersion[] }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState<number | null>(null);
  return (
    <ol className="timeline" data-testid="history">
      {versions.map((v) => (
        <li key={v.version}>
          <div className="when">
            {formatTime(v.changedAt, lang)} · {t('version', { n: v.version })}
          </div>
          <div>
            <strong>{actionLabel(v.action, lang)}</strong> · {t('by')} {v.changedBy}
          </div>
          <div className="muted">
            {t('reason')}：{v.reason}
          </div>
          {v.changes.length > 0 && v.version > 1 ? (
            <button
              type="button"
              className="link"
              onClick={() => setOpen(open === v.version ? null : v.version)}
              aria-expanded={open === v.version}
            >
              {open === v.version ? t('hideCompare') : `${t('compare')} (${v.changes.length})`}
            </button>
          ) : null}
          {open === v.version ? <Comparison version={v} lang={lang} /> : null}
        </li>
      ))}
    </ol>
  );
}

function Comparison({ version, lang }: { version: HistoryVersion; lang: Lang }) {
  const { t } = useI18n();
  return (
    <table className="compare" data-testid={`compare-${version.version}`}>
      <thead>
        <tr>
          <th>{t('field')}</th>
          <th>{t('before')}</th>
          <th>{t('after')}</th>
        </tr>
      </thead>
      <tbody>
        {version.changes.map((c) => {
          const label = fieldLabels[c.field];
          return (
            <tr key={c.field}>
              <th title={c.field}>{label ? t(label) : <code>{c.field}</code>}</th>
              {c.field === 'geom' ? (
                <td colSpan={2}>{t('boundaryChanged')}</td>
              ) : (
                <>
                  <td className="before">{shown(c.field, c.from, lang)}</td>
                  <td className="after">{shown(c.field, c.to, lang)}</td>
                </>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function shown(field: string, value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return '∅';
  if (field === 'state' && typeof value === 'string') return stateLabel(value, lang);
  if (field === 'use_type' && typeof value === 'string') return labelOfUse(value, lang);
  if (typeof value === 'number') return formatNumber(value, 2);
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && !Array.isArray(value)) {
    // A breakdown or a JSON document: its entries, numbers rounded.
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${typeof v === 'number' ? formatNumber(v, 2) : JSON.stringify(v)}`)
      .join(lang === 'zh' ? '；' : '; ');
  }
  return JSON.stringify(value);
}
