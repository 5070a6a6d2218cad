// The acceptance-criteria table (验收标准) that applies in the caller's division: rows keyed
// by region, direction, indicator, operator, threshold and unit, demo rows marked. The
// ministry, provinces and cities add rows to their own table and change the rows they keep;
// counties read.
import { useEffect, useMemo, useState } from 'react';
import { query } from '../api/http.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useMapControls } from '../map/map-context.tsx';
import { useApi } from '../supervision/use-api.ts';
import {
  isWithinDivision,
  levelOfCode,
} from '../../../src/reference/divisions/domain/division-code.ts';
import { CriterionForm } from './CriterionForm.tsx';
import { directionLabel, reclamationDirections, thresholdText } from './labels.ts';
import type { Criterion } from './types.ts';

const writerRoles = ['ministry', 'province', 'city'];

export function CriteriaPage() {
  const { t, lang } = useI18n();
  const session = useSession();
  const user = session.state.status === 'user' ? session.state.user : null;
  const { setOverlay, setThematic } = useMapControls();
  const [region, setRegion] = useState('');
  const [direction, setDirection] = useState('');
  const [form, setForm] = useState<{ editing?: Criterion } | null>(null);
  const [saved, setSaved] = useState(false);
  const criteria = useApi<{ items: Criterion[] }>(
    `/api/restoration/criteria${query({ direction })}`,
  );
  useEffect(() => {
    setOverlay(null);
    setThematic(null);
  }, [setOverlay, setThematic]);

  const writer = user !== null && writerRoles.includes(user.role);
  const canEdit = (c: Criterion) =>
    writer &&
    user !== null &&
    isWithinDivision(c.divisionCode, user.divisionCode) &&
    levelOfCode(c.divisionCode) !== 'county';
  const rows = useMemo(
    () =>
      (criteria.data?.items ?? []).filter(
        (c) => region.trim() === '' || c.region.includes(region.trim()),
      ),
    [criteria.data, region],
  );
  const editing = form?.editing;
  const set = editing
    ? (criteria.data?.items ?? []).filter(
        (c) =>
          c.divisionCode === editing.divisionCode &&
          c.region === editing.region &&
          c.direction === editing.direction,
      )
    : [];

  return (
    <div className="panel-body" data-testid="criteria-page">
      <h2>{t('restCriteriaTitle')}</h2>
      <p className="muted">{t('restCriteriaHint')}</p>
      {!writer ? <p className="muted">{t('restCriteriaReadOnly')}</p> : null}
      <div className="filters">
        <input
          name="region"
          placeholder={t('restRegion')}
          value={region}
          onChange={(e) => setRegion(e.target.value)}
        />
        <select name="direction" value={direction} onChange={(e) => setDirection(e.target.value)}>
          <option value="">{t('restAllDirections')}</option>
          {reclamationDirections.map((d) => (
            <option key={d} value={d}>
              {directionLabel(d, lang)}
            </option>
          ))}
        </select>
        {writer ? (
          <button
            type="button"
            data-action="add-criterion"
            onClick={() => {
              setSaved(false);
              setForm({});
            }}
          >
            {t('restAddCriterion')}
          </button>
        ) : null}
        {saved ? <span className="ok">{t('restSaved')}</span> : null}
      </div>
      {form ? (
        <CriterionForm
          key={editing?.id ?? 'new'}
          {...(editing ? { editing: { row: editing, set } } : {})}
          onSaved={() => {
            setForm(null);
            setSaved(true);
            criteria.reload();
          }}
          onCancel={() => setForm(null)}
        />
      ) : null}
      {criteria.error ? <p className="error">{criteria.error}</p> : null}
      {criteria.data && rows.length === 0 ? <p className="muted">{t('restNoCriteria')}</p> : null}
      <table className="small" data-testid="criteria">
        <thead>
          <tr>
            <th>{t('restKeptBy')}</th>
            <th>{t('restRegion')}</th>
            <th>{t('restDirection')}</th>
            <th>{t('restIndicatorZh')}</th>
            <th>{t('restThreshold')}</th>
            <th>{t('restBasis')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr
              key={c.id}
              data-criterion={c.id}
              data-indicator={c.indicator}
              data-direction={c.direction}
            >
              <td>{c.divisionName}</td>
              <td>{c.region}</td>
              <td>{directionLabel(c.direction, lang)}</td>
              <td>
                {c.indicatorZh ?? c.indicator}
                <div className="muted">{c.indicator}</div>
              </td>
              <td className="threshold">
                {thresholdText(c.operator, c.threshold, c.thresholdHigh, c.unit)}
                {c.isDemo ? <span className="chip demo">{t('restDemoRow')}</span> : null}
              </td>
              <td className="muted">{c.basis ?? ''}</td>
              <td>
                {canEdit(c) ? (
                  <button
                    type="button"
                    data-action="edit-criterion"
                    onClick={() => {
                      setSaved(false);
                      setForm({ editing: c });
                    }}
                  >
                    {t('restEdit')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
