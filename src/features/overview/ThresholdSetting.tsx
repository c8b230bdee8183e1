import { useEffect, useId, useRef, useState } from 'react';
import { formatPercent } from '../../domain/format';
import { DEFAULT_THRESHOLD_PERCENT, thresholdFraction } from '../../domain/threshold';
import { useSaveThreshold, useSettings } from '../../data/queries';
import { useErrorText, useT } from '../../ui/i18n';
import { overviewMessages } from './messages';

/** A small popover to change the alert threshold (persisted in IndexedDB). */
export function ThresholdSetting() {
  const errorText = useErrorText();
  const t = useT(overviewMessages);
  const settings = useSettings();
  const save = useSaveThreshold();
  const current = settings.data?.thresholdPercent ?? DEFAULT_THRESHOLD_PERCENT;
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(current);
  const [saved, setSaved] = useState(false);
  const id = useId();
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) {
      setValue(current);
      setSaved(false);
      save.reset();
      input.current?.focus();
    }
    // Re-seed only when the popover opens, not when the stored value or the mutation object changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onDown = (e: MouseEvent) => {
      if (wrap.current && !wrap.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
    };
  }, [open]);

  const submit = (v: string | null) => {
    setSaved(false);
    save.mutate(v === null ? null : v.trim(), { onSuccess: () => setSaved(true) });
  };

  return (
    <div className="threshold-setting" ref={wrap}>
      <button
        ref={button}
        type="button"
        className="btn btn-secondary btn-small"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M2 4h12M2 8h12M2 12h12" stroke="currentColor" strokeWidth="1.4" />
          <circle cx="5" cy="4" r="1.8" fill="#fff" stroke="currentColor" strokeWidth="1.4" />
          <circle cx="11" cy="8" r="1.8" fill="#fff" stroke="currentColor" strokeWidth="1.4" />
          <circle cx="7" cy="12" r="1.8" fill="#fff" stroke="currentColor" strokeWidth="1.4" />
        </svg>
        {t('thresholdButton', { pct: formatPercent(thresholdFraction(current)) })}
      </button>
      {open && (
        <div className="popover" id={id} role="dialog" aria-label={t('thresholdTitle')}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              submit(value);
            }}
          >
            <p className="popover-help">{t('thresholdHelp')}</p>
            <label className="field">
              <span>{t('thresholdInput')}</span>
              <input
                ref={input}
                type="text"
                inputMode="decimal"
                value={value}
                onChange={(e) => setValue(e.target.value)}
                aria-invalid={save.isError}
                aria-describedby={save.isError ? `${id}-err` : undefined}
              />
            </label>
            {save.isError && (
              <p className="field-error" id={`${id}-err`} role="alert">
                {errorText(save.error)}
              </p>
            )}
            {saved && (
              <p className="field-ok" role="status">
                {t('savedNote')}
              </p>
            )}
            <div className="popover-actions">
              <button type="submit" className="btn" disabled={save.isPending}>
                {t('save')}
              </button>
              <button
                type="button"
                className="btn btn-secondary"
                onClick={() => {
                  // Back to the disclosed threshold: the setting is removed, not stored as 80.
                  setValue(DEFAULT_THRESHOLD_PERCENT);
                  submit(null);
                }}
              >
                {t('resetDefault', { pct: formatPercent(thresholdFraction(DEFAULT_THRESHOLD_PERCENT), 0) })}
              </button>
              <button
                type="button"
                className="btn btn-link"
                onClick={() => {
                  setOpen(false);
                  button.current?.focus();
                }}
              >
                {t('cancel')}
              </button>
            </div>
          </form>
        </div>
      )}
    </div>
  );
}
