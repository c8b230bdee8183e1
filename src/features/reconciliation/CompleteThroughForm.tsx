import { useId, useState } from 'react';
import { checkCompleteThrough } from '../../domain/completeThrough';
import { todayIso, type IsoDate } from '../../domain/dates';
import { formatDate } from '../../domain/format';
import { useSetLedgerCompleteThrough } from '../../data/queries';
import { useErrorText, useLocale, useT } from '../../ui/i18n';
import { reconMessages } from './messages';

/**
 * A category's "ledger complete through" date (the month-end close): every
 * transaction up to and including it is in the ledger. Saved through the data
 * gateway (and recorded in the change history); the engine then knows the
 * actual through that day, and rows after it are provisional.
 */
export function CompleteThroughForm({
  categoryId,
  categoryName,
  current,
}: {
  categoryId: string;
  categoryName: string;
  current: IsoDate | null;
}) {
  const errorText = useErrorText();
  const t = useT(reconMessages);
  const locale = useLocale();
  const save = useSetLedgerCompleteThrough();
  const [date, setDate] = useState(current ?? '');
  // A close set elsewhere (an import's proposal, another tab) shows here; the message of a save stays.
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    setDate(current ?? '');
  }
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const id = useId();

  const submit = (value: string | null) => {
    setError(null);
    setMessage(null);
    if (value !== null) {
      const problem = checkCompleteThrough(value, todayIso());
      if (problem) {
        setError(
          problem === 'future' ? t('closeFuture', { today: formatDate(todayIso(), locale) }) : t('closeInvalid'),
        );
        return;
      }
    }
    save.mutate([{ categoryId, date: value }], {
      onSuccess: () => {
        if (value === null) setDate('');
        setMessage(value === null ? t('closeCleared') : t('closeSaved', { date: formatDate(value, locale) }));
      },
      onError: (e) => setError(errorText(e)),
    });
  };

  return (
    <form
      className="complete-through"
      data-testid={`complete-through-${categoryId}`}
      aria-label={t('closeFormLabel', { category: categoryName })}
      onSubmit={(e) => {
        e.preventDefault();
        submit(date);
      }}
    >
      <label className="field field-inline" htmlFor={`${id}-date`}>
        <span>{t('closeLabel')}</span>
        <input
          id={`${id}-date`}
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
          aria-describedby={`${id}-hint`}
        />
      </label>
      <button type="submit" className="btn btn-small" disabled={save.isPending || date === ''}>
        {t('closeSave')}
      </button>
      {current && (
        <button
          type="button"
          className="btn btn-small btn-secondary"
          disabled={save.isPending}
          onClick={() => submit(null)}
        >
          {t('closeClear')}
        </button>
      )}
      <p id={`${id}-hint`} className="hint">
        {current ? t('closeCurrent', { date: formatDate(current, locale) }) : t('closeNone')}
      </p>
      {message && (
        <p className="field-ok" role="status">
          {message}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
