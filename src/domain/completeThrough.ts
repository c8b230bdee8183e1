/**
 * "Ledger complete through": the month-end close a user states per category
 * (every transaction up to and including that day is in the ledger). The
 * engine reads it as `LedgerTotals.completeThrough` (see actuals.ts); rows
 * after it count but make the figure provisional. An import proposes a date
 * and the user confirms it — the tool never decides on its own that a month
 * is closed.
 */
import { addDays, endOfMonth, type IsoDate, isIsoDate, startOfMonth } from './dates';

/**
 * The last day of the last complete month of a ledger whose rows run to
 * `lastRow`: `lastRow` itself when it is a month's last day, otherwise the
 * end of the month before. Never after `today` (a future-dated row closes no
 * month that has not ended).
 */
export function lastCompleteMonthEnd(lastRow: IsoDate, today: IsoDate): IsoDate {
  const monthEndUpTo = (d: IsoDate) => (endOfMonth(d) === d ? d : addDays(startOfMonth(d), -1));
  const fromRows = monthEndUpTo(lastRow);
  const fromToday = monthEndUpTo(today);
  return fromRows < fromToday ? fromRows : fromToday;
}

/**
 * What an import proposes for a category: the last complete month's end of
 * its rows, when that is later than the date already set (a proposal never
 * moves the close backwards). Null when there is nothing to propose.
 */
export function proposeCompleteThrough(lastRow: IsoDate, current: IsoDate | null, today: IsoDate): IsoDate | null {
  const proposed = lastCompleteMonthEnd(lastRow, today);
  return current !== null && current >= proposed ? null : proposed;
}

/** Why a typed "complete through" date is refused. */
export type CompleteThroughProblem = 'invalid-date' | 'future';

/** A close date must be a real date and not after today (a month not yet ended cannot be closed). */
export function checkCompleteThrough(date: string, today: IsoDate): CompleteThroughProblem | null {
  if (!isIsoDate(date)) return 'invalid-date';
  if (date > today) return 'future';
  return null;
}
