// The fields and buttons reclamation's forms share: a labelled date, text or long text, and
// the error with the submit (and cancel) buttons under a form.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { DateInput } from '../app/DateInput.tsx';

export function DateField(props: {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
}) {
  return (
    <label>
      {props.label}
      <DateInput
        name={props.name}
        value={props.value}
        onChange={props.onChange}
        required={props.required ?? true}
      />
    </label>
  );
}

export function TextField(props: {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  long?: boolean;
}) {
  const common = {
    name: props.name,
    value: props.value,
    required: props.required ?? false,
  };
  return (
    <label>
      {props.label}
      {props.long ? (
        <textarea {...common} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input {...common} onChange={(e) => props.onChange(e.target.value)} />
      )}
    </label>
  );
}

export function FormButtons(props: {
  error: string | null;
  busy: boolean;
  submit: ReactNode;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      {props.error ? (
        <p className="error" data-testid="form-error">
          {props.error}
        </p>
      ) : null}
      <div className="buttons">
        <button type="submit" disabled={props.busy}>
          {props.submit}
        </button>
        {props.onCancel ? (
          <button type="button" className="link" onClick={props.onCancel}>
            {t('reclCancel')}
          </button>
        ) : null}
      </div>
    </>
  );
}
