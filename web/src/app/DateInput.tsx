// A date typed as YYYY-MM-DD in both languages, whatever the browser's locale (a native date
// input shows 03/02/2026 in an en-US browser). The page hears only real calendar dates (or ''
// when cleared); while the text is not one, the field says so under it and the form will not
// submit (the browser's own validity check carries the same message).
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `text` is YYYY-MM-DD and names a day of the calendar (no 2026-02-30). */
export function isIsoDate(text: string): boolean {
  const m = isoPattern.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1000 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

export function DateInput(props: {
  value: string;
  onChange: (value: string) => void;
  name?: string;
  required?: boolean;
  'aria-label'?: string;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(props.value);
  // The page may set the value itself (a reset after saving): the text follows it.
  const [shown, setShown] = useState(props.value);
  if (props.value !== shown) {
    setShown(props.value);
    setDraft(props.value);
  }
  const [touched, setTouched] = useState(false);
  const problem = draft === '' ? null : isIsoDate(draft) ? null : t('dateFormatError');

  // The browser's validity follows the text, so an invalid date stops the form's submit.
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.setCustomValidity(problem ?? ''), [problem]);

  const change = (event: ChangeEvent<HTMLInputElement>) => {
    const text = event.target.value.trim();
    setDraft(text);
    const valid = text === '' || isIsoDate(text);
    if (valid && text !== props.value) {
      setShown(text);
      props.onChange(text);
    }
  };

  return (
    <>
      <input
        ref={input}
        type="text"
        className="date-input"
        inputMode="numeric"
        autoComplete="off"
        placeholder="YYYY-MM-DD"
        pattern="\d{4}-\d{2}-\d{2}"
        maxLength={10}
        name={props.name}
        value={draft}
        required={props.required}
        aria-label={props['aria-label']}
        aria-invalid={problem !== null}
        title={t('dateFormatHint')}
        onChange={change}
        onBlur={() => setTouched(true)}
        onInvalid={() => setTouched(true)}
      />
      {problem && touched ? (
        <span className="error small date-error" role="alert">
          {problem}
        </span>
      ) : null}
    </>
  );
}
