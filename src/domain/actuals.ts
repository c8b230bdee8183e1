import { addDays, type DateRange, fromDayNumber, type IsoDate, toDayNumber } from './dates';
import { EMPTY_LEDGER, entryDaysIn, lastEntryDay, type LedgerTotals, sumDays } from './ledgerTotals';
import type { CategoryId, Dataset, HistoricalAmount } from './model';
import { add, type Money, ZERO } from './money';

/** How an actual amount was arrived at. */
export type ActualBasis = 'disclosed' | 'disclosed+ledger' | 'ledger' | 'none';

export interface SpanActual {
  /** Cumulative amount transacted over the span's days up to `through`. */
  readonly amount: Money;
  /** Last day the amount is known to cover (inclusive), or null when nothing is known. */
  readonly through: IsoDate | null;
  readonly basis: ActualBasis;
  /** The disclosed snapshot used, when one was. */
  readonly snapshot: HistoricalAmount | null;
  /** Ledger amount added on top of the snapshot (or the whole amount when basis is "ledger"). */
  readonly ledgerAmount: Money;
  /** Ledger amount on days the snapshot already covers: shown, never counted twice. */
  readonly coveredLedgerAmount: Money;
}

/**
 * The actual for a category over an inclusive span.
 *
 * Rule: a disclosed historical amount is a cumulative snapshot. The actual is
 * the latest snapshot that starts on `span.start` and ends on or before
 * `span.end`, plus ledger transactions dated after the snapshot's up-to date
 * (to `span.end`, inclusive). Ledger rows on or before the up-to date are
 * covered by the disclosure and not added. With no snapshot the ledger alone
 * counts; for a category marked "ledger is complete" only the ledger counts.
 */
export function actualForSpan(
  dataset: Dataset,
  ledger: LedgerTotals = EMPTY_LEDGER,
  categoryId: CategoryId,
  span: DateRange,
): SpanActual {
  const totals = ledger.byCategory.get(categoryId);
  const startDay = toDayNumber(span.start);
  const endDay = toDayNumber(span.end);
  const ledgerComplete = ledger.complete.has(categoryId);
  let snapshot: HistoricalAmount | null = null;
  if (!ledgerComplete) {
    for (const h of dataset.historicals) {
      if (h.categoryId !== categoryId || h.range.start !== span.start || h.range.end > span.end) continue;
      if (!snapshot || h.range.end > snapshot.range.end) snapshot = h;
    }
  }
  if (snapshot) {
    const snapEndDay = toDayNumber(snapshot.range.end);
    const ledgerAmount = sumDays(totals, snapEndDay + 1, endDay);
    const last = lastEntryDay(totals, snapEndDay + 1, endDay);
    return {
      amount: add(snapshot.amount, ledgerAmount),
      through: last === null ? snapshot.range.end : fromDayNumber(last),
      basis: last === null ? 'disclosed' : 'disclosed+ledger',
      snapshot,
      ledgerAmount,
      coveredLedgerAmount: sumDays(totals, startDay, snapEndDay),
    };
  }
  const last = lastEntryDay(totals, startDay, endDay);
  if (last === null) {
    return {
      amount: ZERO,
      through: null,
      basis: 'none',
      snapshot: null,
      ledgerAmount: ZERO,
      coveredLedgerAmount: ZERO,
    };
  }
  const amount = sumDays(totals, startDay, endDay);
  return {
    amount,
    // A ledger kept as complete covers every day up to the span end, not only days with rows.
    through: ledgerComplete ? span.end : fromDayNumber(last),
    basis: 'ledger',
    snapshot: null,
    ledgerAmount: amount,
    coveredLedgerAmount: ZERO,
  };
}

/** A known point of a cumulative curve: amount transacted from the period start through `date`. */
export interface CumulativePoint {
  readonly date: IsoDate;
  readonly amount: Money;
}

/**
 * Every day within the inclusive range `period.start..upTo` on which the
 * cumulative actual is known (snapshot up-to dates and ledger days), ascending,
 * starting with the zero point on the day before the period starts.
 */
export function cumulativePoints(
  dataset: Dataset,
  ledger: LedgerTotals = EMPTY_LEDGER,
  categoryId: CategoryId,
  period: DateRange,
  upTo: IsoDate,
): CumulativePoint[] {
  const end = upTo < period.end ? upTo : period.end;
  const dates = new Set<IsoDate>();
  if (!ledger.complete.has(categoryId)) {
    for (const h of dataset.historicals) {
      if (h.categoryId === categoryId && h.range.start === period.start && h.range.end <= end) dates.add(h.range.end);
    }
  }
  for (const d of entryDaysIn(ledger.byCategory.get(categoryId), toDayNumber(period.start), toDayNumber(end))) {
    dates.add(fromDayNumber(d));
  }
  const points: CumulativePoint[] = [{ date: addDays(period.start, -1), amount: ZERO }];
  for (const d of [...dates].sort()) {
    const a = actualForSpan(dataset, ledger, categoryId, { start: period.start, end: d });
    if (a.through !== null) points.push({ date: d, amount: a.amount });
  }
  return points;
}
