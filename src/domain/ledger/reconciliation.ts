/**
 * The reconciliation screen's rules as pure functions: each disclosed amount
 * of a category beside the ledger total over the same inclusive span, the
 * ledger's own extent, and the current cap period clipped to the as-of date.
 */
import { type DateRange, fromDayNumber, type IsoDate, toDayNumber } from '../dates';
import { type DailyTotals, lastEntryDay, sumDays } from '../ledgerTotals';
import type { CategoryId, Dataset, HistoricalAmount } from '../model';
import { type Money, sub } from '../money';

/** One disclosed amount against the ledger over the same days. */
export interface ReconciledSpan {
  readonly historical: HistoricalAmount;
  /** The ledger holds at least one row in the span (a sum of zero from rows still counts). */
  readonly hasRows: boolean;
  /** Ledger total over the span's days, both ends included. */
  readonly ledgerAmount: Money;
  /** Ledger minus disclosed: positive when the ledger holds more. */
  readonly difference: Money;
}

/** Disclosed spans ascending by start, then by end; the same order on every run. */
export function compareSpans(a: DateRange, b: DateRange): number {
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  if (a.end !== b.end) return a.end < b.end ? -1 : 1;
  return 0;
}

/** Every disclosed amount of the category, in span order, with the ledger total over its days and the difference. */
export function reconcileSpans(
  dataset: Pick<Dataset, 'historicals'>,
  daily: DailyTotals | undefined,
  categoryId: CategoryId,
): ReconciledSpan[] {
  return dataset.historicals
    .filter((h) => h.categoryId === categoryId)
    .sort((a, b) => compareSpans(a.range, b.range))
    .map((historical) => {
      const s = toDayNumber(historical.range.start);
      const e = toDayNumber(historical.range.end);
      const ledgerAmount = sumDays(daily, s, e);
      return {
        historical,
        hasRows: lastEntryDay(daily, s, e) !== null,
        ledgerAmount,
        difference: sub(ledgerAmount, historical.amount),
      };
    });
}

/** What the ledger holds for a category in all: total, days with rows, first and last day. Null when empty. */
export interface LedgerExtent {
  readonly total: Money;
  readonly days: number;
  readonly first: IsoDate;
  readonly last: IsoDate;
}

export function ledgerExtent(daily: DailyTotals | undefined): LedgerExtent | null {
  if (!daily || daily.days.length === 0) return null;
  const first = daily.days[0]!;
  const last = daily.days[daily.days.length - 1]!;
  return {
    total: sumDays(daily, first, last),
    days: daily.days.length,
    first: fromDayNumber(first),
    last: fromDayNumber(last),
  };
}
