import { useState } from 'react';
import { proposeCompleteThrough } from '../../domain/completeThrough';
import { fromDayNumber, type IsoDate, todayIso } from '../../domain/dates';
import { formatDate } from '../../domain/format';
import type { Dataset } from '../../domain/model';
import { useLedgerTotals, useSetLedgerCompleteThrough } from '../../data/queries';
import { useBilingual, useErrorText, useLocale, useT } from '../../ui/i18n';
import { importMessages } from './messages';

/**
 * After an import: proposes the last day of the last complete month of the
 * imported rows as the "ledger complete through" date of each category the
 * file touched (only where it moves the close forward). Nothing is set until
 * the user confirms.
 */
export function CompleteThroughProposal({
  dataset,
  categoryIds,
  maxDay,
}: {
  dataset: Dataset;
  categoryIds: readonly string[];
  maxDay: number | null;
}) {
  const errorText = useErrorText();
  const t = useT(importMessages);
  const name = useBilingual();
  const locale = useLocale();
  const totals = useLedgerTotals();
  const save = useSetLedgerCompleteThrough();
  const [confirmed, setConfirmed] = useState<IsoDate | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (maxDay === null || !totals.data) return null;
  const lastRow = fromDayNumber(maxDay);
  const today = todayIso();
  const proposals = categoryIds
    .map((id) => ({ id, date: proposeCompleteThrough(lastRow, totals.data.completeThrough?.get(id) ?? null, today) }))
    .filter((p): p is { id: string; date: IsoDate } => p.date !== null);
  if (confirmed)
    return (
      <p className="field-ok" role="status" data-testid="close-confirmed">
        {t('closeConfirmed', { date: formatDate(confirmed, locale) })}
      </p>
    );
  if (proposals.length === 0) return null;
  const date = proposals[0]!.date;
  const names = proposals.map((p) => {
    const c = dataset.categories.find((x) => x.id === p.id);
    return c ? name(c.name) : p.id;
  });
  return (
    <div className="close-proposal" data-testid="close-proposal">
      <p>
        {t('closeProposal', {
          last: formatDate(lastRow, locale),
          date: formatDate(date, locale),
          categories: names.join(locale === 'zh' ? '、' : ', '),
        })}
      </p>
      <p className="muted">{t('closeProposalHint')}</p>
      <button
        type="button"
        className="btn btn-secondary"
        disabled={save.isPending}
        data-testid="close-confirm"
        onClick={() => {
          setError(null);
          save.mutate(
            proposals.map((p) => ({ categoryId: p.id, date: p.date })),
            {
              onSuccess: () => setConfirmed(date),
              onError: (e) => setError(errorText(e)),
            },
          );
        }}
      >
        {t('closeConfirm', { date: formatDate(date, locale) })}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
