// Fields the supervision forms share: a required text (a reason, the grounds of a verdict:
// at least two characters, as the API asks) and a choice from a list.
export function RequiredText(props: {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {props.label}
      <input
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        required
        minLength={2}
      />
    </label>
  );
}

export function Choice(props: {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly (readonly [value: string, label: string])[];
}) {
  return (
    <label>
      {props.label}
      <select
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}
