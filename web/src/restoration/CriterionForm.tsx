// One acceptance criterion typed in: a new row for the caller's division, or an existing
// row changed. The API changes a row by replacing its (division, region, direction) set, so
// an edit sends that set with the one row changed; the server checks both (the bounds of
// 'between', duplicates, the division's level) and its errors are shown as it words them.
import { useState, type FormEvent } from 'react';
import { api } from '../api/http.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { criterionOperators, directionLabel, reclamationDirections } from './labels.ts';
import { FailureBox, failureOf, numberOf, type Failure } from './parts.tsx';
import type { Criterion } from './types.ts';

type RowBody = Pick<
  Criterion,
  | 'indicator'
  | 'indicatorZh'
  | 'operator'
  | 'threshold'
  | 'thresholdHigh'
  | 'unit'
  | 'basis'
  | 'isDemo'
>;

const bodyOf = (c: Criterion): RowBody => ({
  indicator: c.indicator,
  indicatorZh: c.indicatorZh,
  operator: c.operator,
  threshold: c.threshold,
  thresholdHigh: c.thresholdHigh,
  unit: c.unit,
  basis: c.basis,
  isDemo: c.isDemo,
});

export function CriterionForm(props: {
  /** The row being changed, with the others of its set; absent for a new row. */
  editing?: { row: Criterion; set: Criterion[] };
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t, lang, pick } = useI18n();
  const row = props.editing?.row;
  const [fields, setFields] = useState({
    region: row?.region ?? '',
    direction: row?.direction ?? 'cultivated',
    indicator: row?.indicator ?? '',
    indicatorZh: row?.indicatorZh ?? '',
    operator: row?.operator ?? '>=',
    threshold: row ? String(row.threshold) : '',
    thresholdHigh: row?.thresholdHigh === null || !row ? '' : String(row.thresholdHigh),
    unit: row?.unit ?? '',
    basis: row?.basis ?? '',
    reason: '',
  });
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (name: keyof typeof fields) => (value: string) =>
    setFields((f) => ({ ...f, [name]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const threshold = numberOf(fields.threshold);
    if (threshold === null) {
      setFailure({ message: `${t('restThreshold')}?`, problems: [] });
      return;
    }
    const typed: RowBody = {
      indicator: fields.indicator.trim(),
      indicatorZh: fields.indicatorZh.trim() === '' ? null : fields.indicatorZh.trim(),
      operator: fields.operator,
      threshold,
      thresholdHigh: numberOf(fields.thresholdHigh),
      unit: fields.unit,
      basis: fields.basis.trim() === '' ? null : fields.basis.trim(),
      // A row the bureau typed or changed holds its own value, not the demo's.
      isDemo: false,
    };
    setSaving(true);
    setFailure(null);
    try {
      if (props.editing) {
        const { row: old, set: siblings } = props.editing;
        await api('/api/restoration/criteria/replace', {
          method: 'POST',
          body: {
            divisionCode: old.divisionCode,
            region: old.region,
            direction: old.direction,
            rows: siblings.map((c) => (c.id === old.id ? typed : bodyOf(c))),
            reason: fields.reason,
          },
        });
      } else {
        await api('/api/restoration/criteria', {
          method: 'POST',
          body: {
            region: fields.region.trim(),
            direction: fields.direction,
            ...typed,
            reason: fields.reason,
          },
        });
      }
      props.onSaved();
    } catch (e) {
      setFailure(failureOf(e, pick));
    } finally {
      setSaving(false);
    }
  };

  const input = (name: keyof typeof fields, label: string, extra: { required?: boolean } = {}) => (
    <label>
      {label}
      <input
        name={name}
        value={fields[name]}
        required={extra.required ?? false}
        disabled={props.editing !== undefined && (name === 'region' || name === 'direction')}
        onChange={(e) => set(name)(e.target.value)}
      />
    </label>
  );

  return (
    <form
      className="form rest-form rest-criterion-form"
      data-testid="criterion-form"
      onSubmit={(e) => void submit(e)}
    >
      <h4>{props.editing ? t('restEditCriterion') : t('restAddCriterion')}</h4>
      {input('region', t('restRegion'), { required: true })}
      <label>
        {t('restDirection')}
        <select
          name="direction"
          value={fields.direction}
          disabled={props.editing !== undefined}
          onChange={(e) => set('direction')(e.target.value)}
        >
          {reclamationDirections.map((d) => (
            <option key={d} value={d}>
              {directionLabel(d, lang)}
            </option>
          ))}
        </select>
      </label>
      {input('indicator', t('restIndicator'), { required: true })}
      {input('indicatorZh', t('restIndicatorZh'))}
      <label>
        {t('restOperator')}
        <select
          name="operator"
          value={fields.operator}
          onChange={(e) => set('operator')(e.target.value)}
        >
          {criterionOperators.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      {input('threshold', t('restThreshold'), { required: true })}
      {input('thresholdHigh', t('restThresholdHigh'))}
      {input('unit', t('restUnit'), { required: true })}
      {input('basis', t('restBasis'))}
      <label>
        {t('restReason')}
        <input
          name="reason"
          value={fields.reason}
          required
          minLength={2}
          onChange={(e) => set('reason')(e.target.value)}
        />
      </label>
      <FailureBox failure={failure} />
      <div className="buttons">
        <button type="submit" disabled={saving}>
          {saving ? t('restSaving') : t('restSave')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('restCancel')}
        </button>
      </div>
    </form>
  );
}
