import { addDays, type DateRange, fromDayNumber, type IsoDate, toDayNumber } from './dates';
import { EMPTY_LEDGER, entryDaysIn, lastEntryDay, type LedgerTotals, sumDays } from './ledgerTotals';
import type { CategoryId, Dataset, HistoricalAmount } from './model';
import { add, type Money, ZERO } from './money';

/** How an actual amount was arrived at. */
export type ActualBasis = 'disclosed' | 'disclosed+ledger' | 'ledger' | 'none';

export interface SpanActual {
  /**
   * Amount transacted over the span's days: the disclosed snapshot plus ledger
   * rows after its up-to date (provisional rows after the known-through date
   * included). When `through` is null this is only what the ledger holds so
   * far — a lower bound, never a figure for the span.
   */
  readonly amount: Money;
  /**
   * Last day (inclusive) through which every transaction of the span is known:
   * the later of the snapshot's up-to date and the ledger's "complete through"
   * date, clipped to the span end. Null when nothing is known.
   */
  readonly through: IsoDate | null;
  readonly basis: ActualBasis;
  /** The disclosed snapshot used, when one was. */
  readonly snapshot: HistoricalAmount | null;
  /** Ledger amount added on top of the snapshot (or the whole amount when basis is "ledger"). */
  readonly ledgerAmount: Money;
  /** Ledger amount on days the snapshot already covers: shown, never counted twice. */
  readonly coveredLedgerAmount: Money;
  /** Ledger rows dated after `through` (or all rows when nothing is known) are included: the figure may still grow. */
  readonly provisional: boolean;
  /** Amount of those rows. */
  readonly provisionalAmount: Money;
  /** Day of the last ledger row counted, or null. */
  readonly lastRow: IsoDate | null;
}

/** The "ledger complete through" date of a category, when the user set one. */
export function ledgerCompleteThrough(ledger: LedgerTotals, categoryId: CategoryId): IsoDate | null {
  return ledger.completeThrough?.get(categoryId) ?? null;
}

/**
 * First day (day number) from which a "ledger complete through" date vouches
 * for the ledger: the day after the latest disclosure of the category ending on
 * or before the close; the beginning of time when nothing is disclosed.
 */
function ledgerCoverageStart(dataset: Dataset, categoryId: CategoryId, close: IsoDate): number {
  let last: IsoDate | null = null;
  for (const h of dataset.historicals) {
    if (h.categoryId === categoryId && h.range.end <= close && (last === null || h.range.end > last))
      last = h.range.end;
  }
  return last === null ? -Infinity : toDayNumber(last) + 1;
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
 *
 * Known-through: the later of the snapshot's up-to date and the category's
 * "ledger complete through" date (clipped to the span end); a category marked
 * "ledger is complete" without a date is known through the span end. Rows after
 * it count but make the figure provisional. Nothing known: `through` is null and
 * the amount is only a lower bound.
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
  const completeThrough = ledgerCompleteThrough(ledger, categoryId);
  let snapshot: HistoricalAmount | null = null;
  if (!ledgerComplete) {
    for (const h of dataset.historicals) {
      if (h.categoryId !== categoryId || h.range.start !== span.start || h.range.end > span.end) continue;
      if (!snapshot || h.range.end > snapshot.range.end) snapshot = h;
    }
  }
  // The ledger's own coverage of the span: complete through its close date (a
  // close before the span starts says nothing about it), or the whole span for a
  // ledger kept as complete without a date.
  let ledgerKnownDay: number | null = null;
  if (completeThrough !== null) {
    const closeDay = toDayNumber(completeThrough);
    // The close vouches for the days after the category's last disclosure (or all
    // days when the ledger replaces the disclosures): a close in 2026 says nothing
    // about April 24 – May 31, 2025, which no disclosure and no close covers.
    const coveredFrom = ledgerComplete ? -Infinity : ledgerCoverageStart(dataset, categoryId, completeThrough);
    const reachFrom = snapshot ? toDayNumber(snapshot.range.end) + 1 : startDay;
    if (reachFrom >= coveredFrom && closeDay >= startDay) ledgerKnownDay = Math.min(closeDay, endDay);
  } else if (ledgerComplete) {
    ledgerKnownDay = endDay;
  }
  const fromDay = snapshot ? toDayNumber(snapshot.range.end) + 1 : startDay;
  const ledgerAmount = sumDays(totals, fromDay, endDay);
  const last = lastEntryDay(totals, fromDay, endDay);
  const knownDay = Math.max(snapshot ? toDayNumber(snapshot.range.end) : -Infinity, ledgerKnownDay ?? -Infinity);
  const through = knownDay === -Infinity ? null : fromDayNumber(knownDay);
  const provisionalFrom = through === null ? startDay : knownDay + 1;
  const provisionalAmount = sumDays(totals, Math.max(provisionalFrom, fromDay), endDay);
  const provisional = lastEntryDay(totals, Math.max(provisionalFrom, fromDay), endDay) !== null;
  const basis: ActualBasis = snapshot
    ? last === null
      ? 'disclosed'
      : 'disclosed+ledger'
    : last === null && through === null
      ? 'none'
      : 'ledger';
  return {
    amount: snapshot ? add(snapshot.amount, ledgerAmount) : ledgerAmount,
    through,
    basis,
    snapshot,
    ledgerAmount,
    coveredLedgerAmount: snapshot ? sumDays(totals, startDay, toDayNumber(snapshot.range.end)) : ZERO,
    provisional,
    provisionalAmount,
    lastRow: last === null ? null : fromDayNumber(last),
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
 *
 * Each point depends only on the dataset, the ledger, the category and the span
 * `period.start..date`, never on `upTo`; so the whole period's points are worked
 * out once per (dataset, ledger) and an as-of change only cuts them. Both inputs
 * are immutable values (a new ledger is a new object), so the cache cannot go stale.
 */
export function cumulativePoints(
  dataset: Dataset,
  ledger: LedgerTotals = EMPTY_LEDGER,
  categoryId: CategoryId,
  period: DateRange,
  upTo: IsoDate,
): CumulativePoint[] {
  const end = upTo < period.end ? upTo : period.end;
  const all = periodPoints(dataset, ledger, categoryId, period);
  // Binary search for the last point on or before `end` (points ascend by date).
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (all[mid]!.date <= end) lo = mid + 1;
    else hi = mid;
  }
  return all.slice(0, Math.max(lo, 1));
}

const pointsCache = new WeakMap<Dataset, WeakMap<LedgerTotals, Map<string, readonly CumulativePoint[]>>>();

/** Every known point of the inclusive period (see `cumulativePoints`), memoised per dataset and ledger. */
function periodPoints(
  dataset: Dataset,
  ledger: LedgerTotals,
  categoryId: CategoryId,
  period: DateRange,
): readonly CumulativePoint[] {
  let byLedger = pointsCache.get(dataset);
  if (!byLedger) pointsCache.set(dataset, (byLedger = new WeakMap()));
  let byKey = byLedger.get(ledger);
  if (!byKey) byLedger.set(ledger, (byKey = new Map()));
  const key = `${categoryId}\u0000${period.start}\u0000${period.end}`;
  let points = byKey.get(key);
  if (!points) byKey.set(key, (points = computePoints(dataset, ledger, categoryId, period)));
  return points;
}

function computePoints(
  dataset: Dataset,
  ledger: LedgerTotals,
  categoryId: CategoryId,
  period: DateRange,
): CumulativePoint[] {
  const dates = new Set<IsoDate>();
  if (!ledger.complete.has(categoryId)) {
    for (const h of dataset.historicals) {
      if (h.categoryId === categoryId && h.range.start === period.start && h.range.end <= period.end)
        dates.add(h.range.end);
    }
  }
  for (const d of entryDaysIn(ledger.byCategory.get(categoryId), toDayNumber(period.start), toDayNumber(period.end))) {
    dates.add(fromDayNumber(d));
  }
  const points: CumulativePoint[] = [{ date: addDays(period.start, -1), amount: ZERO }];
  for (const d of [...dates].sort()) {
    const a = actualForSpan(dataset, ledger, categoryId, { start: period.start, end: d });
    if (a.through !== null) points.push({ date: d, amount: a.amount });
  }
  return points;
}
