import { useEffect, useId, useState } from 'react';
import { parsePercent } from '../../domain/explorer';

/**
 * A percentage field whose committed value lives elsewhere (the URL): typing
 * commits every valid value at once; an invalid one is shown as an error once
 * the field is left, and the last valid value stays in force.
 */
export function PercentInput({
  label,
  help,
  error,
  value,
  kind,
  onCommit,
  testId,
}: {
  label: string;
  help: string;
  error: string;
  value: string;
  kind: 'growth' | 'buffer';
  onCommit: (v: string) => void;
  testId: string;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  const [touched, setTouched] = useState(false);
  // Follow the committed value when it changes from outside (reload, back button), not while it matches what is typed.
  useEffect(() => {
    const typed = parsePercent(text, kind);
    if (!typed || !typed.eq(value)) setText(value);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  const valid = parsePercent(text, kind) !== null;
  const showError = touched && !valid;
  return (
    <div className="field explore-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text}
        aria-invalid={showError}
        aria-describedby={`${id}-help`}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          const d = parsePercent(e.target.value, kind);
          if (d) onCommit(d.toString());
        }}
        onBlur={() => setTouched(true)}
      />
      <span
        id={`${id}-help`}
        className={showError ? 'field-error' : 'field-help'}
        role={showError ? 'alert' : undefined}
      >
        {showError ? error : help}
      </span>
    </div>
  );
}
