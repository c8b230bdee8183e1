import { formatDate } from '../../domain/format';
import { fromDayNumber, type IsoDate } from '../../domain/dates';
import type { LedgerTotals } from '../../domain/ledgerTotals';
import type { Dataset } from '../../domain/model';
import { useLocale, useT } from '../i18n';
import { componentMessages } from './messages';

/** The latest up-to date of any disclosed amount in the dataset, or null. */
export function latestDisclosed(dataset: Dataset): IsoDate | null {
  let best: IsoDate | null = null;
  for (const h of dataset.historicals) if (best === null || h.range.end > best) best = h.range.end;
  return best;
}

/** The latest day with a ledger entry in any category, or null. */
export function latestLedgerDay(ledger: LedgerTotals | undefined): IsoDate | null {
  let best: number | null = null;
  for (const totals of ledger?.byCategory.values() ?? []) {
    const last = totals.days[totals.days.length - 1];
    if (last !== undefined && (best === null || last > best)) best = last;
  }
  return best === null ? null : fromDayNumber(best);
}

/** "Disclosed amounts up to April 23, 2026 · ledger entries up to …": how fresh the figures are. */
export function FreshnessNote({ dataset, ledger }: { dataset: Dataset; ledger?: LedgerTotals }) {
  const t = useT(componentMessages);
  const locale = useLocale();
  const disclosed = latestDisclosed(dataset);
  const ledgerDay = latestLedgerDay(ledger);
  return (
    <p className="freshness">
      <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      <span>
        {disclosed && t('freshnessDisclosed', { date: formatDate(disclosed, locale) })}
        {ledgerDay && <> · {t('freshnessLedger', { date: formatDate(ledgerDay, locale) })}</>}
      </span>
    </p>
  );
}
