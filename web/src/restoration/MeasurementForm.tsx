// Recording a measurement of a project: the date, where it comes from, the area restored so
// far for each of the project's restoration types (cumulative, in hectares here, m² on the
// wire), the vegetation cover and any other indicators {code, value, unit} the criteria ask.
import { useState, type FormEvent } from 'react';
import { api } from '../api/http.ts';
import { todayInShanghai, useI18n } from '../i18n/i18n.tsx';
import { measurementSources, sourceLabel, typeLabel } from './labels.ts';
import { FailureBox, failureOf, numberOf, type Failure } from './parts.tsx';
import { DateInput } from '../app/DateInput.tsx';

interface IndicatorRow {
  indicator: string;
  value: string;
  unit: string;
}

export function MeasurementForm(props: {
  projectId: string;
  types: string[];
  onRecorded: () => void;
}) {
  const { t, lang, pick } = useI18n();
  const [measuredOn, setMeasuredOn] = useState(todayInShanghai());
  const [source, setSource] = useState<string>('field_survey');
  const [restoredHa, setRestoredHa] = useState<Record<string, string>>({});
  const [cover, setCover] = useState('');
  const [indicators, setIndicators] = useState<IndicatorRow[]>([]);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saving, setSaving] = useState(false);

  const setIndicator = (i: number, change: Partial<IndicatorRow>) =>
    setIndicators((rows) => rows.map((row, j) => (j === i ? { ...row, ...change } : row)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const restoredAreaM2: Record<string, number> = {};
    for (const type of props.types) {
      const ha = numberOf(restoredHa[type] ?? '');
      if (ha !== null) restoredAreaM2[type] = Math.round(ha * 10_000 * 100) / 100;
    }
    setSaving(true);
    setFailure(null);
    try {
      await api(`/api/restoration/projects/${props.projectId}/measurements`, {
        method: 'POST',
        body: {
          measuredOn,
          source,
          restoredAreaM2,
          vegetationCoverPct: numberOf(cover),
          // A row with a code has its value and unit required by the form itself.
          indicators: indicators.flatMap((row) => {
            const value = numberOf(row.value);
            return row.indicator.trim() === '' || value === null
              ? []
              : [{ indicator: row.indicator.trim(), value, unit: row.unit.trim() }];
          }),
          note: note.trim() === '' ? null : note.trim(),
          reason,
        },
      });
      setRestoredHa({});
      setCover('');
      setIndicators([]);
      setNote('');
      setReason('');
      props.onRecorded();
    } catch (e) {
      setFailure(failureOf(e, pick));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="form rest-form"
      data-testid="measurement-form"
      onSubmit={(e) => void submit(e)}
    >
      <h4>{t('restAddMeasurement')}</h4>
      <label>
        {t('restMeasuredOn')}
        <DateInput name="measuredOn" value={measuredOn} required onChange={setMeasuredOn} />
      </label>
      <label>
        {t('restSource')}
        <select name="source" value={source} onChange={(e) => setSource(e.target.value)}>
          {measurementSources.map((s) => (
            <option key={s} value={s}>
              {sourceLabel(s, lang)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t('restRestoredHa')}</legend>
        {props.types.map((type) => (
          <label key={type} className="inline">
            {typeLabel(type, lang)}
            <input
              name={`restored-${type}`}
              type="number"
              min="0"
              step="any"
              value={restoredHa[type] ?? ''}
              onChange={(e) => setRestoredHa((m) => ({ ...m, [type]: e.target.value }))}
            />
          </label>
        ))}
      </fieldset>
      <label>
        {t('restCoverPct')}
        <input
          name="vegetationCoverPct"
          type="number"
          min="0"
          max="100"
          step="any"
          value={cover}
          onChange={(e) => setCover(e.target.value)}
        />
      </label>
      <fieldset data-testid="indicator-rows">
        <legend>{t('restIndicators')}</legend>
        {indicators.map((row, i) => (
          <div key={i} className="rest-indicator-row">
            <input
              name={`indicator-${i}`}
              placeholder={t('restIndicator')}
              value={row.indicator}
              onChange={(e) => setIndicator(i, { indicator: e.target.value })}
            />
            <input
              name={`value-${i}`}
              type="number"
              step="any"
              placeholder={t('restValue')}
              required={row.indicator.trim() !== ''}
              value={row.value}
              onChange={(e) => setIndicator(i, { value: e.target.value })}
            />
            <input
              name={`unit-${i}`}
              placeholder={t('restUnit')}
              required={row.indicator.trim() !== ''}
              value={row.unit}
              onChange={(e) => setIndicator(i, { unit: e.target.value })}
            />
            <button
              type="button"
              onClick={() => setIndicators((rows) => rows.filter((_, j) => j !== i))}
            >
              {t('restRemove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          data-action="add-indicator"
          onClick={() => setIndicators((rows) => [...rows, { indicator: '', value: '', unit: '' }])}
        >
          {t('restAddIndicator')}
        </button>
      </fieldset>
      <label>
        {t('restNote')}
        <input name="note" value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <label>
        {t('restReason')}
        <input
          name="reason"
          value={reason}
          required
          minLength={2}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <FailureBox failure={failure} />
      <button type="submit" disabled={saving}>
        {saving ? t('restSaving') : t('restRecord')}
      </button>
    </form>
  );
}
